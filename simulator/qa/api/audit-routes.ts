import type Router from '@koa/router';
import type { QaDeps } from '../qa-deps.ts';
import { iso } from './qa-answers.ts';

/** GET /audit?limit=N: the newest audit entries (200 unless asked, 1000 at most). */
export function addAuditRoutes(router: Router, { audit }: QaDeps): void {
  router.get('/audit', async (ctx) => {
    const limit = Math.min(1000, Math.max(1, Number(ctx.query.limit) || 200));
    ctx.body = { entries: (await audit.recent(limit)).map((e) => ({ ...e, at: iso(e.at) })) };
  });
}
