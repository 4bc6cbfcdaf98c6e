import type Router from '@koa/router';
import { jstDate } from '../../../shared/dates.ts';
import type { QaDeps } from '../qa-deps.ts';
import { resetBank } from '../reset-bank.ts';

/** POST /reset: back to the seeded bank (reset-bank.ts says what goes and what stays). */
export function addResetRoutes(router: Router, deps: QaDeps): void {
  router.post('/reset', async (ctx) => {
    await resetBank(deps, jstDate(Date.now()));
    ctx.body = { reset: true };
  });
}
