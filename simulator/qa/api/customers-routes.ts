import type Router from '@koa/router';
import { jstDate } from '../../../shared/dates.ts';
import { addQaCustomer, QaCustomerSchema } from '../../customers/qa-customers.ts';
import { customerIdOf } from '../../customers/seed-customers.ts';
import type { QaDeps } from '../qa-deps.ts';
import { fail, invalid, recordQaAction } from './qa-answers.ts';

/**
 * POST /customers: a customer the tester defines (login id, channel, password, accounts and how
 * long their generated statements are), with its history generated before the answer.
 */
export function addCustomersRoutes(router: Router, { sql, config, ledger, audit }: QaDeps): void {
  router.post('/customers', async (ctx) => {
    const body = QaCustomerSchema.safeParse(ctx.request.body);
    if (!body.success) return invalid(ctx, body.error);
    const made = await addQaCustomer(sql, body.data, config.bank.branches);
    if (!made) {
      return fail(
        ctx,
        409,
        'CUSTOMER_EXISTS',
        `${body.data.loginId} はすでにあります。 / ${body.data.loginId} exists already on that channel.`,
      );
    }
    await ledger.generateNewAccounts(jstDate(Date.now()));
    await recordQaAction(audit, 'define customer', {
      customerId: customerIdOf(made),
      detail: { accounts: made.accounts.join(' ') },
    });
    ctx.status = 201;
    ctx.body = { customer: made };
  });
}
