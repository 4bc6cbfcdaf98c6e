import { API_DIALECTS, type ApiDialect } from '../../shared/bank/oauth.ts';
import type {
  BankProfileInput,
  ProfileCheck,
  ProfileFinding,
  ProfileTestResult,
} from '../../shared/ipc/contract.ts';
import { DIALECT_HTTP } from '../connectors/connector-factory.ts';

/** Each step's limit: a bank that takes longer than this to answer one request is not set up right. */
const STEP_TIMEOUT_MS = 5000;

type Target = Omit<BankProfileInput, 'name'>;
/** A step's result: what it found, in English and as a finding the UI words in its language. */
type Told = { detail: string; finding: ProfileFinding };
type Step = (target: Target, found: Found) => Promise<Told>;

/** What an earlier step learnt that a later one needs. */
interface Found {
  metadata?: Record<string, unknown>;
  /** Each API base's answer to a request without a token: its URL and the bank's error code. */
  refusals?: Array<{ url: string; errorCode: string | undefined }>;
}

/** A failed step: its message is the `detail`, its finding what the 設定 screen says. */
class CheckFailed extends Error {
  readonly finding: ProfileFinding;
  constructor(finding: ProfileFinding, message: string) {
    super(message);
    this.finding = finding;
  }
}
const told = (finding: ProfileFinding, detail: string): Told => ({ detail, finding });

/**
 * 接続テスト: whether typed-in values point at a bank the app can link to, without linking and
 * without sending any token. Steps run in order and the first failure ends the run:
 * discovery (the issuer's metadata names that issuer), pkce (S256 and the code flow offered),
 * api (each API base refuses a request without a token with 401, as a bank API does — no
 * WWW-Authenticate challenge is demanded: GMO Aozora documents none), dialect (that refusal is in
 * the profile's API dialect: a GMO-dialect profile pointed at a bankdemo API, or the reverse, is
 * named here instead of failing later at the first sync), key-binding (whether the bank binds
 * tokens to the app's key — DPoP, `dpop_signing_alg_values_supported` with ES256 — or gets bearer
 * tokens as before; it never fails).
 */
export async function checkBankProfile(
  target: Target,
  timeoutMs = STEP_TIMEOUT_MS,
): Promise<ProfileTestResult> {
  const steps: Array<[ProfileCheck['check'], Step]> = [
    ['discovery', (t, found) => checkDiscovery(t, found, timeoutMs)],
    ['pkce', async (_t, found) => checkPkce(found.metadata!)],
    ['api', (t, found) => checkApi(t, found, timeoutMs)],
    ['dialect', async (t, found) => checkDialect(t.dialect ?? 'bankdemo', found.refusals!)],
    ['key-binding', async (_t, found) => checkKeyBinding(found.metadata!)],
  ];
  const found: Found = {};
  const checks: ProfileCheck[] = [];
  for (const [check, step] of steps) {
    try {
      checks.push({ check, ok: true, ...(await step(target, found)) });
    } catch (error) {
      const failed =
        error instanceof CheckFailed
          ? told(error.finding, error.message)
          : told({ key: 'unexpected', value: String(error) }, `unexpected failure: ${String(error)}`);
      checks.push({ check, ok: false, ...failed });
      return { ok: false, checks };
    }
  }
  return { ok: true, checks };
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

async function checkDiscovery(target: Target, found: Found, timeoutMs: number): Promise<Told> {
  const url = `${trimSlash(target.issuer)}/.well-known/openid-configuration`;
  const res = await request(url, {}, timeoutMs);
  if (res.status !== 200)
    throw new CheckFailed(
      { key: 'http-status', url, status: res.status },
      `${url} answered HTTP ${res.status}, not the bank's metadata`,
    );
  const metadata = (await res.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    throw new CheckFailed({ key: 'not-json', url }, `${url} did not answer with JSON metadata`);
  }
  if (typeof metadata.issuer !== 'string' || trimSlash(metadata.issuer) !== trimSlash(target.issuer)) {
    throw new CheckFailed(
      { key: 'wrong-issuer', url, value: String(metadata.issuer) },
      `${url} names the issuer ${JSON.stringify(metadata.issuer)}, not ${target.issuer}: check the Issuer URL`,
    );
  }
  found.metadata = metadata;
  return told(
    { key: 'discovery-ok', url, value: metadata.issuer },
    `${url} names the issuer ${metadata.issuer}`,
  );
}

function checkPkce(metadata: Record<string, unknown>): Told {
  const list = (key: string, fallback: string[] = []): string[] =>
    Array.isArray(metadata[key]) ? (metadata[key] as unknown[]).map(String) : fallback;
  const methods = list('code_challenge_methods_supported');
  if (!methods.includes('S256')) {
    const value = methods.join(', ') || 'none';
    throw new CheckFailed(
      { key: 'no-s256', value },
      `PKCE S256 is not offered (code_challenge_methods_supported: ${value})`,
    );
  }
  // RFC 8414: a server that does not list its grant types offers authorization_code (and implicit).
  const grants = list('grant_types_supported', ['authorization_code', 'implicit']);
  if (!grants.includes('authorization_code')) {
    throw new CheckFailed(
      { key: 'no-code-grant', value: grants.join(', ') },
      `the authorization code grant is not offered (grant types: ${grants.join(', ')})`,
    );
  }
  const responseTypes = list('response_types_supported');
  if (!responseTypes.includes('code')) {
    const value = responseTypes.join(', ') || 'none listed';
    throw new CheckFailed(
      { key: 'no-code-response', value },
      `response type "code" is not offered (${value})`,
    );
  }
  for (const endpoint of ['authorization_endpoint', 'token_endpoint']) {
    if (typeof metadata[endpoint] !== 'string')
      throw new CheckFailed({ key: 'no-endpoint', value: endpoint }, `the metadata has no ${endpoint}`);
  }
  return told(
    { key: 'pkce-ok' },
    'PKCE S256, the authorization code grant and response type "code" are offered',
  );
}

/** Which tokens a link to this bank gets: bound to the app's key (DPoP), or bearer tokens. */
function checkKeyBinding(metadata: Record<string, unknown>): Told {
  const algs = Array.isArray(metadata.dpop_signing_alg_values_supported)
    ? (metadata.dpop_signing_alg_values_supported as unknown[]).map(String)
    : [];
  return algs.includes('ES256')
    ? told(
        { key: 'dpop-offered', value: algs.join(', ') },
        `the bank binds tokens to the app's key (DPoP: ${algs.join(', ')}): links are key-protected`,
      )
    : told(
        { key: 'dpop-not-offered', value: algs.join(', ') || 'none' },
        'the bank offers no DPoP with ES256: links get bearer tokens',
      );
}

async function checkApi(target: Target, found: Found, timeoutMs: number): Promise<Told> {
  const bases = [...new Set([target.apiBase, target.apiBasePersonal, target.apiBaseCorporate])].filter(
    (base): base is string => base !== undefined,
  );
  found.refusals = [];
  for (const base of bases) {
    const url = `${trimSlash(base)}/accounts`;
    const res = await request(url, { accept: 'application/json' }, timeoutMs);
    if (res.status !== 401) {
      throw new CheckFailed(
        { key: 'api-not-401', url, status: res.status },
        `GET ${url} without a token answered HTTP ${res.status}, not 401: check the API base URL`,
      );
    }
    const body = (await res.json().catch(() => undefined)) as { errorCode?: unknown } | undefined;
    const errorCode = typeof body?.errorCode === 'string' ? body.errorCode : undefined;
    found.refusals.push({ url, errorCode });
  }
  const urls = found.refusals.map((r) => r.url).join(', ');
  return told({ key: 'api-ok', url: urls }, `GET ${urls} without a token answered 401`);
}

/** Whether a refusal of no token is in a dialect's words (its error table's "no token" codes). Pure. */
export function checkDialect(
  dialect: ApiDialect,
  refusals: ReadonlyArray<{ url: string; errorCode: string | undefined }>,
): Told {
  for (const { url, errorCode } of refusals) {
    if (errorCode !== undefined && DIALECT_HTTP[dialect].noTokenCodes.test(errorCode)) continue;
    const other = API_DIALECTS.find(
      (d) => d !== dialect && errorCode !== undefined && DIALECT_HTTP[d].noTokenCodes.test(errorCode),
    );
    const code = errorCode ?? '—';
    const said = errorCode === undefined ? 'no error code' : `error code ${errorCode}`;
    throw other
      ? new CheckFailed(
          { key: 'dialect-other', url, value: other, code },
          `${url} answers in the ${other} dialect (${said}), not ${dialect}: check the API dialect`,
        )
      : new CheckFailed(
          { key: 'dialect-unknown', url, code },
          `${url} answered with ${said}, not a ${dialect} refusal: check the API dialect and base URL`,
        );
  }
  return told(
    { key: 'dialect-ok', value: dialect },
    `the API answers in the ${dialect} dialect (${refusals.map((r) => r.errorCode).join(', ')})`,
  );
}

/** One GET with the step's time limit; redirects are reported, not followed (a bank's metadata and API do not move). */
async function request(url: string, headers: Record<string, string>, timeoutMs: number): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') {
      throw new CheckFailed(
        { key: 'timeout', url, value: String(timeoutMs / 1000) },
        `${url} did not answer within ${timeoutMs / 1000} s`,
      );
    }
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
    // The system's code (ENOTFOUND, ECONNREFUSED…) is what the UI puts in words; the raw message
    // stays in the detail, for the log.
    const code =
      error instanceof Error ? (error.cause as NodeJS.ErrnoException | undefined)?.code : undefined;
    throw new CheckFailed(
      { key: 'unreachable', url, ...(cause ? { value: cause } : {}), ...(code ? { code } : {}) },
      `${url} could not be reached${cause ? ` (${cause})` : ''}`,
    );
  }
  if (res.status >= 300 && res.status < 400) {
    const location = res.headers.get('location') ?? 'nowhere';
    throw new CheckFailed({ key: 'redirected', url, value: location }, `${url} redirected to ${location}`);
  }
  return res;
}
