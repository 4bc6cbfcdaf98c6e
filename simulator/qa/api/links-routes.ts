import type Router from '@koa/router';
import type { RouterContext } from '@koa/router';
import { z } from 'zod';
import { jstDateTime } from '../../../shared/dates.ts';
import type { Link } from '../../links/link-store.ts';
import type { QaDeps } from '../qa-deps.ts';
import { fail, invalid, iso, recordQaAction } from './qa-answers.ts';

/** "Expire in N days": whole days, from one (まもなく期限切れ shows from 14) to ten years. */
export const ExpireInBody = z.object({ days: z.number().int().min(1).max(3650) }).strict();
const DAY_SECONDS = 24 * 3600;

/** The customers' links (grants): the list, and ending one now, in N days, or by revocation. */
export function addLinksRoutes(router: Router, deps: QaDeps): void {
  const { customers, links, audit, models } = deps;

  const linkJson = async (l: Link) => {
    const customer = await customers.findById(l.customerId);
    return {
      id: l.id,
      customerId: l.customerId,
      loginId: customer?.loginId,
      customerName: customer?.name,
      clientId: l.clientId,
      channel: l.channel,
      scopes: l.scopes,
      accountIds: l.accountIds,
      createdAt: iso(l.createdAt),
      expiresAt: iso(l.expiresAt),
      expiresAtJst: jstDateTime(l.expiresAt * 1000),
      revokedAt: iso(l.revokedAt),
      revokedBy: l.revokedBy,
      status: l.status,
    };
  };

  /** A QA action on one link: 404 for an unknown id, otherwise do it, audit it, answer the link. */
  const linkAction = (name: string, act: (link: Link) => Promise<void>) => async (ctx: RouterContext) => {
    const link = await links.find(ctx.params.id!);
    if (!link) return fail(ctx, 404, 'NOT_FOUND', 'no such link');
    await act(link);
    await recordQaAction(audit, name, {
      customerId: link.customerId,
      clientId: link.clientId,
      detail: { link: link.id },
    });
    ctx.body = { link: await linkJson((await links.find(link.id))!) };
  };

  router.get('/links', async (ctx) => {
    ctx.body = { links: await Promise.all((await links.list()).map(linkJson)) };
  });

  router.post(
    '/links/:id/expire',
    linkAction('expire link', async (link) => {
      await models.expireGrantNow(link.id);
      await links.markExpiredNow(link.id);
    }),
  );
  router.post('/links/:id/expire-in', async (ctx) => {
    const body = ExpireInBody.safeParse(ctx.request.body);
    if (!body.success) return invalid(ctx, body.error);
    const link = await links.find(ctx.params.id!);
    if (!link) return fail(ctx, 404, 'NOT_FOUND', 'no such link');
    if (link.status !== 'active')
      return fail(
        ctx,
        409,
        'LINK_NOT_ACTIVE',
        `the link is ${link.status}; only an active link's end can move`,
      );
    const end = Math.floor(Date.now() / 1000) + body.data.days * DAY_SECONDS;
    if (!(await models.moveGrantEnd(link.id, end)))
      return fail(ctx, 409, 'LINK_NOT_ACTIVE', 'the link has no grant');
    await links.setExpiresAt(link.id, end);
    await recordQaAction(audit, 'expire link in days', {
      customerId: link.customerId,
      clientId: link.clientId,
      detail: { link: link.id, days: body.data.days },
    });
    ctx.body = { link: await linkJson((await links.find(link.id))!) };
  });
  router.post(
    '/links/:id/revoke',
    linkAction('revoke link', async (link) => {
      await models.destroyGrant(link.id);
      await links.markRevoked(link.id, 'qa');
    }),
  );
}
