import type { IncomingMessage } from 'node:http';
import type { AdapterPayload } from 'oidc-provider';
import type { ApiScope } from '../../shared/bank/oauth.ts';
import { operationsOf } from '../oidc/scope-names.ts';
import type { Link, LinkStore } from '../links/link-store.ts';
import type { OidcModelStore } from '../oidc/oidc-model-store.ts';
import type { MaybePromise } from '../maybe-promise.ts';
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
 * provider wrote: the API is the hot path, and oidc-provider's async lookups pay for
 * AsyncLocalStorage on every promise. When this process holds the token, its grant and its link in
 * memory (one process on SQLite; every write drops what it changes) the caller comes back at once,
 * without a promise; else once they are read. The checks are the same either way.
 *
 * A token bound to a DPoP key (`jkt`, issued when the client sent a proof to the token endpoint) is
 * accepted only as `Authorization: DPoP` (or in GMO's schemeless header) with exactly one `DPoP`
 * proof header, which the caller then checks (`verifyDpopProof`) before anything else is looked at;
 * a bearer token is accepted only as a bearer token (RFC 9449 §7).
 */
export function authenticateCaller(
  req: IncomingMessage,
  presented: PresentedToken | undefined,
  models: OidcModelStore,
  links: LinkStore,
  apiResource: string,
  nowSeconds: number,
): MaybePromise<ApiCaller> {
  if (presented === undefined) throw failures.tokenRequired();
  const { value } = presented;
  if (value === '' || value.length > 512) throw failures.invalidToken(presented.scheme);
  // From memory when this process holds the token (no promise, no closure: every call runs this).
  const cached = models.cachedPayload('AccessToken', value);
  if (cached) return callerOfToken(req, presented, cached, models, links, apiResource, nowSeconds);
  return models
    .findPayload('AccessToken', value)
    .then((token) => callerOfToken(req, presented, token, models, links, apiResource, nowSeconds));
}

/** The token's checks, then its grant and link: from memory when held, else read. */
function callerOfToken(
  req: IncomingMessage,
  presented: PresentedToken,
  token: Readonly<AdapterPayload> | undefined,
  models: OidcModelStore,
  links: LinkStore,
  apiResource: string,
  nowSeconds: number,
): MaybePromise<ApiCaller> {
  const accepted = acceptedToken(req, presented, token, apiResource, nowSeconds);
  const { grantId } = accepted;
  const cachedGrant = models.cachedPayload('Grant', grantId);
  const cachedLink = links.findCached(grantId);
  if (cachedGrant && cachedLink) return callerOf(accepted, cachedGrant, cachedLink, nowSeconds);
  return Promise.all([
    cachedGrant ?? models.findPayload('Grant', grantId),
    cachedLink ?? links.find(grantId),
  ]).then(([grant, link]) => callerOf(accepted, grant, link, nowSeconds));
}

/** The caller, once the token's link (grant) checks out: stored, unexpired, not revoked. */
function callerOf(
  accepted: AcceptedToken,
  grant: Readonly<AdapterPayload> | undefined,
  link: Link | undefined,
  nowSeconds: number,
): ApiCaller {
  if (!grant || typeof grant.exp !== 'number' || grant.exp <= nowSeconds || link?.status !== 'active') {
    throw failures.linkExpired(accepted.scheme);
  }
  return {
    customerId: accepted.customerId,
    clientId: accepted.clientId ?? link.clientId,
    linkId: link.id,
    scopes: accepted.scopes,
    accountIds: link.accountIds,
    scheme: accepted.scheme,
    ...(accepted.dpop ? { dpop: accepted.dpop } : {}),
  };
}

/** What the token itself says, once it has checked out: whose it is, for what, and how it is bound. */
interface AcceptedToken {
  grantId: string;
  customerId: string;
  clientId: string | undefined;
  scopes: ReadonlySet<ApiScope>;
  scheme: AuthScheme;
  dpop?: { proof: string; jkt: string; accessToken: string };
}

/** The token's own checks (stored, an access token of this API, unexpired, presented as it is bound); throws the refusal. */
function acceptedToken(
  req: IncomingMessage,
  presented: PresentedToken,
  token: Readonly<AdapterPayload> | undefined,
  apiResource: string,
  nowSeconds: number,
): AcceptedToken {
  let { scheme } = presented;
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
  return {
    grantId: token.grantId,
    customerId: token.accountId,
    clientId: token.clientId,
    scopes: tokenOperations(token),
    scheme,
    ...(jkt ? { dpop: { proof: proofs[0]!, jkt, accessToken: presented.value } } : {}),
  };
}
