import type { Context } from 'koa';
import { z } from 'zod';
import type { Customer } from '../customers/customer-store.ts';
import { verifyPassword } from '../customers/password.ts';
import { matchTotp } from '../customers/totp.ts';
import { sendPage } from '../http/send-page.ts';
import { messages } from '../pages/messages.ts';
import {
  completeLogin,
  finishInteraction,
  loadForPost,
  loadInteraction,
  type InteractionDeps,
  type LoadedInteraction,
} from './interaction-context.ts';
import { renderConsentFor, renderLoginFor, renderRefusedChannel } from './interaction-pages.ts';

/** Full-width digits and letters typed with the IME on count as the ASCII ones (NFKC) in IDs and
 * one-time passwords; a password is taken exactly as typed. */
const typedId = (max: number) =>
  z
    .string()
    .max(max * 4)
    .transform((s) => s.normalize('NFKC').trim())
    .pipe(z.string().max(max));
const PasswordForm = z.object({
  csrf: z.string().max(200),
  loginId: typedId(32).pipe(z.string().min(1)),
  password: z.string().min(1).max(128),
});
const OtpForm = z.object({ csrf: z.string().max(200), code: typedId(12) });

/** GET /interaction/:uid — whichever screen the interaction is at. */
export async function showInteraction(ctx: Context, deps: InteractionDeps): Promise<void> {
  const it = await loadInteraction(ctx, deps);
  if (!it) return;
  if (!it.connected) return renderRefusedChannel(ctx, it, deps);
  if (it.details.prompt.name === 'consent') return sendPage(ctx, 200, renderConsentFor(it, deps));
  sendPage(ctx, 200, renderLoginFor(it, deps));
}

/** Counts a wrong password or code and answers with the login page; the fifth in a row locks. */
function refuseCredentials(
  ctx: Context,
  it: LoadedInteraction,
  deps: InteractionDeps,
  customer: Customer,
  event: 'login.password' | 'login.otp',
  loginId: string,
): void {
  const t = messages[it.locale].errors;
  const { locked, attemptsLeft } = deps.customers.recordFailure(customer.id);
  deps.audit.record({ event, outcome: 'failure', customerId: customer.id, clientId: it.client.clientId });
  if (locked) {
    deps.audit.record({
      event: 'login.locked',
      outcome: 'info',
      customerId: customer.id,
      clientId: it.client.clientId,
    });
    deps.states.setPendingCustomer(it.uid, null);
    it.state.pendingCustomerId = null;
    return sendPage(ctx, 423, renderLoginFor(it, deps, { error: t.locked, loginId }));
  }
  const base = event === 'login.otp' ? t.badOtp : t.badCredentials;
  sendPage(ctx, 401, renderLoginFor(it, deps, { error: `${base} ${t.attemptsLeft(attemptsLeft)}`, loginId }));
}

function refuseLocked(ctx: Context, it: LoadedInteraction, deps: InteractionDeps, customer: Customer): void {
  deps.audit.record({
    event: 'login.locked',
    outcome: 'failure',
    customerId: customer.id,
    clientId: it.client.clientId,
  });
  deps.states.setPendingCustomer(it.uid, null);
  it.state.pendingCustomerId = null;
  sendPage(
    ctx,
    423,
    renderLoginFor(it, deps, { error: messages[it.locale].errors.locked, loginId: customer.loginId }),
  );
}

/** POST /interaction/:uid/login — 契約者ID/お客様ID and password, on either channel. */
export async function submitPassword(ctx: Context, deps: InteractionDeps): Promise<void> {
  const it = await loadForPost(ctx, deps, 'login');
  if (!it || !it.channel) return;
  const t = messages[it.locale].errors;
  const form = PasswordForm.safeParse(ctx.request.body);
  if (!form.success) return sendPage(ctx, 400, renderLoginFor(it, deps, { error: t.badCredentials }));
  const { loginId, password } = form.data;

  const customer = deps.customers.findByLogin(it.channel, loginId);
  if (!customer) {
    deps.audit.record({
      event: 'login.password',
      outcome: 'failure',
      clientId: it.client.clientId,
      detail: { reason: 'unknown login id', channel: it.channel },
    });
    return sendPage(ctx, 401, renderLoginFor(it, deps, { error: t.badCredentials, loginId }));
  }
  if (customer.locked) return refuseLocked(ctx, it, deps, customer);
  if (!customer.passwordLogin) {
    deps.audit.record({
      event: 'login.password',
      outcome: 'failure',
      customerId: customer.id,
      clientId: it.client.clientId,
      detail: { reason: 'certificate-only customer' },
    });
    return sendPage(ctx, 403, renderLoginFor(it, deps, { error: t.passwordLoginNotAllowed, loginId }));
  }
  if (!(await verifyPassword(password, customer.passwordHash))) {
    return refuseCredentials(ctx, it, deps, customer, 'login.password', loginId);
  }
  deps.audit.record({
    event: 'login.password',
    outcome: 'success',
    customerId: customer.id,
    clientId: it.client.clientId,
  });

  if (it.channel === 'personal') {
    // The failure count is cleared only once the one-time password is right too, so a known
    // password cannot be used to reset the count between OTP guesses.
    deps.states.setPendingCustomer(it.uid, customer.id);
    ctx.status = 303;
    return ctx.redirect(`/interaction/${it.uid}`);
  }
  await completeLogin(ctx, deps, it, customer.id, ['pwd']);
}

/** POST /interaction/:uid/otp — the second step of WEBバンキング login. */
export async function submitOtp(ctx: Context, deps: InteractionDeps): Promise<void> {
  const it = await loadForPost(ctx, deps, 'login');
  if (!it) return;
  const customer = it.state.pendingCustomerId
    ? deps.customers.findById(it.state.pendingCustomerId)
    : undefined;
  if (!customer || !customer.totpSecret) {
    ctx.status = 303;
    return ctx.redirect(`/interaction/${it.uid}`);
  }
  if (customer.locked) return refuseLocked(ctx, it, deps, customer);
  const form = OtpForm.safeParse(ctx.request.body);
  const step = form.success ? matchTotp(customer.totpSecret, form.data.code) : undefined;
  if (step === undefined || !deps.customers.claimTotpStep(customer.id, step)) {
    return refuseCredentials(ctx, it, deps, customer, 'login.otp', customer.loginId);
  }
  deps.audit.record({
    event: 'login.otp',
    outcome: 'success',
    customerId: customer.id,
    clientId: it.client.clientId,
  });
  await completeLogin(ctx, deps, it, customer.id, ['pwd', 'otp']);
}

/**
 * POST /interaction/:uid/cancel — キャンセル on any screen: access_denied at the client. On the
 * 未連携 page the same button returns unauthorized_client instead.
 */
export async function cancelInteraction(ctx: Context, deps: InteractionDeps): Promise<void> {
  const it = await loadForPost(ctx, deps, 'any');
  if (!it) return;
  const customerId = it.details.session?.accountId ?? it.state.pendingCustomerId ?? undefined;
  if (!it.connected) {
    deps.audit.record({
      event: 'request.refused',
      outcome: 'info',
      clientId: it.client.clientId,
      detail: { returned: 'unauthorized_client' },
    });
    return finishInteraction(
      ctx,
      deps,
      {
        error: 'unauthorized_client',
        error_description: `client is not connected to the ${it.channel ?? 'requested'} channel`,
      },
      false,
    );
  }
  const event = it.details.prompt.name === 'consent' ? 'consent.cancel' : 'login.cancel';
  deps.audit.record({ event, outcome: 'info', customerId, clientId: it.client.clientId });
  await finishInteraction(
    ctx,
    deps,
    { error: 'access_denied', error_description: 'the customer cancelled at the bank' },
    false,
  );
}
