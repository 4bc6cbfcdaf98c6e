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
import type { FaultInjector, FaultSpec } from './fault-injector.ts';

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

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  // Written as a string: Node encodes it into the socket's buffer once, where a Buffer.from would
  // first copy a 500-row page (~90 KB) into a buffer of its own (bench:bank, issue 24).
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(json),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(json);
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

/**
 * The account-information API, served straight from node:http (it is the hot path partners poll):
 * maintenance and injected faults first, then the access token and, for a DPoP-bound token, its
 * proof — so a stolen token learns nothing (no 404 for an unshared account, no 400 for a bad
 * parameter) until its proof checks out — then the endpoint. Every read goes through the storage
 * ports, so any bank process on a shared database answers the same.
 */
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

export function createApiHandler(deps: ApiHandlerDeps, dialect: ApiDialectRoutes = BANKDEMO_ROUTES) {
  const refuse = (res: ServerResponse, failure: ApiFailure): void => refuseIn(dialect, res, failure);
  const fail = (res: ServerResponse, error: unknown): void => {
    if (error instanceof ApiFailure) return refuse(res, error);
    if (isDatabaseUnavailable(error)) return refuseForDatabaseOutage(dialect, res);
    console.error('[bank] API error:', error);
    refuse(res, new ApiFailure(500, 'INTERNAL_ERROR'));
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

  const answer = async (res: ServerResponse, call: ApiCall): Promise<void> => {
    // Every endpoint reads a customer's data: a token must carry one of the operations at least.
    if (call.caller.scopes.size === 0)
      throw failures.insufficientScope(API_SCOPES.join(' '), call.caller.scheme);
    send(res, 200, await dialect.route(call), dialect.headers);
  };

  const handle = async (
    req: IncomingMessage,
    res: ServerResponse,
    maintenance: boolean,
    fault: FaultSpec | undefined,
  ): Promise<void> => {
    let presented: PresentedToken | undefined;
    const failDpopAware = async (error: unknown): Promise<void> => {
      if (deps.audit && error instanceof ApiFailure)
        await recordDpopRefusal({ ...deps, audit: deps.audit }, req, presented, error).catch(() => undefined);
      fail(res, error);
    };
    try {
      const url = req.url ?? '/';
      if (url.length > API_MAX_URL_LENGTH) throw failures.uriTooLong(API_MAX_URL_LENGTH);
      const [pathname, search = ''] = url.split('?', 2) as [string, string?];
      if (req.method !== 'GET' && req.method !== 'HEAD') throw failures.methodNotAllowed();
      const failure = injectedFailure(maintenance, fault);
      if (failure) throw failure;
      const now = Date.now();
      presented = dialect.presentedToken(req);
      const caller = await authenticateCaller(
        req,
        presented,
        deps.models,
        deps.links,
        deps.apiResource,
        Math.floor(now / 1000),
      );
      const call: ApiCall = { req, pathname, query: new URLSearchParams(search), now, caller, deps };
      if (caller.dpop) await checkProof(req, pathname, caller, now);
      if (
        caller.customerId === SCENARIO_CUSTOMER_IDS.syncMeets503 &&
        (await deps.scenarios?.startsSync(caller.linkId, Math.floor(now / 1000)))
      ) {
        // The scenario user SYNC503: each sync's first call is turned away, as a busy bank does.
        throw new ApiFailure(503, 'SERVICE_UNAVAILABLE', undefined, { 'Retry-After': '1' });
      }
      await answer(res, call);
    } catch (error) {
      await failDpopAware(error);
    }
  };

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let maintenance: boolean;
    let fault: FaultSpec | undefined;
    try {
      // Usually known in memory: the answer then comes without a promise to wait for.
      const next = deps.faults.forNextCall();
      ({ maintenance, fault } = next instanceof Promise ? await next : next);
    } catch (error) {
      return fail(res, error);
    }
    if (fault?.kind === 'latency') await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
    await handle(req, res, maintenance, fault);
  };
  return Object.assign(serve, { serves: dialect.serves });
}
