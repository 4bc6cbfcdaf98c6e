import type Router from '@koa/router';
import { z } from 'zod';
import { jstDate } from '../../../shared/dates.ts';
import { hasStatement, type Customer } from '../../customers/customer-store.ts';
import type { DayTransaction } from '../../ledger/history-generator.ts';
import { seededRandom } from '../../ledger/seeded-random.ts';
import type { QaDeps } from '../qa-deps.ts';
import { fail, invalid, recordQaAction } from './qa-answers.ts';

const HALF_WIDTH_REMARKS = /^[\uFF61-\uFF9F A-Z0-9()\-.,/]{1,48}$/;
export const PostBody = z.union([
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

/** POST /accounts/:accountId/transactions: today's new lines on a 普通 or 当座 account, given or sampled. */
export function addTransactionsRoutes(router: Router, { customers, ledger, audit }: QaDeps): void {
  router.post('/accounts/:accountId/transactions', async (ctx) => {
    const accountId = ctx.params.accountId!;
    // Holdings (円定期, 外貨普通) have no statement to post to.
    let owner: Customer | undefined;
    for (const c of await customers.list())
      if ((await customers.accountsOf(c.id)).some((a) => a.id === accountId && hasStatement(a))) owner = c;
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
    await ledger.ensureThrough(today);
    const posted = await ledger.post(accountId, today, items);
    if (typeof posted === 'string') return fail(ctx, 400, 'INSUFFICIENT_BALANCE', posted);
    await recordQaAction(audit, 'post transactions', {
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
}
