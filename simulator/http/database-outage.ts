import type { EventEmitter } from 'node:events';
import type { Middleware } from 'koa';
import type Provider from 'oidc-provider';
import {
  DATABASE_RETRY_AFTER_SECONDS,
  DATABASE_UNAVAILABLE_BODY,
  isDatabaseUnavailable,
} from '../db/database-unavailable.ts';

/**
 * Pages, OAuth endpoints and the QA API while the database is away: 503 with the coded JSON error
 * and Retry-After, instead of a 500 page. Our own routes throw the error up to here; oidc-provider
 * catches its own and renders a 500, telling `server_error` why, so that answer is replaced here.
 * Nothing is kept between requests: the next request after the database is back is served as usual.
 */
export function databaseOutageAnswers(
  /** Absent for the certificate listener, whose routes are all ours. */
  provider?: Provider,
): Middleware {
  const causes = new WeakMap<object, unknown>();
  (provider as unknown as EventEmitter | undefined)?.on('server_error', (ctx: object, error: unknown) => {
    causes.set(ctx, error);
  });
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      causes.set(ctx, error);
    }
    if (!isDatabaseUnavailable(causes.get(ctx))) return;
    ctx.status = 503;
    ctx.set('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    ctx.set('Cache-Control', 'no-store');
    ctx.body = DATABASE_UNAVAILABLE_BODY;
  };
}
