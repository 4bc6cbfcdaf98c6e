import { API_DIALECTS, type ApiDialect } from '../../shared/bank/oauth.ts';
import type { BankProfileInput, ProfileCheck, ProfileTestResult } from '../../shared/ipc/contract.ts';
import { DIALECT_HTTP } from '../connectors/connector-factory.ts';

/** Each step's limit: a bank that takes longer than this to answer one request is not set up right. */
const STEP_TIMEOUT_MS = 5000;

type Target = Omit<BankProfileInput, 'name'>;
type Step = (target: Target, found: Found) => Promise<string>;

/** What an earlier step learnt that a later one needs. */
interface Found {
  metadata?: Record<string, unknown>;
  /** Each API base's answer to a request without a token: its URL and the bank's error code. */
  refusals?: Array<{ url: string; errorCode: string | undefined }>;
}

/** A failed step: its message is the `detail` the 設定 screen shows. */
class CheckFailed extends Error {}

/**
 * 接続テスト: whether typed-in values point at a bank the app can link to, without linking and
 * without sending any token. Steps run in order and the first failure ends the run:
 * discovery (the issuer's metadata names that issuer), pkce (S256 and the code flow offered),
 * api (each API base refuses a request without a token with 401, as a bank API does — no
 * WWW-Authenticate challenge is demanded: GMO Aozora documents none), dialect (that refusal is in
 * the profile's API dialect: a GMO-dialect profile pointed at a bankdemo API, or the reverse, is
 * named here instead of failing later at the first sync).
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
  ];
  const found: Found = {};
  const checks: ProfileCheck[] = [];
  for (const [check, step] of steps) {
    try {
      checks.push({ check, ok: true, detail: await step(target, found) });
    } catch (error) {
      const detail = error instanceof CheckFailed ? error.message : `unexpected failure: ${String(error)}`;
      checks.push({ check, ok: false, detail });
      return { ok: false, checks };
    }
  }
  return { ok: true, checks };
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

async function checkDiscovery(target: Target, found: Found, timeoutMs: number): Promise<string> {
  const url = `${trimSlash(target.issuer)}/.well-known/openid-configuration`;
  const res = await request(url, {}, timeoutMs);
  if (res.status !== 200)
    throw new CheckFailed(`${url} answered HTTP ${res.status}, not the bank's metadata`);
  const metadata = (await res.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    throw new CheckFailed(`${url} did not answer with JSON metadata`);
  }
  if (typeof metadata.issuer !== 'string' || trimSlash(metadata.issuer) !== trimSlash(target.issuer)) {
    throw new CheckFailed(
      `${url} names the issuer ${JSON.stringify(metadata.issuer)}, not ${target.issuer}: check the Issuer URL`,
    );
  }
  found.metadata = metadata;
  return `${url} names the issuer ${metadata.issuer}`;
}

function checkPkce(metadata: Record<string, unknown>): string {
  const list = (key: string, fallback: string[] = []): string[] =>
    Array.isArray(metadata[key]) ? (metadata[key] as unknown[]).map(String) : fallback;
  const methods = list('code_challenge_methods_supported');
  if (!methods.includes('S256')) {
    throw new CheckFailed(
      `PKCE S256 is not offered (code_challenge_methods_supported: ${methods.join(', ') || 'none'})`,
    );
  }
  // RFC 8414: a server that does not list its grant types offers authorization_code (and implicit).
  const grants = list('grant_types_supported', ['authorization_code', 'implicit']);
  if (!grants.includes('authorization_code')) {
    throw new CheckFailed(`the authorization code grant is not offered (grant types: ${grants.join(', ')})`);
  }
  const responseTypes = list('response_types_supported');
  if (!responseTypes.includes('code')) {
    throw new CheckFailed(
      `response type "code" is not offered (${responseTypes.join(', ') || 'none listed'})`,
    );
  }
  for (const endpoint of ['authorization_endpoint', 'token_endpoint']) {
    if (typeof metadata[endpoint] !== 'string') throw new CheckFailed(`the metadata has no ${endpoint}`);
  }
  return 'PKCE S256, the authorization code grant and response type "code" are offered';
}

async function checkApi(target: Target, found: Found, timeoutMs: number): Promise<string> {
  const bases = [...new Set([target.apiBase, target.apiBasePersonal, target.apiBaseCorporate])].filter(
    (base): base is string => base !== undefined,
  );
  found.refusals = [];
  for (const base of bases) {
    const url = `${trimSlash(base)}/accounts`;
    const res = await request(url, { accept: 'application/json' }, timeoutMs);
    if (res.status !== 401) {
      throw new CheckFailed(
        `GET ${url} without a token answered HTTP ${res.status}, not 401: check the API base URL`,
      );
    }
    const body = (await res.json().catch(() => undefined)) as { errorCode?: unknown } | undefined;
    const errorCode = typeof body?.errorCode === 'string' ? body.errorCode : undefined;
    found.refusals.push({ url, errorCode });
  }
  return `${found.refusals.map((r) => `GET ${r.url}`).join(', ')} without a token answered 401`;
}

/** Whether a refusal of no token is in a dialect's words (its error table's "no token" codes). Pure. */
export function checkDialect(
  dialect: ApiDialect,
  refusals: ReadonlyArray<{ url: string; errorCode: string | undefined }>,
): string {
  for (const { url, errorCode } of refusals) {
    if (errorCode !== undefined && DIALECT_HTTP[dialect].noTokenCodes.test(errorCode)) continue;
    const other = API_DIALECTS.find(
      (d) => d !== dialect && errorCode !== undefined && DIALECT_HTTP[d].noTokenCodes.test(errorCode),
    );
    const said = errorCode === undefined ? 'no error code' : `error code ${errorCode}`;
    throw new CheckFailed(
      other
        ? `${url} answers in the ${other} dialect (${said}), not ${dialect}: check the API dialect`
        : `${url} answered with ${said}, not a ${dialect} refusal: check the API dialect and base URL`,
    );
  }
  return `the API answers in the ${dialect} dialect (${refusals.map((r) => r.errorCode).join(', ')})`;
}

/** One GET with the step's time limit; redirects are reported, not followed (a bank's metadata and API do not move). */
async function request(url: string, headers: Record<string, string>, timeoutMs: number): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') {
      throw new CheckFailed(`${url} did not answer within ${timeoutMs / 1000} s`);
    }
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
    throw new CheckFailed(`${url} could not be reached${cause}`);
  }
  if (res.status >= 300 && res.status < 400) {
    throw new CheckFailed(`${url} redirected to ${res.headers.get('location') ?? 'nowhere'}`);
  }
  return res;
}
