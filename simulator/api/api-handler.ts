import type { IncomingMessage, ServerResponse } from 'node:http';
import { SCENARIO_CUSTOMER_IDS, type ScenarioMarks } from '../customers/scenario-users.ts';
import type { ApiError } from '../../shared/bank/api-types.ts';
import { API_SCOPES } from '../../shared/bank/oauth.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../db/database-unavailable.ts';
import type { LinkStore } from '../links/link-store.ts';
import type { OidcModelStore } from '../oidc/oidc-model-store.ts';
import { listAccounts, listBalances, listTransactions, type AccountApiDeps } from './account-api.ts';
import { ApiFailure, failures } from './api-errors.ts';
import {
  authenticateCaller,
  tokenFromAuthorization,
  type ApiCaller,
  type PresentedToken,
} from './bearer-auth.ts';
import type { DpopJtiStore } from './dpop-jti-store.ts';
import { recordDpopRefusal } from './dpop-refusal-audit.ts';
import { DpopProofError, verifyDpopProof } from './dpop-proof.ts';
import type { FaultInjector, FaultSpec, NextCall } from './fault-injector.ts';
import type { MaybePromise } from '../maybe-promise.ts';
import { WrittenJson } from './written-json.ts';

export interface ApiHandlerDeps extends AccountApiDeps {
  models: OidcModelStore;
  links: LinkStore;
  faults: FaultInjector;
  apiResource: string;
  /** The bank's own configured origin (its issuer): a DPoP proof's `htu` must name it, whatever Host says. */
  origin: string;
  /** Used DPoP proofs, kept across restarts. */
  jtis: DpopJtiStore;
  /** Where DPoP refusals are recorded (dpop-refusal-audit.ts). */
  audit?: AuditLog;
  /** What the scenario users remember (SYNC503's syncs); unset: no scenario plays. */
  scenarios?: ScenarioMarks;
}

export const API_PREFIX = '/api/v1/';

/**
 * One API dialect: the paths it serves and how it writes answers and refusals. The dialects share
 * everything else — faults, maintenance, the token check, the ledger — so they differ only in shape.
 */
export interface ApiDialectRoutes {
  /** Whether this request is for the API (anything else goes to the pages). */
  serves(url: string): boolean;
  /** Where this dialect takes the access token from, and nowhere else. */
  presentedToken(req: IncomingMessage): PresentedToken | undefined;
  /** The answer to one call whose token (and proof) already checked out; throws ApiFailure to refuse. */
  route(call: ApiCall): unknown;
  /** How a refusal is written in this dialect. */
  refusal(failure: ApiFailure): { status: number; body: unknown; headers: Record<string, string> };
  /** Extra response headers on every answer (a dialect's content type). */
  headers?: Record<string, string>;
}

export interface ApiCall {
  req: IncomingMessage;
  pathname: string;
  query: URLSearchParams;
  now: number;
  deps: AccountApiDeps;
  /** Who calls: the token, and for a bound token its proof, are checked before any route runs. */
  caller: ApiCaller;
}

/**
 * Sends `body` as JSON, with `headers` beside the API's own; a WrittenJson is JSON already written
 * (the balances answer, balances-json.ts).
 */
function send(res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>): void {
  const written = body instanceof WrittenJson;
  // Written as a string: Node encodes it into the socket's buffer once, where a Buffer.from would
  // first copy a 500-row page (~90 KB) into a buffer of its own (bench:bank, issue 24).
  const json = written ? body.latin1 : JSON.stringify(body);
  const head = {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': written ? json.length : Buffer.byteLength(json),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  };
  res.writeHead(status, headers ? Object.assign(head, headers) : head);
  res.end(json, written ? 'latin1' : 'utf8');
}

/** The failure QA scheduled for this call, if any (latency faults are handled by the caller). */
function injectedFailure(maintenance: boolean, fault: FaultSpec | undefined): ApiFailure | undefined {
  if (maintenance) return new ApiFailure(503, 'MAINTENANCE', undefined, { 'Retry-After': '60' });
  if (!fault || fault.kind === 'latency') return undefined;
  if (fault.status === 429) {
    return new ApiFailure(429, 'TOO_MANY_REQUESTS', undefined, {
      'Retry-After': String(fault.retryAfterSeconds),
    });
  }
  if (fault.status === 503) {
    return new ApiFailure(503, 'SERVICE_UNAVAILABLE', undefined, {
      'Retry-After': String(fault.retryAfterSeconds),
    });
  }
  return new ApiFailure(500, 'INTERNAL_ERROR');
}

/** Our own dialect (`/api/v1`, README "The account-information API"). */
export const BANKDEMO_ROUTES: ApiDialectRoutes = {
  serves: (url) => url.startsWith(API_PREFIX),
  presentedToken: tokenFromAuthorization,
  route(call) {
    const { caller } = call;
    switch (call.pathname) {
      case '/api/v1/accounts':
        return listAccounts(call.deps, caller);
      case '/api/v1/accounts/balances':
        return listBalances(call.deps, caller, call.query, call.now);
      case '/api/v1/accounts/transactions':
        return listTransactions(call.deps, caller, call.query, call.now);
      default:
        throw failures.notFound();
    }
  },
  refusal: (failure) => ({
    status: failure.status,
    body: { errorCode: failure.code, errorMessage: failure.message } satisfies ApiError,
    headers: failure.headers,
  }),
};

/** Longer URLs are refused with the API's own error; the listener reads headers up to 64 KB. */
const API_MAX_URL_LENGTH = 8192;

function refuseIn(dialect: ApiDialectRoutes, res: ServerResponse, failure: ApiFailure): void {
  const { status, body, headers } = dialect.refusal(failure);
  send(res, status, body, { ...dialect.headers, ...headers });
}

/**
 * The API's answer while the database is away, in the dialect's own words (SERVICE_UNAVAILABLE,
 * GMO's WG_ERR_300): clients already retry it. Also the namespace dispatcher's, when the registry
 * cannot be read before a namespace's API is reached.
 */
export function refuseForDatabaseOutage(dialect: ApiDialectRoutes, res: ServerResponse): void {
  refuseIn(
    dialect,
    res,
    new ApiFailure(503, 'SERVICE_UNAVAILABLE', 'データベースに接続できません / the database is unreachable', {
      'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS),
    }),
  );
}

/**
 * The account-information API, served straight from node:http (it is the hot path partners poll):
 * maintenance and injected faults first, then the access token and, for a DPoP-bound token, its
 * proof — so a stolen token learns nothing (no 404 for an unshared account, no 400 for a bad
 * parameter) until its proof checks out — then the endpoint. Every read goes through the storage
 * ports, so any bank process on a shared database answers the same.
 */
export function createApiHandler(deps: ApiHandlerDeps, dialect: ApiDialectRoutes = BANKDEMO_ROUTES) {
  const refuse = (res: ServerResponse, failure: ApiFailure): void => refuseIn(dialect, res, failure);
  const fail = (res: ServerResponse, error: unknown): void => {
    if (error instanceof ApiFailure) return refuse(res, error);
    if (isDatabaseUnavailable(error)) return refuseForDatabaseOutage(dialect, res);
    console.error('[bank] API error:', error);
    refuse(res, new ApiFailure(500, 'INTERNAL_ERROR'));
  };
  /** A refusal, recorded first when it concerns a DPoP proof or a DPoP-bound token. */
  const failDpopAware = async (
    req: IncomingMessage,
    res: ServerResponse,
    presented: PresentedToken | undefined,
    error: unknown,
  ): Promise<void> => {
    if (deps.audit && error instanceof ApiFailure)
      await recordDpopRefusal({ ...deps, audit: deps.audit }, req, presented, error).catch(() => undefined);
    fail(res, error);
  };

  const checkProof = async (req: IncomingMessage, pathname: string, caller: ApiCaller, now: number) => {
    try {
      await verifyDpopProof(
        {
          ...caller.dpop!,
          method: req.method ?? 'GET',
          url: `${deps.origin}${pathname}`,
          nowSeconds: Math.floor(now / 1000),
        },
        deps.jtis,
      );
    } catch (error) {
      if (error instanceof DpopProofError) throw failures.invalidDpopProof(error.message);
      throw error;
    }
  };

  /**
   * What a caller meets after its token and before the endpoint: a DPoP-bound token's proof (each
   * proof is new: verified and its jti recorded on every call, never remembered), then the scenario
   * user SYNC503, each of whose syncs' first call is turned away, as a busy bank does. Undefined
   * when there is nothing to meet (a bearer token of anyone else).
   */
  const proofAndScenario = (call: ApiCall): Promise<void> | undefined => {
    const { caller, req, pathname, now } = call;
    const scenario = deps.scenarios && caller.customerId === SCENARIO_CUSTOMER_IDS.syncMeets503;
    if (!caller.dpop && !scenario) return undefined;
    return (async () => {
      if (caller.dpop) await checkProof(req, pathname, caller, now);
      if (scenario && (await deps.scenarios!.startsSync(caller.linkId, Math.floor(now / 1000))))
        throw new ApiFailure(503, 'SERVICE_UNAVAILABLE', undefined, { 'Retry-After': '1' });
    })();
  };

  /** The endpoint's answer, sent at once when it answered from memory. */
  const answer = (res: ServerResponse, call: ApiCall): MaybePromise<void> => {
    // Every endpoint reads a customer's data: a token must carry one of the operations at least.
    if (call.caller.scopes.size === 0)
      throw failures.insufficientScope(API_SCOPES.join(' '), call.caller.scheme);
    const body = dialect.route(call);
    if (body instanceof Promise) return body.then((known) => send(res, 200, known, dialect.headers));
    send(res, 200, body, dialect.headers);
  };

  /** The call once its caller is known: the proof and scenario if due, then the endpoint. */
  const answerCaller = (
    req: IncomingMessage,
    res: ServerResponse,
    pathname: string,
    search: string,
    now: number,
    caller: ApiCaller,
  ): MaybePromise<void> => {
    const call: ApiCall = { req, pathname, query: new URLSearchParams(search), now, caller, deps };
    const before = proofAndScenario(call);
    return before ? before.then(() => answer(res, call)) : answer(res, call);
  };

  /**
   * One call, in the order createApiHandler's comment says. Nothing here waits unless it must read
   * or verify: the usual call — a bearer token, its link and the data in memory — is answered before
   * this returns, with no promise and no closure made for it (each cost the balances call CPU time,
   * bench:bank).
   */
  const handle = (req: IncomingMessage, res: ServerResponse, next: NextCall): void => {
    let presented: PresentedToken | undefined;
    try {
      const url = req.url ?? '/';
      if (url.length > API_MAX_URL_LENGTH) throw failures.uriTooLong(API_MAX_URL_LENGTH);
      const [pathname, search = ''] = url.split('?', 2) as [string, string?];
      if (req.method !== 'GET' && req.method !== 'HEAD') throw failures.methodNotAllowed();
      const failure = injectedFailure(next.maintenance, next.fault);
      if (failure) throw failure;
      const now = Date.now();
      presented = dialect.presentedToken(req);
      const caller = authenticateCaller(
        req,
        presented,
        deps.models,
        deps.links,
        deps.apiResource,
        Math.floor(now / 1000),
      );
      const answered =
        caller instanceof Promise
          ? caller.then((known) => answerCaller(req, res, pathname, search, now, known))
          : answerCaller(req, res, pathname, search, now, caller);
      if (answered instanceof Promise)
        answered.catch((error: unknown) => failDpopAware(req, res, presented, error));
    } catch (error) {
      void failDpopAware(req, res, presented, error);
    }
  };

  /** Latency faults hold the call back; the rest is handle's. */
  const proceed = (req: IncomingMessage, res: ServerResponse, next: NextCall): void => {
    if (next.fault?.kind === 'latency') setTimeout(() => handle(req, res, next), next.fault.latencyMs);
    else handle(req, res, next);
  };

  /** Maintenance and injected faults first: usually known in memory, then no promise to wait for. */
  const serve = (req: IncomingMessage, res: ServerResponse): void => {
    let next: MaybePromise<NextCall>;
    try {
      next = deps.faults.forNextCall();
    } catch (error) {
      return fail(res, error);
    }
    if (next instanceof Promise)
      next.then(
        (known) => proceed(req, res, known),
        (error: unknown) => fail(res, error),
      );
    else proceed(req, res, next);
  };
  return Object.assign(serve, { serves: dialect.serves });
}
