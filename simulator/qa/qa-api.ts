import Router, { type RouterContext } from '@koa/router';
import { z } from 'zod';
import { jstDate, jstDateTime } from '../../shared/dates.ts';
import type { FaultInjector } from '../api/fault-injector.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { CLIENT_REGISTRY, channelsOf } from '../clients/client-registry.ts';
import type { BankConfig } from '../config.ts';
import { hasStatement, type CustomerStore } from '../customers/customer-store.ts';
import { SEED_CUSTOMERS } from '../customers/seed-customers.ts';
import { currentTotp } from '../customers/totp.ts';
import type { DayTransaction } from '../ledger/history-generator.ts';
import type { LedgerStore } from '../ledger/ledger-store.ts';
import { seededRandom } from '../ledger/seeded-random.ts';
import type { Link, LinkStore } from '../links/link-store.ts';
import type { OidcModelStore } from '../oidc/oidc-model-store.ts';
import type { InteractionStateStore } from '../interactions/interaction-state.ts';
import { bankFactsOf } from './bank-facts.ts';
import { resetBank } from './reset-bank.ts';

export interface QaDeps {
  config: BankConfig;
  issuer: string;
  models: OidcModelStore;
  states: InteractionStateStore;
  customers: CustomerStore;
  links: LinkStore;
  audit: AuditLog;
  ledger: LedgerStore;
  faults: FaultInjector;
}

const iso = (epochSeconds: number | null): string | null =>
  epochSeconds === null ? null : new Date(epochSeconds * 1000).toISOString();

const FaultBody = z.union([
  z.object({
    status: z.union([z.literal(500), z.literal(503), z.literal(429)]),
    count: z.number().int().min(1).max(1000).default(1),
    retryAfter: z.number().int().min(0).max(3600).default(2),
  }),
  z.object({
    latencyMs: z.number().int().min(1).max(30_000),
    count: z.number().int().min(1).max(1000).default(1),
  }),
]);
const MaintenanceBody = z.object({ on: z.boolean() });
const HALF_WIDTH_REMARKS = /^[\uFF61-\uFF9F A-Z0-9()\-.,/]{1,48}$/;
const PostBody = z.union([
  z.object({ count: z.number().int().min(1).max(1000) }),
  z.object({
    items: z
      .array(
        z.object({
          transactionType: z.enum(['1', '2']),
          amount: z.number().int().min(1).max(100_000_000_000),
          // Left out: a row the bank prints no 摘要 for (GMO's dialect then leaves remarks out).
          remarks: z
            .string()
            .regex(HALF_WIDTH_REMARKS, 'half-width katakana, digits or A-Z, at most 48')
            .optional(),
        }),
      )
      .min(1)
      .max(1000),
  }),
]);

/** Sample transactions a tester posts to exercise incremental sync: mostly transfers in. */
function sampleTransactions(count: number, key: string): DayTransaction[] {
  const r = seededRandom('qa-post', key);
  return Array.from({ length: count }, () =>
    r.chance(0.7)
      ? {
          type: 'deposit',
          amount: r.int(10, 3000) * 100,
          remarks: r.pick(['ﾌﾘｺﾐ ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ', 'ﾌﾘｺﾐ ﾀﾅｶ ﾐﾕｷ']),
        }
      : { type: 'withdrawal', amount: r.int(1, 50) * 100, remarks: r.pick(['ATM', 'ﾃｽｳﾘﾖｳ']) },
  );
}

/** The JSON twin of the QA console, for automation; mounted at /qa/api behind the loopback guard. */
export function createQaApiRouter(deps: QaDeps): Router {
  const { customers, links, audit, ledger, faults } = deps;
  const router = new Router();
  const fail = (ctx: RouterContext, status: number, errorCode: string, errorMessage: string) => {
    ctx.status = status;
    ctx.body = { errorCode, errorMessage };
  };
  const invalid = (ctx: RouterContext, error: z.ZodError) =>
    fail(
      ctx,
      400,
      'INVALID_PARAMETER',
      error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
    );
  const qaAudit = (
    action: string,
    extra: {
      customerId?: string;
      clientId?: string;
      detail?: Record<string, string | number | boolean>;
    } = {},
  ) =>
    audit.record({
      event: 'qa.action',
      outcome: 'info',
      customerId: extra.customerId,
      clientId: extra.clientId,
      detail: { action, ...extra.detail },
    });

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

  router.get('/bank', (ctx) => {
    ctx.body = bankFactsOf(deps.config, deps.issuer);
  });

  router.get('/otp/:loginId', (ctx) => {
    const customer = customers.findByLogin('personal', ctx.params.loginId!);
    if (!customer?.totpSecret)
      return fail(ctx, 404, 'NOT_FOUND', 'no personal customer with a one-time password');
    ctx.body = currentTotp(customer.totpSecret);
  });

  router.get('/users', (ctx) => {
    ctx.body = {
      users: customers.list().map((c) => {
        const seed = SEED_CUSTOMERS.find((s) => s.loginId === c.loginId);
        return {
          loginId: c.loginId,
          channel: c.channel,
          name: c.name,
          password: seed?.password,
          passwordLogin: c.passwordLogin,
          certificateLogin: c.certificateLogin,
          totpSecret: c.totpSecret ?? undefined,
          locked: c.locked,
          failedAttempts: c.failedAttempts,
          accounts: customers.accountsOf(c.id).map((a) => a.id),
        };
      }),
    };
  });

  router.get('/clients', (ctx) => {
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

  router.get('/links', (ctx) => {
    ctx.body = { links: links.list().map(linkJson) };
  });

  /** A QA action on one link: 404 for an unknown id, otherwise do it, audit it, answer the link. */
  const linkAction = (name: string, act: (link: Link) => void) => (ctx: RouterContext) => {
    const link = links.find(ctx.params.id!);
    if (!link) return fail(ctx, 404, 'NOT_FOUND', 'no such link');
    act(link);
    qaAudit(name, { customerId: link.customerId, clientId: link.clientId, detail: { link: link.id } });
    ctx.body = { link: linkJson(links.find(link.id)!) };
  };

  router.post(
    '/links/:id/expire',
    linkAction('expire link', (link) => {
      deps.models.expireGrantNow(link.id);
      links.markExpiredNow(link.id);
    }),
  );
  router.post(
    '/links/:id/revoke',
    linkAction('revoke link', (link) => {
      deps.models.destroyGrant(link.id);
      links.markRevoked(link.id, 'qa');
    }),
  );

  router.post('/users/:loginId/unlock', (ctx) => {
    const loginId = ctx.params.loginId!;
    const customer =
      customers.findByLogin('personal', loginId) ?? customers.findByLogin('corporate', loginId);
    if (!customer) return fail(ctx, 404, 'NOT_FOUND', 'no such customer');
    customers.unlock(customer.id);
    qaAudit('unlock', { customerId: customer.id });
    ctx.body = { loginId, locked: false };
  });

  router.get('/faults', (ctx) => {
    ctx.body = { faults: faults.pending(), maintenance: faults.maintenance };
  });

  router.post('/faults', (ctx) => {
    const body = FaultBody.safeParse(ctx.request.body);
    if (!body.success) return invalid(ctx, body.error);
    const spec = body.data;
    faults.schedule(
      'status' in spec
        ? { kind: 'status', status: spec.status, count: spec.count, retryAfterSeconds: spec.retryAfter }
        : { kind: 'latency', latencyMs: spec.latencyMs, count: spec.count },
    );
    qaAudit('schedule fault', { detail: { fault: JSON.stringify(spec) } });
    ctx.body = { faults: faults.pending(), maintenance: faults.maintenance };
  });

  router.delete('/faults', (ctx) => {
    faults.clear();
    qaAudit('clear faults');
    ctx.body = { faults: [], maintenance: faults.maintenance };
  });

  router.post('/maintenance', (ctx) => {
    const body = MaintenanceBody.safeParse(ctx.request.body);
    if (!body.success) return invalid(ctx, body.error);
    faults.setMaintenance(body.data.on);
    qaAudit(body.data.on ? 'maintenance on' : 'maintenance off');
    ctx.body = { maintenance: faults.maintenance };
  });

  router.post('/accounts/:accountId/transactions', (ctx) => {
    const accountId = ctx.params.accountId!;
    // Holdings (円定期, 外貨普通) have no statement to post to.
    const owner = customers
      .list()
      .find((c) => customers.accountsOf(c.id).some((a) => a.id === accountId && hasStatement(a)));
    if (!owner) return fail(ctx, 404, 'NOT_FOUND', 'no such 普通 or 当座 account');
    const body = PostBody.safeParse(ctx.request.body);
    if (!body.success) return invalid(ctx, body.error);
    const items: DayTransaction[] =
      'count' in body.data
        ? sampleTransactions(body.data.count, `${accountId}:${Date.now()}`)
        : body.data.items.map((i) => ({
            type: i.transactionType === '1' ? 'deposit' : 'withdrawal',
            amount: i.amount,
            remarks: i.remarks ?? '',
          }));
    const today = jstDate(Date.now());
    ledger.ensureThrough(today);
    const posted = ledger.post(accountId, today, items);
    if (typeof posted === 'string') return fail(ctx, 400, 'INSUFFICIENT_BALANCE', posted);
    qaAudit('post transactions', {
      customerId: owner.id,
      detail: { account: accountId, count: posted.length },
    });
    ctx.body = {
      accountId,
      transactions: posted.map((r) => ({
        itemKey: String(r.seq).padStart(10, '0'),
        transactionDate: r.transactionDate,
        transactionType: r.type,
        amount: String(r.amount),
        remarks: r.remarks,
        balance: String(r.balance),
      })),
    };
  });

  router.post('/reset', (ctx) => {
    resetBank(deps, jstDate(Date.now()));
    ctx.body = { reset: true };
  });

  router.get('/audit', (ctx) => {
    const limit = Math.min(1000, Math.max(1, Number(ctx.query.limit) || 200));
    ctx.body = { entries: audit.recent(limit).map((e) => ({ ...e, at: iso(e.at) })) };
  });

  return router;
}
