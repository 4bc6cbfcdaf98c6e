import Provider, {
  errors,
  interactionPolicy,
  type Configuration,
  type KoaContextWithOIDC,
} from 'oidc-provider';
import { operationsOf, resourceScopes } from './scope-names.ts';
import { DPOP_SIGNING_ALGS } from '../api/dpop-proof.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { ApiDialect } from '../../shared/bank/oauth.ts';
import { DEFAULT_BANK, type BankConfig } from '../config.ts';
import {
  CLIENT_REGISTRY,
  channelsOf,
  findRegisteredClient,
  oidcClientMetadata,
} from '../clients/client-registry.ts';
import type { CustomerStore } from '../customers/customer-store.ts';
import { linkTtlOf } from '../customers/scenario-users.ts';
import type { SqlPort } from '../db/sql-port.ts';
import type { LinkStore } from '../links/link-store.ts';
import type { OidcModelStore } from './oidc-model-store.ts';
import { renderOidcError } from './render-oidc-error.ts';
import type { DpopNoncePolicy } from './dpop-nonce-policy.ts';
import { bankCookieKeys, bankDpopNonceSecret, bankSigningKeys } from './signing-keys.ts';

export interface BankProviderDeps {
  issuer: string;
  /** '' for the root bank; `/ns/<name>` for a namespace, whose screens live under it. */
  basePath?: string;
  config: BankConfig;
  sql: SqlPort;
  models: OidcModelStore;
  customers: CustomerStore;
  links: LinkStore;
  audit: AuditLog;
  dpopNonces: DpopNoncePolicy;
}

/** The account-information API is the one resource server; every access token is for it. */
export const apiResourceOf = (issuer: string): string => `${issuer}/api/v1`;

const epochNow = (): number => Math.floor(Date.now() / 1000);

/** The bank asks for credentials on every link request, even inside a live browser session. */
function loginOnEveryAuthorization(): interactionPolicy.Prompt[] {
  const policy = interactionPolicy.base();
  policy
    .get('login')!
    .checks.add(
      new interactionPolicy.Check(
        'bank_login_each_time',
        'the bank authenticates every link request',
        (ctx) =>
          ctx.oidc.result?.login
            ? interactionPolicy.Check.NO_NEED_TO_PROMPT
            : interactionPolicy.Check.REQUEST_PROMPT,
      ),
    );
  return policy;
}

/**
 * `channel` (personal = WEBバンキング, corporate = WEB-FB) is required when the client is registered
 * for both. A client that asks for a channel it is not connected to is refused on a page of its own
 * (see the interaction routes), so the customer learns why.
 */
async function validateChannel(
  _ctx: KoaContextWithOIDC,
  value: string | undefined,
  client: { clientId: string },
) {
  const registered = findRegisteredClient(client.clientId);
  if (value === undefined) {
    if (registered && channelsOf(registered).length > 1) {
      throw new errors.InvalidRequest(
        "channel is required for this client: 'personal' (WEBバンキング) or 'corporate' (WEB-FB)",
      );
    }
    return;
  }
  if (value !== 'personal' && value !== 'corporate') {
    throw new errors.InvalidRequest("channel must be 'personal' or 'corporate'");
  }
}

/**
 * Browsers scope cookies by host, not port: two banks on 127.0.0.1 would overwrite each other's
 * session cookies. Another bank's cookies carry its bank code; デモ信用金庫's keep their names.
 */
function cookieNamesOf(bankCode: string, basePath: string) {
  // A namespace's cookies are its own too: on one host, the root bank's would overwrite them.
  const namespace = basePath ? `_${basePath.split('/').pop()}` : '';
  const prefix = `${bankCode === DEFAULT_BANK.code ? '' : `_${bankCode}`}${namespace}`;
  return {
    session: `${prefix}_session`,
    interaction: `${prefix}_interaction`,
    resume: `${prefix}_interaction_resume`,
  };
}

/** Introspection and revocation answer a client about its own tokens only (RFC 7662 §4, RFC 7009 §2.1). */
const ownTokensOnly = async (
  _ctx: KoaContextWithOIDC,
  client: { clientId: string },
  token: { clientId?: string | undefined },
): Promise<boolean> => token.clientId === client.clientId;

/**
 * A link is consent to at least one operation (残高照会, 入出金明細照会): an authorization request that
 * asks for neither is refused with invalid_scope, before any screen is shown.
 */
function requireAnApiScope(ctx: KoaContextWithOIDC, dialect: ApiDialect): void {
  const route = ctx.oidc.route;
  if (route !== 'authorization' && route !== 'pushed_authorization_request') return;
  const requested = String(ctx.oidc.params?.scope ?? '');
  if (operationsOf(requested, dialect).length === 0) {
    throw new errors.InvalidScope(
      `ask for at least one of ${resourceScopes(dialect).join(', ')}`,
      requested.split(' ').filter(Boolean).join(' '),
    );
  }
}

export async function createBankProvider(deps: BankProviderDeps): Promise<Provider> {
  const { issuer, config, sql, customers } = deps;
  const basePath = deps.basePath ?? '';
  const apiResource = apiResourceOf(issuer);

  const configuration: Configuration = {
    adapter: deps.models.Adapter,
    clients: CLIENT_REGISTRY.map((c) => oidcClientMetadata(c, issuer)),
    jwks: (await bankSigningKeys(sql)) as Configuration['jwks'],
    cookies: { keys: await bankCookieKeys(sql), names: cookieNamesOf(config.bank.code, basePath) },
    findAccount: async (_ctx, id) =>
      (await customers.findById(id)) ? { accountId: id, claims: async () => ({ sub: id }) } : undefined,
    // The API scopes belong to the resource server below, not to OpenID: listing them here would
    // make oidc-provider expect them in the OpenID part of the grant and ask for consent forever.
    scopes: ['openid', 'offline_access'],
    claims: { openid: ['sub'] },
    responseTypes: ['code'],
    pkce: { required: () => true },
    extraParams: { channel: validateChannel },
    interactions: {
      url: (_ctx, interaction) => `${basePath}/interaction/${interaction.uid}`,
      policy: loginOnEveryAuthorization(),
    },
    // Every consent makes a new link: a grant from an earlier consent is never silently reused.
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId;
      return grantId ? ctx.oidc.provider.Grant.find(grantId) : undefined;
    },
    // Refresh tokens for every code grant, rotated on every use; reuse of a rotated one revokes the
    // link, except within BANK_REFRESH_REUSE_GRACE of the rotation (see refresh-reuse-grace.ts).
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    // Each client authenticates the one way it is registered for (public: none; partners: Basic):
    // oidc-provider otherwise takes client_secret_post from a client registered for Basic.
    clientAuthMethods: ['none', 'client_secret_basic'],
    // redirect_uri is always required: a loopback client's registered URI has no port, and the
    // bank would otherwise send the code to port 80.
    allowOmittingSingleRegisteredRedirectUri: false,
    enabledJWA: { dPoPSigningAlgValues: [...DPOP_SIGNING_ALGS] },
    expiresWithSession: async () => false,
    features: {
      devInteractions: { enabled: false },
      // A client learns about and ends only its own tokens; any other token is `active: false`.
      introspection: { enabled: true, allowedPolicy: ownTokensOnly },
      revocation: { enabled: true, allowedPolicy: ownTokensOnly },
      // Sender-constrained tokens (RFC 9449): a proof at the token endpoint binds the tokens to the
      // client's key, and the API then accepts them only with a proof (api/bearer-auth.ts).
      // Nonces (RFC 9449 §8) from a secret kept in the bank's store: a proof must carry one the
      // bank issued, so a proof made ahead of time by whoever holds the key for a while is useless.
      dPoP: {
        enabled: true,
        nonceSecret: await bankDpopNonceSecret(sql),
        requireNonce: (ctx) => deps.dpopNonces.requiredFor(ctx),
      },
      pushedAuthorizationRequests: { enabled: true, requirePushedAuthorizationRequests: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => apiResource,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (ctx, resourceIndicator) => {
          if (resourceIndicator !== apiResource) throw new errors.InvalidTarget();
          requireAnApiScope(ctx, config.apiDialect);
          return {
            scope: resourceScopes(config.apiDialect).join(' '),
            audience: apiResource,
            accessTokenFormat: 'opaque',
            accessTokenTTL: config.accessTokenTtlSeconds,
          };
        },
      },
    },
    ttl: {
      AccessToken: config.accessTokenTtlSeconds,
      AuthorizationCode: 60,
      // The scenario user EXPIRES1DAY's links last a day (customers/scenario-users.ts).
      Grant: (_ctx, grant) => linkTtlOf(grant.accountId ?? '', config.grantTtlSeconds),
      Interaction: 3600,
      Session: 3600,
      IdToken: 3600,
      // A refresh token lives exactly as long as what is left of its link.
      RefreshToken: (ctx) => {
        const grantExp = ctx?.oidc.entities.Grant?.exp;
        return grantExp ? Math.max(1, grantExp - epochNow()) : config.grantTtlSeconds;
      },
    },
    clientBasedCORS: () => false,
    renderError: renderOidcError,
  };

  const provider = new Provider(issuer, configuration);
  provider.proxy = false;
  return provider;
}
