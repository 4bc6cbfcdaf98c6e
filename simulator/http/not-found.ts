import type { Middleware } from 'koa';
import { html } from '../pages/html.ts';
import { renderErrorPage } from '../pages/error-pages.ts';
import { localeFrom, messages } from '../pages/messages.ts';

/**
 * A page nobody answered for gets the bank's own 404 page (Koa's default is a bare "Not Found").
 * Only for browsers asking for HTML with nothing written yet: oidc-provider's and the QA API's JSON
 * answers keep their bodies.
 */
export const brandedNotFound: Middleware = async (ctx, next) => {
  await next();
  if (ctx.status !== 404 || ctx.body || !['GET', 'HEAD'].includes(ctx.method)) return;
  if (ctx.accepts('html', 'json') !== 'html') return;
  const locale = localeFrom(ctx.query.ui_locales);
  const t = messages[locale].errors;
  ctx.type = 'html';
  ctx.body = renderErrorPage({
    locale,
    title: t.notFoundTitle,
    message: t.notFound,
    action: html`<p><a class="button secondary" href="/partners">${t.toPartners}</a></p>`,
  });
  ctx.status = 404;
};
