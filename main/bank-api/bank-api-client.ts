import type { z } from 'zod';
import { AppError } from '../../shared/app-errors.ts';
import {
  AccountsSchema,
  ApiErrorSchema,
  BalancesSchema,
  TransactionsPageSchema,
  type BankAccountData,
  type BankBalanceData,
  type TransactionsPage,
} from './api-schemas.ts';
import { decideRetry, DEFAULT_RETRY_POLICY, parseRetryAfter, type RetryPolicy } from './retry-policy.ts';

/** Where the client gets its bearer token; `renew` after the bank answered 401 to the last one. */
export interface AccessTokenSource {
  accessToken(renew: boolean): Promise<string>;
}

export interface BankApiOptions {
  apiBase: string;
  tokens: AccessTokenSource;
  retry?: RetryPolicy;
  /** Per request; a bank that does not answer is a bank that is down. */
  timeoutMs?: number;
  /** Called before each wait, so the UI can say the bank asked us to slow down. */
  onRetryWait?: (waitMs: number, status: number | undefined) => void;
  sleep?: (ms: number) => Promise<void>;
}

/** A refusal the app cannot retry its way out of, with the bank's own error code kept. */
export class BankRefusal extends AppError {
  readonly bankCode: string;

  constructor(bankCode: string, detail: string) {
    super('BANK_ERROR', detail);
    this.bankCode = bankCode;
  }
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The account-information API as the app uses it: one client per connection. It retries what the
 * bank says is temporary (429/503 honouring Retry-After, network failures with backoff), renews
 * the access token once on 401, validates every answer, and turns every failure into an AppError.
 */
export class BankApiClient {
  private readonly options: Required<Omit<BankApiOptions, 'onRetryWait'>> &
    Pick<BankApiOptions, 'onRetryWait'>;

  constructor(options: BankApiOptions) {
    this.options = {
      retry: DEFAULT_RETRY_POLICY,
      timeoutMs: 30_000,
      sleep: sleepFor,
      ...options,
      apiBase: options.apiBase.replace(/\/+$/, ''),
    };
  }

  async accounts(): Promise<BankAccountData[]> {
    return (await this.get('/accounts', {}, AccountsSchema)).accounts;
  }

  async balances(): Promise<BankBalanceData[]> {
    return (await this.get('/accounts/balances', {}, BalancesSchema)).balances;
  }

  async transactions(query: {
    accountId: string;
    dateFrom: string;
    nextItemKey?: string;
  }): Promise<TransactionsPage> {
    const params: Record<string, string> = { accountId: query.accountId, dateFrom: query.dateFrom };
    if (query.nextItemKey) params.nextItemKey = query.nextItemKey;
    return this.get('/accounts/transactions', params, TransactionsPageSchema);
  }

  private async get<S extends z.ZodType>(
    path: string,
    params: Record<string, string>,
    schema: S,
  ): Promise<z.output<S>> {
    const url = `${this.options.apiBase}${path}${Object.keys(params).length ? `?${new URLSearchParams(params)}` : ''}`;
    let renewed = false;
    for (let attempt = 1; ; attempt++) {
      const token = await this.options.tokens.accessToken(false);
      let res: Response;
      try {
        res = await fetch(url, {
          headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
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
      if (res.ok) return this.parse(schema, await res.json().catch(() => undefined), path);

      const body = ApiErrorSchema.safeParse(await res.json().catch(() => undefined));
      const code = body.success ? body.data.errorCode : `HTTP ${res.status}`;
      if (res.status === 401) {
        // One renewal cures an expired access token; a second 401 means the link itself is gone.
        if (!renewed && code !== 'LINK_EXPIRED') {
          renewed = true;
          await this.options.tokens.accessToken(true);
          attempt--;
          continue;
        }
        throw new AppError('CONSENT_EXPIRED', `the bank refused the token (${code})`);
      }
      if (res.status === 429 || res.status === 503) {
        const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), Date.now());
        await this.waitOrThrow(attempt, res.status, retryAfterMs, (retryAt) => {
          const retryAtIso = retryAt === undefined ? undefined : new Date(retryAt).toISOString();
          throw new AppError(
            res.status === 429 ? 'RATE_LIMITED' : 'BANK_UNAVAILABLE',
            `the bank answered ${res.status} ${code}`,
            retryAtIso ? { retryAt: retryAtIso } : {},
          );
        });
        continue;
      }
      if (res.status === 404 && code === 'ACCOUNT_NOT_FOUND') {
        throw new AppError('NOT_FOUND', 'the account is no longer shared with this app');
      }
      throw new BankRefusal(code, `the bank answered ${res.status} ${code} to ${path}`);
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

  private parse<S extends z.ZodType>(schema: S, json: unknown, path: string): z.output<S> {
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError(
        'BANK_ERROR',
        `unexpected answer from ${path}: ${issue?.path.join('.')} ${issue?.message}`,
      );
    }
    return parsed.data;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}
