import helmet from 'helmet';
import type { Middleware } from 'koa';

/**
 * Headers for every response of the bank: no framing (clickjacking on the consent screen), a CSP
 * that allows only our own stylesheet and scripts (no inline code), no referrer (codes travel in URLs).
 * `form-action` is left open on purpose: after 許可 the browser is redirected to the client's
 * loopback address, and Chromium applies form-action to that redirect.
 */
const helmetHandler = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      styleSrc: ["'self'"],
      // Only the QA console has a script, served from here; no page has inline script.
      scriptSrc: ["'self'"],
      connectSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      baseUri: ["'none'"],
      frameAncestors: ["'none'"],
    },
  },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  // HSTS would pin the loopback host to https and break the plain-HTTP listener.
  strictTransportSecurity: false,
});

export const securityHeaders: Middleware = async (ctx, next) => {
  await new Promise<void>((resolve, reject) =>
    helmetHandler(ctx.req, ctx.res, (err?: unknown) =>
      err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(),
    ),
  );
  await next();
};
