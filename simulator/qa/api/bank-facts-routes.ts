import type Router from '@koa/router';
import { bankFactsOf } from '../bank-facts.ts';
import type { QaDeps } from '../qa-deps.ts';

/**
 * GET /bank: who this bank is (name, code, branches, issuer), for a test that runs against any —
 * and which process answers, from which data folder, so that an app finding a bank already on its
 * port can say whose it is (loopback callers only, as all of the QA API).
 */
export function addBankFactsRoutes(router: Router, deps: QaDeps): void {
  router.get('/bank', async (ctx) => {
    ctx.body = { ...bankFactsOf(deps.config, deps.issuer), pid: process.pid, dataDir: deps.config.dataDir };
  });
}
