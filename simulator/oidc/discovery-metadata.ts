import type Provider from 'oidc-provider';
import type { ApiDialect } from '../../shared/bank/oauth.ts';
import { resourceScopes } from './scope-names.ts';

const DISCOVERY_PATHS = new Set([
  '/.well-known/openid-configuration',
  '/.well-known/oauth-authorization-server',
]);

/**
 * Both discovery documents list the API's scopes too, which oidc-provider keeps with the resource
 * server rather than in `scopes_supported`: a bank API's clients look for them there.
 */
export function installDiscoveryMetadata(provider: Provider, dialect: ApiDialect): void {
  provider.use(async (ctx, next) => {
    await next();
    if (!DISCOVERY_PATHS.has(ctx.path) || ctx.status !== 200) return;
    const body = ctx.body as { scopes_supported?: string[] };
    body.scopes_supported = [...new Set([...(body.scopes_supported ?? []), ...resourceScopes(dialect)])];
  });
}
