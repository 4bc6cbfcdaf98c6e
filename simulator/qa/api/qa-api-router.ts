import Router from '@koa/router';
import type { QaDeps } from '../qa-deps.ts';
import { addAuditRoutes } from './audit-routes.ts';
import { addBankFactsRoutes } from './bank-facts-routes.ts';
import { addClientsRoutes } from './clients-routes.ts';
import { addCustomersRoutes } from './customers-routes.ts';
import { addFaultsRoutes } from './faults-routes.ts';
import { addLinksRoutes } from './links-routes.ts';
import { addMaintenanceRoutes } from './maintenance-routes.ts';
import { addResetRoutes } from './reset-routes.ts';
import { addTransactionsRoutes } from './transactions-routes.ts';
import { addUsersRoutes } from './users-routes.ts';

/**
 * The JSON twin of the QA console, for automation: one module per resource on one router, mounted
 * at /qa/api behind the loopback guard (qa/loopback-guard.ts), which runs before any of them.
 */
export function createQaApiRouter(deps: QaDeps): Router {
  // Strict routing, as the bank's own router: one spelling per route, the one the guard knows.
  const router = new Router({ strict: true, sensitive: true });
  addBankFactsRoutes(router, deps);
  addUsersRoutes(router, deps);
  addCustomersRoutes(router, deps);
  addClientsRoutes(router);
  addLinksRoutes(router, deps);
  addFaultsRoutes(router, deps);
  addMaintenanceRoutes(router, deps);
  addTransactionsRoutes(router, deps);
  addResetRoutes(router, deps);
  addAuditRoutes(router, deps);
  return router;
}
