import type Router from '@koa/router';
import { z } from 'zod';
import type { QaDeps } from '../qa-deps.ts';
import { invalid, recordQaAction } from './qa-answers.ts';

export const MaintenanceBody = z.object({ on: z.boolean() });
export const NoncesBody = z.object({ required: z.boolean() });

/** POST /maintenance: the account API answers 503 メンテナンス中 while it is on. */
export function addMaintenanceRoutes(router: Router, { faults, audit, dpopNonces }: QaDeps): void {
  /** POST /dpop-nonces {required}: whether the token endpoint wants a DPoP-Nonce in every proof. */
  router.post('/dpop-nonces', async (ctx) => {
    const body = NoncesBody.safeParse(ctx.request.body);
    if (!body.success) return invalid(ctx, body.error);
    await dpopNonces.setRequired(body.data.required);
    await recordQaAction(audit, body.data.required ? 'DPoP nonces required' : 'DPoP nonces not required');
    ctx.body = { required: await dpopNonces.required() };
  });

  router.post('/maintenance', async (ctx) => {
    const body = MaintenanceBody.safeParse(ctx.request.body);
    if (!body.success) return invalid(ctx, body.error);
    await faults.setMaintenance(body.data.on);
    await recordQaAction(audit, body.data.on ? 'maintenance on' : 'maintenance off');
    ctx.body = { maintenance: await faults.maintenance() };
  });
}
