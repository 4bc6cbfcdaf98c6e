import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { AuditLog } from '../audit/audit-log.ts';
import type { LinkStore } from '../links/link-store.ts';

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

/**
 * What the bank adds around oidc-provider's token, revocation and grant events: the link's remaining
 * life in every token response (`refresh_token_expires_in`, so clients can show 有効期限), the audit
 * trail, and the link's status when a grant is revoked (by the client, or by refresh-token reuse).
 */
export function installTokenEndpointHooks(provider: Provider, links: LinkStore, audit: AuditLog): void {
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

  // Handlers of the provider's events are async: their writes start at once, in emit order.
  provider.on('grant.revoked', async (ctx: KoaContextWithOIDC, grantId: string) => {
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

  provider.on(
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
    console.error('[bank] oidc-provider server error:', error);
  });
}
