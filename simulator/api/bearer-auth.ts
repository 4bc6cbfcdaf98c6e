import type { IncomingMessage } from 'node:http';
import type Provider from 'oidc-provider';
import { isApiScope, type ApiScope } from '../../shared/bank/oauth.ts';
import type { LinkStore } from '../links/link-store.ts';
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
 * Checks the access token as strictly as the token endpoint would: it must exist (not revoked), be
 * unexpired, be for this API, and belong to a link that is still active (not expired, not revoked).
 */
export async function authenticateCaller(
  req: IncomingMessage,
  provider: Provider,
  links: LinkStore,
  apiResource: string,
): Promise<ApiCaller> {
  const value = presentedToken(req);
  if (value === undefined) throw failures.tokenRequired();
  if (value === '' || value.length > 512) throw failures.invalidToken();
  const token = await provider.AccessToken.find(value);
  if (!token || token.isExpired || !token.grantId || !token.accountId) throw failures.invalidToken();
  const audience = [token.aud].flat();
  if (!audience.includes(apiResource)) throw failures.invalidToken();
  const grant = await provider.Grant.find(token.grantId, { ignoreExpiration: true });
  const link = links.find(token.grantId);
  if (!grant || grant.isExpired || !link || link.status !== 'active') throw failures.linkExpired();
  return {
    customerId: token.accountId,
    clientId: token.clientId ?? link.clientId,
    linkId: link.id,
    scopes: new Set([...token.scopes].filter(isApiScope)),
    accountIds: link.accountIds,
  };
}
