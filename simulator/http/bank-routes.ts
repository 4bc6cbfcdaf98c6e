import fs from 'node:fs';
import path from 'node:path';
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import { jstDate } from '../../shared/dates.ts';
import { CLIENT_REGISTRY } from '../clients/client-registry.ts';
import { submitConsent } from '../interactions/consent-routes.ts';
import type { InteractionDeps } from '../interactions/interaction-context.ts';
import {
  cancelInteraction,
  showInteraction,
  submitOtp,
  submitPassword,
} from '../interactions/login-routes.ts';
import { localeFrom } from '../pages/messages.ts';
import { addPartnerDemoRoutes } from '../partner-demo/demo-routes.ts';
import { renderPartners, renderTerms } from '../pages/public-pages.ts';
import { renderQaCallback } from '../qa/qa-callback-page.ts';
import { createQaApiRouter } from '../qa/api/qa-api-router.ts';
import type { QaDeps } from '../qa/qa-deps.ts';
import { addQaConsoleRoutes } from '../qa/qa-console-routes.ts';
import { answerBadRequests } from './bad-request-answers.ts';
import { sendPage } from './send-page.ts';

export const BANK_CSS = fs.readFileSync(path.join(import.meta.dirname, '../pages/bank.css'), 'utf8');

/** Forms and QA JSON are small; anything larger is refused before it is read. */
const parseBody = bodyParser({ enableTypes: ['form', 'json'], formLimit: '16kb', jsonLimit: '64kb' });

/**
 * The bank's own pages on the main listener, in front of oidc-provider: login/consent screens,
 * terms, partner table, QA API. Everything else falls through to oidc-provider's endpoints.
 */
export function createBankRouter(deps: InteractionDeps & QaDeps): Router {
  // Strict routing: one spelling per route (case, trailing slash), the one the guards know.
  const router = new Router({ strict: true, sensitive: true });
  router.use(answerBadRequests);
  router.get('/assets/bank.css', (ctx) => {
    ctx.type = 'text/css';
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.body = BANK_CSS;
  });
  router.get('/', (ctx) => ctx.redirect('/partners'));
  router.get('/terms', (ctx) =>
    sendPage(ctx, 200, renderTerms(localeFrom(ctx.query.ui_locales), deps.config.grantTtlSeconds)),
  );
  router.get('/partners', (ctx) =>
    sendPage(
      ctx,
      200,
      renderPartners(localeFrom(ctx.query.ui_locales), CLIENT_REGISTRY, jstDate(Date.now())),
    ),
  );

  router.get('/interaction/:uid', (ctx) => showInteraction(ctx, deps));
  router.post('/interaction/:uid/login', parseBody, (ctx) => submitPassword(ctx, deps));
  router.post('/interaction/:uid/otp', parseBody, (ctx) => submitOtp(ctx, deps));
  router.post('/interaction/:uid/consent', parseBody, (ctx) => submitConsent(ctx, deps));
  router.post('/interaction/:uid/cancel', parseBody, (ctx) => cancelInteraction(ctx, deps));

  const partnerDemo = addPartnerDemoRoutes(router, {
    issuer: deps.issuer,
    apiDialect: deps.config.apiDialect,
    parseBody,
    audit: deps.audit,
  });
  router.get('/qa/callback', (ctx) => {
    // An answer to the partner demo's own request continues its walk; any other shows what came back.
    if (!partnerDemo.receiveCallback(ctx)) sendPage(ctx, 200, renderQaCallback(ctx.query));
  });
  addQaConsoleRoutes(router, { ...deps, dataDir: deps.config.dataDir });
  const qa = createQaApiRouter(deps);
  router.use('/qa/api', parseBody, qa.routes(), qa.allowedMethods());
  return router;
}
