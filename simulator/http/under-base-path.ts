import type { Middleware } from 'koa';

/** A root-relative link in the bank's HTML (`href="/terms"`), not a protocol-relative one (`//x`). */
const ROOT_RELATIVE = /\b(href|action|src)="\/(?!\/)/g;

/**
 * A namespace's pages are the root bank's pages served under `/ns/<name>`: the pages, forms and
 * redirects are written root-relative (`/interaction/…`, `/terms`), so this moves them under the
 * base path on the way out, in one place, instead of threading the prefix through every render.
 */
export function underBasePath(basePath: string): Middleware {
  return async (ctx, next) => {
    await next();
    const location = ctx.response.headers.location;
    // oidc-provider's own redirects (built from the issuer) already carry it.
    if (
      typeof location === 'string' &&
      location.startsWith('/') &&
      !location.startsWith('//') &&
      !location.startsWith(`${basePath}/`)
    )
      ctx.set('Location', `${basePath}${location}`);
    if (typeof ctx.body === 'string' && ctx.response.is('html')) {
      ctx.body = ctx.body.replace(ROOT_RELATIVE, `$1="${basePath}/`);
    }
  };
}
