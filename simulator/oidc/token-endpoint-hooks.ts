import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { AuditLog } from '../audit/audit-log.ts';
import { isDatabaseUnavailable } from '../db/database-unavailable.ts';
import type { LinkStore } from '../links/link-store.ts';
import { awaitedEvents } from './awaited-events.ts';
import type { OidcModelStore } from './oidc-model-store.ts';

const epochNow = (): number => Math.floor(Date.now() / 1000);

/**
 * RFC 7662 §2.1: introspection needs the caller to authenticate; oidc-provider answers a request
 * that names no client at all with 400 invalid_request, the bank with 401 invalid_client.
 */
function requireClientAuthentication(ctx: KoaContextWithOIDC): void {
  const body = ctx.body as { error?: unknown; error_description?: unknown } | undefined;
  if (
    ctx.status !== 400 ||
    body?.error !== 'invalid_request' ||
    body.error_description !== 'no client authentication mechanism provided'
  ) {
    return;
  }
  ctx.status = 401;
  ctx.body = { error: 'invalid_client', error_description: 'client authentication is required' };
  ctx.set('WWW-Authenticate', `Basic realm="${ctx.oidc.provider.issuer}"`);
}

/** Why oidc-provider refused a grant request, by request: the client is not told, the audit is. */
const grantErrorDetails = new WeakMap<object, string>();

/** oidc-provider's refusals that concern a DPoP proof, or the want of one (helpers/validate_dpop.js). */
const DPOP_REFUSAL = /DPoP|jkt verification/;

/**
 * A token request refused for its DPoP proof (none where the client must send one, another key than
 * the refresh token's, a replay, a stale iat, htu/htm, a nonce wanted) as `dpop.refused`, beside the
 * token.error every refusal gets, with the link when the bank knows it.
 */
async function recordTokenDpopRefusal(
  audit: AuditLog,
  oidc: KoaContextWithOIDC['oidc'],
  body: Record<string, unknown> | undefined,
  clientId: string | undefined,
  customerId: string | undefined,
  grantId: string | undefined,
  detail: string | undefined,
): Promise<void> {
  const error = String(body?.error ?? '');
  // invalid_grant says only "grant request is invalid" to the client; its error_detail says why.
  const description = detail ?? String(body?.error_description ?? '');
  const aboutDpop =
    error === 'use_dpop_nonce' || error === 'invalid_dpop_proof' || DPOP_REFUSAL.test(description);
  if (!aboutDpop) return;
  await audit.record({
    event: 'dpop.refused',
    outcome: error === 'use_dpop_nonce' ? 'info' : 'failure',
    clientId,
    customerId,
    detail: {
      where: 'token',
      grantType: String(oidc.params?.grant_type ?? ''),
      link: grantId,
      reason: description || error,
    },
  });
}

/**
 * What the bank adds around oidc-provider's token, revocation and grant events: the link's remaining
 * life in every token response (`refresh_token_expires_in`, so clients can show 有効期限), the audit
 * trail, and the link's status when a grant is revoked (by the client, or by refresh-token reuse).
 */
export function installTokenEndpointHooks(
  provider: Provider,
  links: LinkStore,
  audit: AuditLog,
  models?: Pick<OidcModelStore, 'findPayload'>,
): void {
  provider.use(async (ctx, next) => {
    await next();
    const oidc = (ctx as KoaContextWithOIDC).oidc;
    if (oidc?.route === 'introspection') return requireClientAuthentication(ctx as KoaContextWithOIDC);
    if (!oidc || (oidc.route !== 'token' && oidc.route !== 'revocation')) return;
    const clientId = oidc.client?.clientId;
    const body = ctx.body as Record<string, unknown> | undefined;

    if (oidc.route === 'revocation') {
      await audit.record({
        event: 'token.revoke',
        outcome: ctx.status === 200 ? 'success' : 'failure',
        clientId,
        detail: { hint: String(oidc.params?.token_type_hint ?? '') || undefined },
      });
      return;
    }
    const grantType = String(oidc.params?.grant_type ?? '');
    const event = grantType === 'refresh_token' ? 'token.refresh' : 'token.issue';
    const grant = oidc.entities.Grant;
    if (ctx.status !== 200 || !body) {
      // A refresh refused before oidc-provider loaded the grant: the link is the refresh token's.
      const refreshToken = oidc.params?.refresh_token;
      const presented =
        typeof refreshToken === 'string'
          ? await models?.findPayload('RefreshToken', refreshToken)
          : undefined;
      await recordTokenDpopRefusal(
        audit,
        oidc,
        body,
        clientId,
        grant?.accountId ?? presented?.accountId,
        grant?.jti ?? presented?.grantId,
        grantErrorDetails.get(ctx),
      );
      await audit.record({
        event: 'token.error',
        outcome: 'failure',
        clientId,
        customerId: grant?.accountId,
        detail: {
          grantType,
          error: String(body?.error ?? ctx.status),
          description: String(body?.error_description ?? ''),
        },
      });
      return;
    }
    if (typeof body.refresh_token === 'string' && grant?.exp) {
      body.refresh_token_expires_in = Math.max(0, grant.exp - epochNow());
    }
    await audit.record({
      event,
      outcome: 'success',
      clientId,
      customerId: grant?.accountId,
      detail: { link: grant?.jti },
    });
  });

  provider.on('grant.error', (ctx: object, error: { error_detail?: unknown }) => {
    if (typeof error.error_detail === 'string') grantErrorDetails.set(ctx, error.error_detail);
  });

  // oidc-provider does not await its listeners: these are awaited before the answer (awaited-events.ts).
  const events = awaitedEvents(provider);
  provider.use(events.middleware);
  events.on('grant.revoked', async (ctx: KoaContextWithOIDC, grantId: string) => {
    const by = ctx.oidc?.route === 'token' ? 'refresh token reuse' : 'client';
    if (await links.markRevoked(grantId, by)) {
      const link = await links.find(grantId);
      await audit.record({
        event: 'link.revoked',
        outcome: 'info',
        customerId: link?.customerId,
        clientId: link?.clientId,
        detail: { link: grantId, by },
      });
    }
  });

  events.on(
    'authorization.error',
    async (ctx: KoaContextWithOIDC, error: { error?: string; error_description?: string }) => {
      await audit.record({
        event: 'authorization.error',
        outcome: 'failure',
        clientId: ctx.oidc?.client?.clientId,
        detail: { error: error.error, description: error.error_description },
      });
    },
  );

  provider.on('server_error', (_ctx: unknown, error: Error) => {
    // An outage is answered 503 (http/database-outage.ts): one line, not a stack per request.
    if (isDatabaseUnavailable(error)) console.error(`[bank] database unavailable: ${error.message}`);
    else console.error('[bank] oidc-provider server error:', error);
  });
}
