import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiError } from '../../shared/bank/api-types.ts';
import { API_SCOPES } from '../../shared/bank/oauth.ts';
import type { LinkStore } from '../links/link-store.ts';
import type { OidcModelStore } from '../oidc/oidc-model-store.ts';
import { listAccounts, listBalances, listTransactions, type AccountApiDeps } from './account-api.ts';
import { API_ERROR_MESSAGES, ApiFailure, failures } from './api-errors.ts';
import { authenticateCaller, type ApiCaller } from './bearer-auth.ts';
import { createDpopReplayCache, DpopProofError, verifyDpopProof } from './dpop-proof.ts';
import type { FaultInjector, FaultSpec } from './fault-injector.ts';

export interface ApiHandlerDeps extends AccountApiDeps {
  models: OidcModelStore;
  links: LinkStore;
  faults: FaultInjector;
  apiResource: string;
}

export const API_PREFIX = '/api/v1/';

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const json = Buffer.from(JSON.stringify(body));
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': json.length,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(json);
}

const errorBody = (failure: ApiFailure): ApiError => ({
  errorCode: failure.code,
  errorMessage: failure.message,
});

/** The failure QA scheduled for this call, if any (latency faults are handled by the caller). */
function injectedFailure(faults: FaultInjector, fault: FaultSpec | undefined): ApiFailure | undefined {
  if (faults.maintenance) return new ApiFailure(503, 'MAINTENANCE', undefined, { 'Retry-After': '60' });
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

/** Longer URLs are refused with the API's own error; the listener reads headers up to 64 KB. */
export const API_MAX_URL_LENGTH = 8192;

/**
 * The account-information API, served straight from node:http (it is the hot path partners poll):
 * maintenance and injected faults first, then the access token, then the endpoint. Synchronous
 * for bearer tokens, so such a call creates no promise unless QA asked for added latency; a
 * DPoP-bound token waits for its proof's signature check.
 */
export function createApiHandler(deps: ApiHandlerDeps) {
  const replay = createDpopReplayCache();

  const fail = (res: ServerResponse, error: unknown): void => {
    if (error instanceof ApiFailure) return send(res, error.status, errorBody(error), error.headers);
    console.error('[bank] API error:', error);
    send(res, 500, {
      errorCode: 'INTERNAL_ERROR',
      errorMessage: API_ERROR_MESSAGES.INTERNAL_ERROR,
    } satisfies ApiError);
  };

  const respond = (res: ServerResponse, pathname: string, search: string, caller: ApiCaller, now: number) => {
    switch (pathname) {
      case '/api/v1/accounts':
        return send(res, 200, listAccounts(deps, caller));
      case '/api/v1/accounts/balances':
        return send(res, 200, listBalances(deps, caller, new URLSearchParams(search), now));
      case '/api/v1/accounts/transactions':
        return send(res, 200, listTransactions(deps, caller, new URLSearchParams(search), now));
      default:
        throw failures.notFound();
    }
  };

  const checkProof = async (req: IncomingMessage, pathname: string, caller: ApiCaller, now: number) => {
    try {
      await verifyDpopProof(
        {
          ...caller.dpop!,
          method: req.method ?? 'GET',
          url: `http://${req.headers.host ?? ''}${pathname}`,
          nowSeconds: Math.floor(now / 1000),
        },
        replay,
      );
    } catch (error) {
      if (error instanceof DpopProofError) throw failures.invalidDpopProof(error.message);
      throw error;
    }
  };

  const handle = (req: IncomingMessage, res: ServerResponse, fault: FaultSpec | undefined): void => {
    try {
      const url = req.url ?? '/';
      if (url.length > API_MAX_URL_LENGTH) throw failures.uriTooLong(API_MAX_URL_LENGTH);
      const [pathname, search = ''] = url.split('?', 2) as [string, string?];
      if (req.method !== 'GET' && req.method !== 'HEAD') throw failures.methodNotAllowed();
      const failure = injectedFailure(deps.faults, fault);
      if (failure) throw failure;
      const now = Date.now();
      const caller = authenticateCaller(
        req,
        deps.models,
        deps.links,
        deps.apiResource,
        Math.floor(now / 1000),
      );
      // Every endpoint reads a customer's data: a token must carry one of the operations at least.
      if (caller.scopes.size === 0) throw failures.insufficientScope(API_SCOPES.join(' '), caller.scheme);
      if (!caller.dpop) return respond(res, pathname, search, caller, now);
      checkProof(req, pathname, caller, now)
        .then(() => respond(res, pathname, search, caller, now))
        .catch((error: unknown) => fail(res, error));
    } catch (error) {
      fail(res, error);
    }
  };

  return (req: IncomingMessage, res: ServerResponse): void => {
    const fault = deps.faults.maintenance ? undefined : deps.faults.take();
    if (fault?.kind === 'latency') setTimeout(() => handle(req, res, fault), fault.latencyMs);
    else handle(req, res, fault);
  };
}
