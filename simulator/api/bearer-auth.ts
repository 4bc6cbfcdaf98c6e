import type { IncomingMessage } from 'node:http';
import { isApiScope, type ApiScope } from '../../shared/bank/oauth.ts';
import type { LinkStore } from '../links/link-store.ts';
import type { OidcModelStore } from '../oidc/oidc-model-store.ts';
import { failures } from './api-errors.ts';

/** Who is calling the API, and what their customer allowed. */
export interface ApiCaller {
  customerId: string;
  clientId: string;
  linkId: string;
  scopes: Set<ApiScope>;
  /** The accounts the customer ticked on the consent screen. */
  accountIds: string[];
}

function presentedToken(req: IncomingMessage): string | undefined {
  const authorization = req.headers.authorization;
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    return match?.[1] ?? '';
  }
  // GMO Aozora's API takes the token in this header too.
  const header = req.headers['x-access-token'];
  return typeof header === 'string' ? header : undefined;
}

/**
 * Checks the access token as strictly as oidc-provider itself would: it must be stored (revocation
 * deletes it), unexpired, an access token for this API, and its link (grant) must be stored,
 * unexpired and not revoked. Opaque tokens are their own storage id, so this reads the rows the
 * provider wrote, synchronously: the API is the hot path, and oidc-provider's async lookups pay for
 * AsyncLocalStorage on every promise.
 */
export function authenticateCaller(
  req: IncomingMessage,
  models: OidcModelStore,
  links: LinkStore,
  apiResource: string,
  nowSeconds: number,
): ApiCaller {
  const value = presentedToken(req);
  if (value === undefined) throw failures.tokenRequired();
  if (value === '' || value.length > 512) throw failures.invalidToken();
  const token = models.findPayload('AccessToken', value);
  if (!token || token.kind !== 'AccessToken' || !token.grantId || !token.accountId)
    throw failures.invalidToken();
  if (typeof token.exp !== 'number' || token.exp <= nowSeconds) throw failures.invalidToken();
  if (![token.aud].flat().includes(apiResource)) throw failures.invalidToken();
  const grant = models.findPayload('Grant', token.grantId);
  const link = links.find(token.grantId);
  if (!grant || typeof grant.exp !== 'number' || grant.exp <= nowSeconds || link?.status !== 'active') {
    throw failures.linkExpired();
  }
  return {
    customerId: token.accountId,
    clientId: token.clientId ?? link.clientId,
    linkId: link.id,
    scopes: new Set(
      String(token.scope ?? '')
        .split(' ')
        .filter(isApiScope),
    ),
    accountIds: link.accountIds,
  };
}
