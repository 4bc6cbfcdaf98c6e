import type { Context } from 'koa';
import { RENDERER_CSP } from '../shell-policy.ts';

/** On every answer the shell gives, a refusal and an error included. */
export const SECURITY_HEADERS = {
  'Content-Security-Policy': RENDERER_CSP,
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

export function sendText(ctx: Context, status: number, text: string): void {
  ctx.status = status;
  ctx.type = 'text/plain; charset=utf-8';
  ctx.body = text;
}

/** A refusal says only which rule refused, never what was expected. */
export function refuse(ctx: Context, why: string): void {
  sendText(ctx, 403, `Forbidden: ${why}\n`);
}
