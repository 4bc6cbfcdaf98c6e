import type Router from '@koa/router';
import { z } from 'zod';
import type { QaDeps } from '../qa-deps.ts';
import { invalid, recordQaAction } from './qa-answers.ts';

export const FaultBody = z.union([
  z.object({
    status: z.union([z.literal(500), z.literal(503), z.literal(429)]),
    count: z.number().int().min(1).max(1000).default(1),
    retryAfter: z.number().int().min(0).max(3600).default(2),
  }),
  z.object({
    latencyMs: z.number().int().min(1).max(30_000),
    count: z.number().int().min(1).max(1000).default(1),
  }),
]);

/** The account API's injected faults: what is pending, scheduling one (a status or a delay), clearing. */
export function addFaultsRoutes(router: Router, { faults, audit }: QaDeps): void {
  router.get('/faults', async (ctx) => {
    ctx.body = { faults: await faults.pending(), maintenance: await faults.maintenance() };
  });

  router.post('/faults', async (ctx) => {
    const body = FaultBody.safeParse(ctx.request.body);
    if (!body.success) return invalid(ctx, body.error);
    const spec = body.data;
    await faults.schedule(
      'status' in spec
        ? { kind: 'status', status: spec.status, count: spec.count, retryAfterSeconds: spec.retryAfter }
        : { kind: 'latency', latencyMs: spec.latencyMs, count: spec.count },
    );
    await recordQaAction(audit, 'schedule fault', { detail: { fault: JSON.stringify(spec) } });
    ctx.body = { faults: await faults.pending(), maintenance: await faults.maintenance() };
  });

  router.delete('/faults', async (ctx) => {
    await faults.clear();
    await recordQaAction(audit, 'clear faults');
    ctx.body = { faults: [], maintenance: await faults.maintenance() };
  });
}
