import Router from '@koa/router';
import type { ApiDialect } from '../../shared/bank/oauth.ts';
import { openApiDocuments } from './openapi-documents.ts';

/**
 * GET /openapi: the list; GET /openapi/<name>: an OpenAPI 3.1 document (the account API in this
 * bank's dialect, the QA API). Built once at start-up from the zod schemas; `namespaceAdmin` when
 * the bank serves the namespace administration (the root bank).
 */
export function openApiRouter(issuer: string, dialect: ApiDialect, namespaceAdmin: boolean): Router {
  const documents = openApiDocuments(issuer, dialect, namespaceAdmin);
  const router = new Router({ strict: true, sensitive: true });
  router.get('/openapi', (ctx) => {
    ctx.body = { documents: Object.keys(documents).map((name) => `${issuer}/openapi/${name}`) };
  });
  router.get('/openapi/:name', (ctx) => {
    const doc = documents[ctx.params.name!];
    if (!doc) return; // the branded 404
    ctx.body = doc;
  });
  return router;
}
