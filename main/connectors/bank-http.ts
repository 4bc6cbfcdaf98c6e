import type { z } from 'zod';
import { AppError } from '../../shared/app-errors.ts';
import { bankField, MAX_ANSWER_BYTES, MAX_ERROR_BYTES, readJsonBody } from './bank-body.ts';
import { decideRetry, DEFAULT_RETRY_POLICY, parseRetryAfter, type RetryPolicy } from './retry-policy.ts';

/** Signs the DPoP proof of one API call (RFC 9449 §7) and keeps the bank's nonce for the next. */
interface ProofSigner {
  proof(htm: string, url: string, accessToken: string): string;
  /** Says whether the nonce is new: a refusal for want of one is then worth one retry. */
  rememberNonce(url: string, nonce: string): boolean;
}

/** Where the client gets its access token; `renew` after the bank refused the last one. */
export interface AccessTokenSource {
  accessToken(renew: boolean): Promise<string>;
  /** The proofs the token last handed out needs: undefined (or absent) for a bearer token. */
  prover?(): ProofSigner | undefined;
}

/** How a token travels: as a bearer token, or bound to a key and sent with a proof. */
type TokenScheme = 'Bearer' | 'DPoP';

/**
 * What a refusal means, whatever words the bank used for it. Each connector maps its dialect's
 * statuses and error codes to these (its error table); the transport and the sync engine act on
 * the meaning only, so neither knows any bank's codes.
 */
export type RefusalKind =
  /** The access token is not accepted: renew it once, then the link is gone. */
  | 'token'
  /** The customer's consent ended: no renewal helps. */
  | 'expired'
  /** Too many requests: wait as long as the bank says. */
  | 'wait'
  /** Down or in maintenance: wait as long as the bank says, then report it. */
  | 'unavailable'
  /** The page key the app saved is refused: start the run over. */
  | 'bad-key'
  /** The account is not (any longer) shared with the app. */
  | 'not-found'
  /** Anything else, the bank's code kept for the user and the log. */
  | 'other';

/** One row of a dialect's error table: the first row that matches a refusal says what it means. */
export interface ErrorRule {
  status?: number;
  code?: string;
  kind: RefusalKind;
}

/** How a dialect speaks HTTP: how the token is sent, how an error body reads, what its codes mean. */
export interface HttpDialect {
  /** The headers that carry the token; the DPoP proof itself is added by the client. */
  authorize(token: string, scheme: TokenScheme): Record<string, string>;
  errorCode(body: unknown): string | undefined;
  errors: readonly ErrorRule[];
  /** The codes the API answers a request without a token with (接続テスト tells dialects apart by them). */
  noTokenCodes: RegExp;
}

export function classifyRefusal(
  rules: readonly ErrorRule[],
  status: number,
  code: string | undefined,
): RefusalKind {
  const rule = rules.find(
    (r) => (r.status === undefined || r.status === status) && (r.code === undefined || r.code === code),
  );
  return rule?.kind ?? 'other';
}

/** A refusal the app cannot retry its way out of, with what it means and the bank's own code. */
export class BankRefusal extends AppError {
  readonly kind: RefusalKind;
  readonly status: number;

  constructor(kind: RefusalKind, status: number, bankCode: string, detail: string) {
    super('BANK_ERROR', detail, { bankCode });
    this.kind = kind;
    this.status = status;
  }
}

export interface BankHttpOptions {
  apiBase: string;
  dialect: HttpDialect;
  tokens: AccessTokenSource;
  retry?: RetryPolicy;
  /** Per request; a bank that does not answer is a bank that is down. */
  timeoutMs?: number;
  /** Called before each wait, so the UI can say the bank asked us to slow down. */
  onRetryWait?: (waitMs: number, status: number | undefined) => void;
  sleep?: (ms: number) => Promise<void>;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The one HTTP client for every bank API, shared by the connectors: it retries what the bank says
 * is temporary (Retry-After honoured, network failures with backoff), renews the access token once
 * when it is refused, validates every answer against the connector's schema, and turns every
 * failure into a coded AppError.
 */
export class BankHttp {
  private readonly options: Required<Omit<BankHttpOptions, 'onRetryWait'>> &
    Pick<BankHttpOptions, 'onRetryWait'>;

  constructor(options: BankHttpOptions) {
    this.options = {
      retry: DEFAULT_RETRY_POLICY,
      timeoutMs: 30_000,
      sleep: sleepFor,
      ...options,
      apiBase: options.apiBase.replace(/\/+$/, ''),
    };
  }

  async get<S extends z.ZodType>(
    path: string,
    params: Record<string, string>,
    schema: S,
  ): Promise<z.output<S>> {
    const { dialect } = this.options;
    const url = `${this.options.apiBase}${path}${Object.keys(params).length ? `?${new URLSearchParams(params)}` : ''}`;
    let renewed = false;
    let nonceRetried = false;
    for (let attempt = 1; ; attempt++) {
      const token = await this.options.tokens.accessToken(false);
      const prover = this.options.tokens.prover?.();
      let res: Response;
      try {
        res = await fetch(url, {
          headers: {
            ...dialect.authorize(token, prover ? 'DPoP' : 'Bearer'),
            ...(prover ? { dpop: prover.proof('GET', url, token) } : {}),
            accept: 'application/json',
          },
          // A redirect would carry the token to wherever the bank (or whoever answers for it) says.
          redirect: 'manual',
          signal: AbortSignal.timeout(this.options.timeoutMs),
        });
      } catch (error) {
        await this.waitOrThrow(attempt, undefined, undefined, () => {
          throw new AppError('BANK_UNAVAILABLE', `the bank did not answer: ${describe(error)}`, {
            cause: error,
          });
        });
        continue;
      }
      if (isRedirect(res)) {
        await res.body?.cancel().catch(() => {});
        throw redirected(res, url, path);
      }
      const nonce = res.headers.get('dpop-nonce');
      const newNonce = prover !== undefined && nonce !== null && prover.rememberNonce(url, nonce);
      if (res.ok) return parseAnswer(schema, await readJsonBody(res, MAX_ANSWER_BYTES, path), path);
      if (newNonce && !nonceRetried && asksForNonce(res)) {
        // RFC 9449 §9: the bank wants its nonce in the proof; the same request once more with it.
        nonceRetried = true;
        await res.body?.cancel().catch(() => {});
        attempt--;
        continue;
      }

      const sent = dialect.errorCode(await readJsonBody(res, MAX_ERROR_BYTES, path));
      const code = sent === undefined ? undefined : bankField(sent, token);
      const shown = code ?? `HTTP ${res.status}`;
      const kind = classifyRefusal(dialect.errors, res.status, code);
      if (kind === 'token' && !renewed) {
        // One renewal cures an expired access token; a second refusal means the link itself is gone.
        renewed = true;
        await this.options.tokens.accessToken(true);
        attempt--;
        continue;
      }
      if (kind === 'token' || kind === 'expired') {
        throw new AppError('CONSENT_EXPIRED', `the bank refused the token (${shown})`, { bankCode: shown });
      }
      if (kind === 'wait' || kind === 'unavailable') {
        const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), Date.now());
        await this.waitOrThrow(attempt, res.status, retryAfterMs, (retryAt) => {
          throw new AppError(
            kind === 'wait' ? 'RATE_LIMITED' : 'BANK_UNAVAILABLE',
            `the bank answered ${res.status} ${shown}`,
            {
              ...(retryAt === undefined ? {} : { retryAt: new Date(retryAt).toISOString() }),
              bankCode: shown,
            },
          );
        });
        continue;
      }
      if (kind === 'not-found') {
        throw new AppError('NOT_FOUND', 'the account is no longer shared with this app', { bankCode: shown });
      }
      throw new BankRefusal(kind, res.status, shown, `the bank answered ${res.status} ${shown} to ${path}`);
    }
  }

  private async waitOrThrow(
    attempt: number,
    status: number | undefined,
    retryAfterMs: number | undefined,
    giveUp: (retryAt: number | undefined) => never,
  ): Promise<void> {
    const decision = decideRetry(this.options.retry, attempt, retryAfterMs, Date.now());
    if (!decision.retry) giveUp(decision.retryAt);
    this.options.onRetryWait?.(decision.waitMs, status);
    await this.options.sleep(decision.waitMs);
  }
}

/** A bank's answer checked against the connector's schema: BANK_RESPONSE_INVALID names the field. */
function parseAnswer<S extends z.ZodType>(schema: S, json: unknown, path: string): z.output<S> {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      'BANK_RESPONSE_INVALID',
      `unexpected answer from ${path}: ${issue?.path.join('.') || '(body)'} ${issue?.message}`,
    );
  }
  return parsed.data;
}

/** A DPoP bank's "use my nonce" (RFC 9449 §9), whichever dialect's body came with it. */
function asksForNonce(res: Response): boolean {
  return res.status === 401 && /error="use_dpop_nonce"/.test(res.headers.get('www-authenticate') ?? '');
}

/** 3xx, or the opaque answer a fetch with `redirect: 'manual'` gives where the platform hides it. */
function isRedirect(res: Response): boolean {
  return res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400);
}

/** BANK_REDIRECTED naming where the bank pointed (its origin only: a path may hold anything). */
function redirected(res: Response, url: string, path: string): AppError {
  const location = res.headers.get('location');
  let origin = '(not given)';
  if (location) {
    try {
      origin = new URL(location, url).origin;
    } catch {
      origin = '(not a URL)';
    }
  }
  return new AppError(
    'BANK_REDIRECTED',
    `the bank answered ${res.status || 'a redirect'} to ${path}, pointing to ${origin}; not followed`,
  );
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}
