import type { IncomingMessage } from 'node:http';
import type { ApiScope } from '../../shared/bank/oauth.ts';
import { operationsOf } from '../oidc/scope-names.ts';
import type { LinkStore } from '../links/link-store.ts';
import type { OidcModelStore } from '../oidc/oidc-model-store.ts';
import { failures, type AuthScheme } from './api-errors.ts';

/** Who is calling the API, and what their customer allowed. */
export interface ApiCaller {
  customerId: string;
  clientId: string;
  linkId: string;
  scopes: ReadonlySet<ApiScope>;
  /** The accounts the customer ticked on the consent screen. */
  accountIds: string[];
  /** How the token was presented, which is how a refusal challenges the caller. */
  scheme: AuthScheme;
  /** For a DPoP-bound token: the proof to check and the key it must be signed with. */
  dpop?: { proof: string; jkt: string; accessToken: string };
}

/** The access token as a request presented it, read by the dialect's own rule. */
export interface PresentedToken {
  scheme: AuthScheme;
  value: string;
  /**
   * GMO's `x-access-token` names no scheme: a token there is taken as what it was issued as — a
   * DPoP-bound one then needs its proof, a bearer token none.
   */
  schemeless?: boolean;
}

/**
 * Our own dialect: `Authorization: Bearer` or `Authorization: DPoP`, else `x-access-token` (taken as
 * a bearer token, as README "The account-information API" says).
 */
export function tokenFromAuthorization(req: IncomingMessage): PresentedToken | undefined {
  const authorization = req.headers.authorization;
  if (authorization) {
    const match = /^(Bearer|DPoP)\s+(\S+)$/i.exec(authorization);
    if (!match) return { scheme: 'Bearer', value: '' };
    return { scheme: match[1]!.toLowerCase() === 'dpop' ? 'DPoP' : 'Bearer', value: match[2]! };
  }
  const header = req.headers['x-access-token'];
  return typeof header === 'string' ? { scheme: 'Bearer', value: header } : undefined;
}

/** GMO Aozora's dialect: `x-access-token` and nothing else; `Authorization` is not part of it. */
export function tokenFromAccessTokenHeader(req: IncomingMessage): PresentedToken | undefined {
  const header = req.headers['x-access-token'];
  return typeof header === 'string' && header !== ''
    ? { scheme: 'Bearer', value: header, schemeless: true }
    : undefined;
}

/**
 * A token's operations, read from its scope once: the payload is the store's frozen copy, the same
 * object for as long as the token is cached, and a token's scope never changes in its life.
 */
const operationsOfToken = new WeakMap<object, ReadonlySet<ApiScope>>();
function tokenOperations(token: Readonly<{ scope?: unknown }>): ReadonlySet<ApiScope> {
  let operations = operationsOfToken.get(token);
  if (!operations) {
    // Only a GMO-dialect bank grants private:account, so any token carrying it is read as GMO's.
    operations = new Set(operationsOf(String(token.scope ?? ''), 'gmo-aozora'));
    operationsOfToken.set(token, operations);
  }
  return operations;
}

/**
 * Checks the access token as strictly as oidc-provider itself would: it must be stored (revocation
 * deletes it), unexpired, an access token for this API, and its link (grant) must be stored,
 * unexpired and not revoked. Opaque tokens are their own storage id, so this reads the rows the
 * provider wrote, synchronously: the API is the hot path, and oidc-provider's async lookups pay for
 * AsyncLocalStorage on every promise.
 *
 * A token bound to a DPoP key (`jkt`, issued when the client sent a proof to the token endpoint) is
 * accepted only as `Authorization: DPoP` (or in GMO's schemeless header) with exactly one `DPoP`
 * proof header, which the caller then checks (`verifyDpopProof`) before anything else is looked at;
 * a bearer token is accepted only as a bearer token (RFC 9449 §7).
 */
export async function authenticateCaller(
  req: IncomingMessage,
  presented: PresentedToken | undefined,
  models: OidcModelStore,
  links: LinkStore,
  apiResource: string,
  nowSeconds: number,
): Promise<ApiCaller> {
  if (presented === undefined) throw failures.tokenRequired();
  const { value } = presented;
  let { scheme } = presented;
  if (value === '' || value.length > 512) throw failures.invalidToken(scheme);
  // From memory when the store holds it (no promise to wait for: this runs on every call), else read.
  const token =
    models.cachedPayload('AccessToken', value) ?? (await models.findPayload('AccessToken', value));
  if (!token || token.kind !== 'AccessToken' || !token.grantId || !token.accountId)
    throw failures.invalidToken(scheme);
  if (typeof token.exp !== 'number' || token.exp <= nowSeconds) throw failures.invalidToken(scheme);
  const { aud } = token;
  if (aud !== apiResource && !(Array.isArray(aud) && aud.includes(apiResource)))
    throw failures.invalidToken(scheme);

  const jkt = typeof token.jkt === 'string' ? token.jkt : undefined;
  if (presented.schemeless) scheme = jkt ? 'DPoP' : 'Bearer';
  if (jkt && scheme !== 'DPoP') {
    throw failures.invalidToken(
      'DPoP',
      'the token is DPoP-bound: send it as Authorization: DPoP with a proof',
    );
  }
  if (!jkt && scheme === 'DPoP') {
    throw failures.invalidToken('DPoP', 'the token is not DPoP-bound: send it as a Bearer token');
  }
  // headersDistinct copies every header: read only where a proof is due.
  const proofs = jkt ? (req.headersDistinct.dpop ?? []) : [];
  if (jkt && proofs.length !== 1) throw failures.invalidDpopProof('send exactly one DPoP proof header');

  const cachedGrant = models.cachedPayload('Grant', token.grantId);
  const cachedLink = links.findCached(token.grantId);
  const [grant, link] =
    cachedGrant && cachedLink
      ? [cachedGrant, cachedLink]
      : await Promise.all([
          cachedGrant ?? models.findPayload('Grant', token.grantId),
          cachedLink ?? links.find(token.grantId),
        ]);
  if (!grant || typeof grant.exp !== 'number' || grant.exp <= nowSeconds || link?.status !== 'active') {
    throw failures.linkExpired(scheme);
  }
  return {
    customerId: token.accountId,
    clientId: token.clientId ?? link.clientId,
    linkId: link.id,
    scopes: tokenOperations(token),
    accountIds: link.accountIds,
    scheme,
    ...(jkt ? { dpop: { proof: proofs[0]!, jkt, accessToken: value } } : {}),
  };
}
