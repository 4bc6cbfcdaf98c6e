import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import { z } from 'zod';
import { fail, invalid } from '../qa/api/qa-answers.ts';
import type { NamespaceBanks } from './namespace-banks.ts';
import { NamespaceNameSchema, type NamespaceRegistry } from './namespace-registry.ts';

/** POST /qa/api/namespaces's body (the OpenAPI document shows it as it is checked here). */
export const NamespaceCreateBody = z.object({ name: NamespaceNameSchema }).strict();

/**
 * The root bank's namespace administration (`/qa/api/namespaces`), behind the root bank's QA
 * guard: this machine, or BANK_QA_ADMIN_TOKEN.
 */
export function createNamespaceRouter(registry: NamespaceRegistry, banks: NamespaceBanks): Router {
  const router = new Router({ strict: true, sensitive: true });
  router.use('/qa/api/namespaces', bodyParser({ enableTypes: ['json'], jsonLimit: '4kb' }));

  router.get('/qa/api/namespaces', async (ctx) => {
    ctx.body = {
      namespaces: (await registry.list()).map((n) => ({
        name: n.name,
        issuer: banks.issuerOf(n.name),
        createdAt: new Date(n.createdAt * 1000).toISOString(),
      })),
    };
  });

  router.post('/qa/api/namespaces', async (ctx) => {
    const body = NamespaceCreateBody.safeParse(ctx.request.body);
    if (!body.success) return invalid(ctx, body.error);
    const { name } = body.data;
    const qaToken = await banks.create(name);
    if (!qaToken) {
      return fail(
        ctx,
        409,
        'NAMESPACE_TAKEN',
        `名前空間 ${name} はすでにあります。 / The namespace ${name} exists already.`,
      );
    }
    ctx.status = 201;
    ctx.body = { name, issuer: banks.issuerOf(name), qaToken };
  });

  router.delete('/qa/api/namespaces/:name', async (ctx) => {
    const name = ctx.params.name!;
    if (!NamespaceNameSchema.safeParse(name).success || !(await banks.remove(name))) {
      return fail(
        ctx,
        404,
        'NAMESPACE_NOT_FOUND',
        `名前空間 ${name} はありません。 / There is no namespace ${name}.`,
      );
    }
    ctx.status = 204;
  });
  return router;
}
