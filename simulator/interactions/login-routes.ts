import type { Context } from 'koa';
import { SCENARIO_CUSTOMER_IDS } from '../customers/scenario-users.ts';
import { z } from 'zod';
import type { Customer } from '../customers/customer-store.ts';
import { spendPasswordCheck, verifyPassword } from '../customers/password.ts';
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

/**
 * What the Japanese IME types for ASCII: full-width forms (U+FF01–U+FF5E) and the ideographic space
 * (U+3000). Only these are folded; NFKC would also turn superscript, circled or mathematical-bold
 * digits into ASCII ones, which no keyboard types by accident.
 */
const foldFullWidth = (s: string): string =>
  s.replace(/[\uff01-\uff5e\u3000]/gu, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );

/** IDs and one-time passwords as typed, IME on or off; anything else than printable ASCII is refused
 * as invalid input. A password is taken exactly as typed. */
const typedId = (max: number) =>
  z
    .string()
    .max(max * 4)
    .transform((s) => foldFullWidth(s).trim())
    .pipe(
      z
        .string()
        .max(max)
        .regex(/^[\x21-\x7e]*$/),
    );
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
  if (!it.connected) return await renderRefusedChannel(ctx, it, deps);
  if (it.details.prompt.name === 'consent') return sendPage(ctx, 200, await renderConsentFor(it, deps));
  sendPage(ctx, 200, await renderLoginFor(it, deps));
}

/**
 * The one answer to every failed password login — unknown ID, wrong password, locked customer,
 * certificate-only customer — with the same status and sentence, so the screen tells an attacker
 * neither which IDs exist nor anything about the password once a customer is locked.
 */
async function refuseLogin(
  ctx: Context,
  it: LoadedInteraction,
  deps: InteractionDeps,
  loginId: string,
): Promise<void> {
  await deps.states.setPendingCustomer(it.uid, null);
  it.state.pendingCustomerId = null;
  sendPage(
    ctx,
    401,
    await renderLoginFor(it, deps, { error: messages[it.locale].errors.loginRefused, loginId }),
  );
}

/** Audits a wrong password or code; the one that locks is audited as the lock too. */
async function auditFailure(
  deps: InteractionDeps,
  it: LoadedInteraction,
  customer: Customer,
  event: 'login.password' | 'login.otp',
): Promise<{ locked: boolean; attemptsLeft: number }> {
  const settled = await deps.customers.settleFailure(customer.id);
  const who = { customerId: customer.id, clientId: it.client.clientId };
  await deps.audit.record({ event, outcome: 'failure', ...who });
  if (settled.locked) await deps.audit.record({ event: 'login.locked', outcome: 'info', ...who });
  return settled;
}

/** A login refused because the customer is locked (before or during this attempt). */
async function auditLocked(deps: InteractionDeps, it: LoadedInteraction, customer: Customer): Promise<void> {
  await deps.audit.record({
    event: 'login.locked',
    outcome: 'failure',
    customerId: customer.id,
    clientId: it.client.clientId,
  });
}

/**
 * POST /interaction/:uid/login — 契約者ID/お客様ID and password, on either channel. An attempt is
 * reserved before the password is checked (see `reserveAttempt`), so however many guesses arrive
 * at once, at most five are ever checked before the lock.
 */
export async function submitPassword(ctx: Context, deps: InteractionDeps): Promise<void> {
  const it = await loadForPost(ctx, deps, 'login');
  if (!it || !it.channel) return;
  const form = PasswordForm.safeParse(ctx.request.body);
  if (!form.success) {
    return sendPage(
      ctx,
      400,
      await renderLoginFor(it, deps, { error: messages[it.locale].errors.loginRefused }),
    );
  }
  const { loginId, password } = form.data;

  const customer = await deps.customers.findByLogin(it.channel, loginId);
  if (!customer || !customer.passwordLogin) {
    await spendPasswordCheck(password);
    await deps.audit.record({
      event: 'login.password',
      outcome: 'failure',
      customerId: customer?.id,
      clientId: it.client.clientId,
      detail: customer
        ? { reason: 'certificate-only customer' }
        : { reason: 'unknown login id', channel: it.channel },
    });
    return await refuseLogin(ctx, it, deps, loginId);
  }
  if (!(await deps.customers.reserveAttempt(customer.id))) {
    await spendPasswordCheck(password);
    await auditLocked(deps, it, customer);
    return await refuseLogin(ctx, it, deps, loginId);
  }
  if (!(await verifyPassword(password, customer.passwordHash))) {
    await auditFailure(deps, it, customer, 'login.password');
    return await refuseLogin(ctx, it, deps, loginId);
  }
  await deps.audit.record({
    event: 'login.password',
    outcome: 'success',
    customerId: customer.id,
    clientId: it.client.clientId,
  });

  if (it.channel === 'personal') {
    // A right password does not clear the count while the one-time password is still owed, so a
    // known password cannot be used to reset the count between OTP guesses.
    await deps.customers.releaseAttempt(customer.id);
    await deps.states.setPendingCustomer(it.uid, customer.id);
    ctx.status = 303;
    return ctx.redirect(`/interaction/${it.uid}`);
  }
  if (!(await completeLogin(ctx, deps, it, customer.id, ['pwd']))) {
    await auditLocked(deps, it, customer);
    await refuseLogin(ctx, it, deps, loginId);
  }
}

/** POST /interaction/:uid/otp — the second step of WEBバンキング login. */
export async function submitOtp(ctx: Context, deps: InteractionDeps): Promise<void> {
  const it = await loadForPost(ctx, deps, 'login');
  if (!it) return;
  const customer = it.state.pendingCustomerId
    ? await deps.customers.findById(it.state.pendingCustomerId)
    : undefined;
  if (!customer || !customer.totpSecret) {
    ctx.status = 303;
    return ctx.redirect(`/interaction/${it.uid}`);
  }
  if (!(await deps.customers.reserveAttempt(customer.id))) {
    await auditLocked(deps, it, customer);
    return await refuseLogin(ctx, it, deps, customer.loginId);
  }
  const form = OtpForm.safeParse(ctx.request.body);
  const step = form.success ? matchTotp(customer.totpSecret, form.data.code) : undefined;
  if (step === undefined || !(await deps.customers.claimTotpStep(customer.id, step))) {
    const { locked, attemptsLeft } = await auditFailure(deps, it, customer, 'login.otp');
    if (locked) return await refuseLogin(ctx, it, deps, customer.loginId);
    const t = messages[it.locale].errors;
    return sendPage(
      ctx,
      401,
      await renderLoginFor(it, deps, { error: `${t.badOtp} ${t.attemptsLeft(attemptsLeft)}` }),
    );
  }
  if (
    customer.id === SCENARIO_CUSTOMER_IDS.otpAgain &&
    (await deps.scenarios.firstOtpOf(it.uid, Math.floor(Date.now() / 1000)))
  ) {
    // The scenario user OTPAGAIN: the code is used up and refused as expired; the next one is taken.
    await deps.customers.releaseAttempt(customer.id);
    return sendPage(
      ctx,
      401,
      await renderLoginFor(it, deps, { error: messages[it.locale].errors.otpExpiredNext }),
    );
  }
  await deps.audit.record({
    event: 'login.otp',
    outcome: 'success',
    customerId: customer.id,
    clientId: it.client.clientId,
  });
  if (!(await completeLogin(ctx, deps, it, customer.id, ['pwd', 'otp']))) {
    await auditLocked(deps, it, customer);
    await refuseLogin(ctx, it, deps, customer.loginId);
  }
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
    await deps.audit.record({
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
  await deps.audit.record({ event, outcome: 'info', customerId, clientId: it.client.clientId });
  await finishInteraction(
    ctx,
    deps,
    { error: 'access_denied', error_description: 'the customer cancelled at the bank' },
    false,
  );
}
