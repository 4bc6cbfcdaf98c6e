import Router, { type RouterContext } from '@koa/router';
import type Provider from 'oidc-provider';
import { jstDateTime } from '../../shared/dates.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { CustomerStore } from '../customers/customer-store.ts';
import { currentTotp } from '../customers/totp.ts';
import type { BankDatabase } from '../db/database.ts';
import type { Link, LinkStore } from '../links/link-store.ts';
import { expireGrantNow } from '../oidc/sqlite-adapter.ts';

export interface QaDeps {
  db: BankDatabase;
  provider: Provider;
  customers: CustomerStore;
  links: LinkStore;
  audit: AuditLog;
}

const iso = (epochSeconds: number | null): string | null =>
  epochSeconds === null ? null : new Date(epochSeconds * 1000).toISOString();

/** Every token of a grant, and the grant itself, deleted: what revocation does, done by the bank. */
export function destroyGrant(db: BankDatabase, grantId: string): void {
  db.prepare("DELETE FROM oidc_models WHERE grant_id = ? OR (model = 'Grant' AND id = ?)").run(
    grantId,
    grantId,
  );
}

/** The JSON twin of the QA console, for automation; mounted at /qa/api behind the loopback guard. */
export function createQaApiRouter(deps: QaDeps): Router {
  const { customers, links, audit } = deps;
  const router = new Router();
  const notFound = (what: string) => ({ errorCode: 'NOT_FOUND', errorMessage: `${what} not found` });

  const linkJson = (l: Link) => {
    const customer = customers.findById(l.customerId);
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

  router.get('/otp/:loginId', (ctx) => {
    const customer = customers.findByLogin('personal', ctx.params.loginId!);
    if (!customer?.totpSecret) {
      ctx.status = 404;
      ctx.body = notFound('personal customer with a one-time password');
      return;
    }
    ctx.body = currentTotp(customer.totpSecret);
  });

  router.get('/links', (ctx) => {
    ctx.body = { links: links.list().map(linkJson) };
  });

  /** A QA action on one link: 404 for an unknown id, otherwise do it, audit it, answer the link. */
  const linkAction = (name: string, act: (link: Link) => void) => (ctx: RouterContext) => {
    const link = links.find(ctx.params.id!);
    if (!link) {
      ctx.status = 404;
      ctx.body = notFound('link');
      return;
    }
    act(link);
    audit.record({
      event: 'qa.action',
      outcome: 'info',
      customerId: link.customerId,
      clientId: link.clientId,
      detail: { action: name, link: link.id },
    });
    ctx.body = { link: linkJson(links.find(link.id)!) };
  };

  router.post(
    '/links/:id/expire',
    linkAction('expire link', (link) => {
      expireGrantNow(deps.db, link.id);
      links.markExpiredNow(link.id);
    }),
  );
  router.post(
    '/links/:id/revoke',
    linkAction('revoke link', (link) => {
      destroyGrant(deps.db, link.id);
      links.markRevoked(link.id, 'qa');
    }),
  );

  router.post('/users/:loginId/unlock', (ctx) => {
    const loginId = ctx.params.loginId!;
    const customer =
      customers.findByLogin('personal', loginId) ?? customers.findByLogin('corporate', loginId);
    if (!customer) {
      ctx.status = 404;
      ctx.body = notFound('customer');
      return;
    }
    customers.unlock(customer.id);
    audit.record({
      event: 'qa.action',
      outcome: 'info',
      customerId: customer.id,
      detail: { action: 'unlock' },
    });
    ctx.body = { loginId, locked: false };
  });

  return router;
}
