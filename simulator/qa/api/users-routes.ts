import type Router from '@koa/router';
import { SEED_CUSTOMERS } from '../../customers/seed-customers.ts';
import { currentTotp } from '../../customers/totp.ts';
import type { QaDeps } from '../qa-deps.ts';
import { fail, recordQaAction } from './qa-answers.ts';

/** The test customers: the list (with their passwords), a personal one's current OTP, and unlock. */
export function addUsersRoutes(router: Router, { customers, audit }: QaDeps): void {
  router.get('/otp/:loginId', async (ctx) => {
    const customer = await customers.findByLogin('personal', ctx.params.loginId!);
    if (!customer?.totpSecret)
      return fail(ctx, 404, 'NOT_FOUND', 'no personal customer with a one-time password');
    ctx.body = currentTotp(customer.totpSecret);
  });

  router.get('/users', async (ctx) => {
    ctx.body = {
      users: await Promise.all(
        (await customers.list()).map(async (c) => {
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
            accounts: (await customers.accountsOf(c.id)).map((a) => a.id),
          };
        }),
      ),
    };
  });

  router.post('/users/:loginId/unlock', async (ctx) => {
    const loginId = ctx.params.loginId!;
    const customer =
      (await customers.findByLogin('personal', loginId)) ??
      (await customers.findByLogin('corporate', loginId));
    if (!customer) return fail(ctx, 404, 'NOT_FOUND', 'no such customer');
    await customers.unlock(customer.id);
    await recordQaAction(audit, 'unlock', { customerId: customer.id });
    ctx.body = { loginId, locked: false };
  });
}
