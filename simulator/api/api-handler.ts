import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type Provider from 'oidc-provider';
import type { ApiError } from '../../shared/bank/api-types.ts';
import type { LinkStore } from '../links/link-store.ts';
import { listAccounts, listBalances, listTransactions, type AccountApiDeps } from './account-api.ts';
import { API_ERROR_MESSAGES, ApiFailure, failures } from './api-errors.ts';
import { authenticateCaller } from './bearer-auth.ts';
import type { FaultInjector } from './fault-injector.ts';

export interface ApiHandlerDeps extends AccountApiDeps {
  provider: Provider;
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

/** What QA scheduled for this call: a failure to answer with, after any added latency. */
async function injectedFailure(faults: FaultInjector): Promise<ApiFailure | undefined> {
  if (faults.maintenance) return new ApiFailure(503, 'MAINTENANCE', undefined, { 'Retry-After': '60' });
  const fault = faults.take();
  if (!fault) return undefined;
  if (fault.kind === 'latency') {
    await sleep(fault.latencyMs);
    return undefined;
  }
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

/**
 * The account-information API, served straight from node:http (it is the hot path partners poll):
 * maintenance and injected faults first, then the bearer token, then the endpoint.
 */
export function createApiHandler(deps: ApiHandlerDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const url = new URL(req.url ?? '/', 'http://bank.invalid');
      if (req.method !== 'GET' && req.method !== 'HEAD') throw failures.methodNotAllowed();
      const failure = await injectedFailure(deps.faults);
      if (failure) throw failure;
      const caller = await authenticateCaller(req, deps.provider, deps.links, deps.apiResource);
      const now = Date.now();
      switch (url.pathname) {
        case '/api/v1/accounts':
          return send(res, 200, listAccounts(deps, caller));
        case '/api/v1/accounts/balances':
          return send(res, 200, listBalances(deps, caller, url.searchParams, now));
        case '/api/v1/accounts/transactions':
          return send(res, 200, listTransactions(deps, caller, url.searchParams, now));
        default:
          throw failures.notFound();
      }
    } catch (error) {
      if (error instanceof ApiFailure) return send(res, error.status, errorBody(error), error.headers);
      console.error('[bank] API error:', error);
      send(res, 500, {
        errorCode: 'INTERNAL_ERROR',
        errorMessage: API_ERROR_MESSAGES.INTERNAL_ERROR,
      } satisfies ApiError);
    }
  };
}
