import type Router from '@koa/router';
import { CLIENT_REGISTRY, channelsOf } from '../../clients/client-registry.ts';

/** GET /clients: the registered partner apps, with their secrets (test clients only). */
export function addClientsRoutes(router: Router): void {
  router.get('/clients', async (ctx) => {
    ctx.body = {
      clients: CLIENT_REGISTRY.map((c) => ({
        clientId: c.clientId,
        company: c.company,
        service: c.service,
        kind: c.kind,
        clientSecret: c.secret,
        channels: channelsOf(c),
        since: c.since,
      })),
    };
  });
}
