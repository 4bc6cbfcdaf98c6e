import type { RouterContext } from '@koa/router';
import type { z } from 'zod';
import type { AuditLog } from '../../audit/audit-log.ts';

/** Every QA API refusal has this shape: `{ errorCode, errorMessage }` with its status. */
export function fail(ctx: RouterContext, status: number, errorCode: string, errorMessage: string): void {
  ctx.status = status;
  ctx.body = { errorCode, errorMessage };
}

/** A body that failed its schema: 400 INVALID_PARAMETER naming each bad field. */
export function invalid(ctx: RouterContext, error: z.ZodError): void {
  fail(
    ctx,
    400,
    'INVALID_PARAMETER',
    error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
  );
}

/** Every QA action leaves a line in the bank's audit log, so a test run can be read back. */
export async function recordQaAction(
  audit: AuditLog,
  action: string,
  extra: {
    customerId?: string;
    clientId?: string;
    detail?: Record<string, string | number | boolean>;
  } = {},
): Promise<void> {
  await audit.record({
    event: 'qa.action',
    outcome: 'info',
    customerId: extra.customerId,
    clientId: extra.clientId,
    detail: { action, ...extra.detail },
  });
}

/** Epoch seconds as an ISO time; null stays null. */
export const iso = (epochSeconds: number | null): string | null =>
  epochSeconds === null ? null : new Date(epochSeconds * 1000).toISOString();
