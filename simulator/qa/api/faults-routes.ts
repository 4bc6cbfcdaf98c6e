import type Router from '@koa/router';
import { z } from 'zod';
import type { QaDeps } from '../qa-deps.ts';
import { invalid, recordQaAction } from './qa-answers.ts';

const FaultBody = z.union([
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
  router.get('/faults', (ctx) => {
    ctx.body = { faults: faults.pending(), maintenance: faults.maintenance };
  });

  router.post('/faults', (ctx) => {
    const body = FaultBody.safeParse(ctx.request.body);
    if (!body.success) return invalid(ctx, body.error);
    const spec = body.data;
    faults.schedule(
      'status' in spec
        ? { kind: 'status', status: spec.status, count: spec.count, retryAfterSeconds: spec.retryAfter }
        : { kind: 'latency', latencyMs: spec.latencyMs, count: spec.count },
    );
    recordQaAction(audit, 'schedule fault', { detail: { fault: JSON.stringify(spec) } });
    ctx.body = { faults: faults.pending(), maintenance: faults.maintenance };
  });

  router.delete('/faults', (ctx) => {
    faults.clear();
    recordQaAction(audit, 'clear faults');
    ctx.body = { faults: [], maintenance: faults.maintenance };
  });
}
