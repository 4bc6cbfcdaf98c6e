import type http from 'node:http';
import Koa, { type Middleware } from 'koa';
import Router from '@koa/router';
import { BANKDEMO_ROUTES, createApiHandler, type ApiDialectRoutes } from './api/api-handler.ts';
import { GMO_ROUTES } from './api/gmo/gmo-routes.ts';
import { createJtiStore } from './api/dpop-jti-store.ts';
import { createFaultInjector } from './api/fault-injector.ts';
import { createAuditLog } from './audit/audit-log.ts';
import type { BankConfig } from './config.ts';
import type { ApiDialect } from '../shared/bank/oauth.ts';
import { createCustomerStore } from './customers/customer-store.ts';
import { createScenarioMarks } from './customers/scenario-users.ts';
import type { SqlPort } from './db/sql-port.ts';
import { BANK_CSS, createBankRouter } from './http/bank-routes.ts';
import { databaseOutageAnswers } from './http/database-outage.ts';
import { brandedNotFound } from './http/not-found.ts';
import { securityHeaders } from './http/security-headers.ts';
import { underBasePath } from './http/under-base-path.ts';
import { bankIdentityScope } from './pages/bank-identity.ts';
import { certificateLogin } from './interactions/certificate-login.ts';
import type { InteractionDeps } from './interactions/interaction-context.ts';
import { createInteractionStateStore } from './interactions/interaction-state.ts';
import { createLedgerStore } from './ledger/ledger-store.ts';
import { createLinkStore } from './links/link-store.ts';
import { apiResourceOf, createBankProvider } from './oidc/bank-provider.ts';
import { openApiRouter } from './openapi/openapi-routes.ts';
import { installDiscoveryMetadata } from './oidc/discovery-metadata.ts';
import { createOidcModelStore } from './oidc/oidc-model-store.ts';
import { refreshReuseGrace } from './oidc/refresh-reuse-grace.ts';
import { createDpopNoncePolicy } from './oidc/dpop-nonce-policy.ts';
import { installTokenEndpointHooks } from './oidc/token-endpoint-hooks.ts';
import { jstDate } from '../shared/dates.ts';

/** The API's routes in each dialect the app speaks: a dialect added to the shared list fails to compile until served. */
export const DIALECT_ROUTES: Record<ApiDialect, ApiDialectRoutes> = {
  bankdemo: BANKDEMO_ROUTES,
  'gmo-aozora': GMO_ROUTES,
};

export type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** What makes one bank — the root bank or a namespace (`/ns/<name>`) — on its own storage. */
export interface BankParts {
  config: BankConfig;
  /** Its storage: the root bank's, or the namespace's own schema or file. */
  sql: SqlPort;
  /** The issuer clients see: the origin, plus `/ns/<name>` for a namespace. */
  issuer: string;
  /** The certificate listener's origin, plus the same path. */
  tlsOrigin: string;
  /** The path the bank is mounted at: '' for the root bank, `/ns/<name>` for a namespace. */
  basePath: string;
  /** The bank's CA certificate (PEM), which certificate logins are checked against. */
  caCertPem: string;
  /** Who may use its QA console and API (the root: loopback or the admin token; a namespace: its token). */
  qaGuard: Middleware;
  /** Routes only this bank has (the root bank's namespace administration). */
  extraRoutes?: Router;
}

/** One bank's request handlers: its main listener's (pages, OAuth, API, QA) and its certificate login. */
export interface AssembledBank {
  http: RequestHandler;
  tls: RequestHandler;
  /** Deletes what has expired; the caller runs it now and then. */
  sweep(): Promise<unknown>;
}

/**
 * Builds one bank on its storage: stores, oidc-provider, pages, API and QA. The handlers expect
 * `req.url` without `basePath` (the namespace dispatcher strips it and keeps the full URL in
 * `req.originalUrl`, from which oidc-provider builds its own URLs).
 */
export async function assembleBank(parts: BankParts): Promise<AssembledBank> {
  const { config, sql, issuer, tlsOrigin, basePath } = parts;
  const customers = createCustomerStore(sql);
  const audit = createAuditLog(sql);
  const models = createOidcModelStore(
    sql,
    refreshReuseGrace(config.refreshReuseGraceSeconds, (grantId) =>
      audit.record({
        event: 'token.refresh',
        outcome: 'info',
        detail: { link: grantId, reuse: 'within grace' },
      }),
    ),
  );
  await models.sweepExpired();
  const ledger = createLedgerStore(sql, config.seed);
  // Up to today now, so the first API call does not pay for generating the history.
  await ledger.ensureThrough(jstDate(Date.now()));

  const links = createLinkStore(sql);
  const states = createInteractionStateStore(sql);
  const dpopNonces = createDpopNoncePolicy(sql);
  const provider = await createBankProvider({
    issuer,
    basePath,
    config,
    sql,
    models,
    customers,
    links,
    audit,
    dpopNonces,
  });
  const scenarios = createScenarioMarks(sql);
  const deps: InteractionDeps = {
    provider,
    config,
    customers,
    links,
    audit,
    states,
    issuer,
    tlsOrigin,
    scenarios,
  };
  const faults = createFaultInjector(sql);
  const jtis = createJtiStore(sql);

  provider.use(databaseOutageAnswers(provider));
  // First of our other middleware, so every page and redirect below it links under the base path.
  if (basePath) provider.use(underBasePath(basePath));
  provider.use(bankIdentityScope(config.bank));
  provider.use(dpopNonces.middleware);
  provider.use(securityHeaders);
  provider.use(parts.qaGuard);
  provider.use(brandedNotFound);
  installDiscoveryMetadata(provider, config.apiDialect);
  installTokenEndpointHooks(provider, links, audit, models);
  if (parts.extraRoutes) {
    provider.use(parts.extraRoutes.routes());
    provider.use(parts.extraRoutes.allowedMethods());
  }
  const bankRouter = createBankRouter({ ...deps, sql, models, ledger, faults, dpopNonces });
  provider.use(bankRouter.routes());
  // The root bank's QA document has the namespace administration its extra routes serve.
  provider.use(openApiRouter(issuer, config.apiDialect, parts.extraRoutes !== undefined).routes());
  provider.use(bankRouter.allowedMethods());
  const pages = provider.callback();
  const api = createApiHandler(
    {
      models,
      links,
      customers,
      ledger,
      faults,
      apiResource: apiResourceOf(issuer),
      origin: issuer,
      jtis,
      audit,
      scenarios,
    },
    DIALECT_ROUTES[config.apiDialect],
  );

  const tlsApp = new Koa();
  const tlsRouter = new Router();
  tlsRouter.get('/assets/bank.css', (ctx) => {
    ctx.type = 'text/css';
    ctx.body = BANK_CSS;
  });
  tlsRouter.get('/interaction/:uid/certificate', (ctx) => certificateLogin(ctx, deps, parts.caCertPem));
  tlsApp.use(databaseOutageAnswers());
  if (basePath) tlsApp.use(underBasePath(basePath));
  tlsApp.use(bankIdentityScope(config.bank));
  tlsApp.use(securityHeaders);
  tlsApp.use(brandedNotFound);
  tlsApp.use(tlsRouter.routes());

  return {
    http: (req, res) => (api.serves(req.url ?? '/') ? api(req, res) : pages(req, res)),
    tls: tlsApp.callback(),
    sweep: () =>
      Promise.all([models.sweepExpired(), states.sweep(), jtis.prune(Math.floor(Date.now() / 1000))]),
  };
}
