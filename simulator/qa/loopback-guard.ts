import type { Middleware } from 'koa';

const LOOPBACK_ADDRESS = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;
const LOOPBACK_HOST = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/;

/**
 * The QA console can unlock users and end links, so it answers only a tester on this machine: the
 * peer must be loopback and the Host header too (a DNS-rebinding page gets a foreign Host). POSTs
 * must be JSON, which a cross-site form cannot send; DELETE always needs a CORS preflight, which this
 * server never grants.
 */
export const qaLoopbackGuard: Middleware = async (ctx, next) => {
  if (!LOOPBACK_ADDRESS.test(ctx.req.socket.remoteAddress ?? '') || !LOOPBACK_HOST.test(ctx.get('host'))) {
    ctx.status = 403;
    ctx.body = {
      errorCode: 'QA_LOOPBACK_ONLY',
      errorMessage: 'The QA console answers loopback requests only.',
    };
    return;
  }
  if (ctx.method === 'POST' && ctx.path.startsWith('/qa/api/') && !ctx.is('application/json')) {
    ctx.status = 415;
    ctx.body = {
      errorCode: 'QA_JSON_REQUIRED',
      errorMessage: 'Send QA actions with Content-Type: application/json.',
    };
    return;
  }
  await next();
};
