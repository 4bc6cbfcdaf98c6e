import type Router from '@koa/router';
import { bankFactsOf } from '../bank-facts.ts';
import type { QaDeps } from '../qa-deps.ts';

/** GET /bank: who this bank is (name, code, branches, issuer), for a test that runs against any. */
export function addBankFactsRoutes(router: Router, deps: QaDeps): void {
  router.get('/bank', async (ctx) => {
    ctx.body = bankFactsOf(deps.config, deps.issuer);
  });
}
