import { createHash, timingSafeEqual } from 'node:crypto';
import type { Middleware } from 'koa';

const LOOPBACK_ADDRESS = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;
const LOOPBACK_HOST = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/;
/** Every spelling of the QA paths — case, percent-escapes — not only the one the router serves. */
const QA_PATH = /^\/+qa(\/|$)/i;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function refuse(ctx: Parameters<Middleware>[0], status: number, errorCode: string, errorMessage: string) {
  ctx.status = status;
  ctx.body = { errorCode, errorMessage };
}

function fromThisMachine(ctx: Parameters<Middleware>[0]): boolean {
  return LOOPBACK_ADDRESS.test(ctx.req.socket.remoteAddress ?? '') && LOOPBACK_HOST.test(ctx.get('host'));
}

function refuseRemote(ctx: Parameters<Middleware>[0]): void {
  refuse(ctx, 403, 'QA_LOOPBACK_ONLY', 'The QA console answers loopback requests only.');
}

/**
 * For the bank's other tester-only pages (the partner demo), mounted on their own path: the peer and
 * the Host header must be loopback. (Their forms carry CSRF tokens, so the JSON rule is the console's.)
 */
export const loopbackOnly: Middleware = async (ctx, next) => {
  if (!fromThisMachine(ctx)) return refuseRemote(ctx);
  return next();
};

/**
 * Who may use a bank's QA console and API: `true`, or the refusal to send. The root bank admits
 * this machine or the admin token (rootQaAccess); a namespace, only its own token (namespaces/).
 */
export type QaAccess = (ctx: Parameters<Middleware>[0]) => Promise<true | QaRefusal>;

interface QaRefusal {
  status: number;
  errorCode: string;
  errorMessage: string;
}

/** The bearer token of an `Authorization: Bearer …` header, if that is what it holds. */
export function bearerOf(ctx: Parameters<Middleware>[0]): string | undefined {
  const match = /^Bearer ([\x21-\x7e]+)$/i.exec(ctx.get('authorization'));
  return match?.[1];
}

/** Compares secrets in constant time, whatever their lengths (both are hashed first). */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * The root bank's QA API and the namespace administration: a tester on this machine, or anyone
 * who holds BANK_QA_ADMIN_TOKEN — so a bank reachable from a network is never open to it.
 */
export function rootQaAccess(adminToken: string | undefined): QaAccess {
  return async (ctx) => {
    const token = bearerOf(ctx);
    if (adminToken && token && sameSecret(token, adminToken)) return true;
    if (fromThisMachine(ctx)) return true;
    return {
      status: 403,
      errorCode: 'QA_LOOPBACK_ONLY',
      errorMessage: adminToken
        ? 'The QA console answers loopback requests or the admin token (BANK_QA_ADMIN_TOKEN) only.'
        : 'The QA console answers loopback requests only.',
    };
  };
}

/**
 * The QA console can unlock users and end links, so it answers only whom `access` admits (for the
 * root bank: a tester on this machine — the peer must be loopback and the Host header too, as a
 * DNS-rebinding page gets a foreign Host — or the admin token). It runs before any routing and
 * judges the path case-insensitively, so no spelling that some router might match slips past it.
 * An action (any method but GET/HEAD) must be JSON — a cross-site form cannot send that without a
 * CORS preflight this server never grants — and, when a browser says where it comes from
 * (`Origin`, `Sec-Fetch-Site`), come from the bank's own origin.
 */
export function qaGuard(access: QaAccess): Middleware {
  return async (ctx, next) => {
    if (!QA_PATH.test(decodedPath(ctx.path))) return next();
    const admitted = await access(ctx);
    if (admitted !== true) return refuse(ctx, admitted.status, admitted.errorCode, admitted.errorMessage);
    if (SAFE_METHODS.has(ctx.method)) return next();
    const origin = ctx.get('origin');
    const site = ctx.get('sec-fetch-site');
    // (Koa 3's `ctx.origin` is the Origin header itself, so the bank's own origin is built here.)
    if ((origin && origin !== `${ctx.protocol}://${ctx.host}`) || (site && site !== 'same-origin')) {
      return refuse(
        ctx,
        403,
        'QA_SAME_ORIGIN_ONLY',
        'QA actions are accepted from the QA console or a non-browser client only.',
      );
    }
    // The header itself, not `ctx.is`, which answers null for a request without a body.
    const mediaType = ctx.get('content-type').split(';')[0]!.trim().toLowerCase();
    if (ctx.method === 'POST' && mediaType !== 'application/json') {
      return refuse(ctx, 415, 'QA_JSON_REQUIRED', 'Send QA actions with Content-Type: application/json.');
    }
    return next();
  };
}
