import type Provider from 'oidc-provider';
import type { EventEmitter } from 'node:events';
import type { Context, Next } from 'koa';

/**
 * oidc-provider emits its events (`grant.revoked`, `authorization.error`…) without awaiting their
 * listeners, so a listener's database write would land after the HTTP answer — lost if the process
 * dies in between (kill -9 of a worker), and not yet visible to the next request, which may reach
 * another bank process. Listeners registered here are awaited instead: the middleware holds the
 * answer until every write a request's events started has finished (or failed, which it rethrows).
 */
export function awaitedEvents(provider: Provider): {
  on<C extends object, A extends unknown[]>(
    event: 'grant.revoked' | 'authorization.error',
    listener: (ctx: C, ...args: A) => Promise<void>,
  ): void;
  middleware(ctx: Context, next: Next): Promise<void>;
} {
  const pending = new WeakMap<object, Promise<void>[]>();
  return {
    on<C extends object, A extends unknown[]>(
      event: 'grant.revoked' | 'authorization.error',
      listener: (ctx: C, ...args: A) => Promise<void>,
    ) {
      // Typed per event by @types/oidc-provider; the listener's own signature is checked at its call.
      (provider as unknown as EventEmitter).on(event, (ctx: C, ...args: A) => {
        const write = listener(ctx, ...args);
        const list = pending.get(ctx);
        if (list) list.push(write);
        // An event outside a request the middleware saw (none today): nothing to hold, but never unhandled.
        else write.catch((error: unknown) => console.error(`[bank] ${event} listener failed:`, error));
      });
    },
    async middleware(ctx, next) {
      const list: Promise<void>[] = [];
      pending.set(ctx, list);
      try {
        await next();
      } finally {
        // A write may start another (a listener emitting): settle until none is left.
        for (let i = 0; i < list.length; i++) await list[i];
      }
    },
  };
}
