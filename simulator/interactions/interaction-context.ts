import type { Context } from 'koa';
import type { ScenarioMarks } from '../customers/scenario-users.ts';
import type Provider from 'oidc-provider';
import type { InteractionResults } from 'oidc-provider';
import type { Channel } from '../../shared/bank/oauth.ts';
import { jstDate } from '../../shared/dates.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import {
  findRegisteredClient,
  isConnected,
  requestedChannel,
  type RegisteredClient,
} from '../clients/client-registry.ts';
import type { BankConfig } from '../config.ts';
import type { CustomerStore } from '../customers/customer-store.ts';
import type { LinkStore } from '../links/link-store.ts';
import { sendPage } from '../http/send-page.ts';
import { renderErrorPage } from '../pages/error-pages.ts';
import { localeFrom, messages, type Locale } from '../pages/messages.ts';
import { renderConsentFor, renderLoginFor, renderRefusedChannel } from './interaction-pages.ts';
import type { InteractionState, InteractionStateStore } from './interaction-state.ts';

export interface InteractionDeps {
  provider: Provider;
  config: BankConfig;
  customers: CustomerStore;
  links: LinkStore;
  audit: AuditLog;
  states: InteractionStateStore;
  issuer: string;
  /** Origin of the certificate-login listener, e.g. https://127.0.0.1:4011. */
  tlsOrigin: string;
  /** What the scenario users remember (customers/scenario-users.ts). */
  scenarios: ScenarioMarks;
}

type InteractionDetails = Awaited<ReturnType<Provider['interactionDetails']>>;

export interface LoadedInteraction {
  uid: string;
  details: InteractionDetails;
  client: RegisteredClient;
  /** Undefined only when the client is not connected to any channel it could mean. */
  channel: Channel | undefined;
  /** Whether the client may use that channel today (連携開始日 has come). */
  connected: boolean;
  locale: Locale;
  state: InteractionState;
}

/**
 * Loads the interaction a request belongs to, checking that the URL's id is the one the browser's
 * interaction cookie holds. Answers the request itself (a clear page, status 400) when it is not.
 */
export async function loadInteraction(
  ctx: Context,
  deps: InteractionDeps,
): Promise<LoadedInteraction | undefined> {
  const uid = String(ctx.params.uid ?? '');
  let details: InteractionDetails;
  try {
    details = await deps.provider.interactionDetails(ctx.req, ctx.res);
  } catch {
    return await refuseSession(ctx, deps, 'no interaction session');
  }
  if (details.uid !== uid) return await refuseSession(ctx, deps, 'interaction id does not match the session');
  const client = findRegisteredClient(String(details.params.client_id));
  if (!client) return await refuseSession(ctx, deps, 'unknown client');
  const channel = requestedChannel(client, details.params.channel);
  return {
    uid,
    details,
    client,
    channel,
    connected: channel !== undefined && isConnected(client, channel, jstDate(Date.now())),
    locale: localeFrom(details.params.ui_locales),
    state: await deps.states.ensure(uid),
  };
}

async function refuseSession(ctx: Context, deps: InteractionDeps, reason: string): Promise<undefined> {
  await deps.audit.record({
    event: 'request.refused',
    outcome: 'failure',
    detail: { reason, path: ctx.path },
  });
  const locale = localeFrom(ctx.query.ui_locales);
  const t = messages[locale].errors;
  sendPage(ctx, 400, renderErrorPage({ locale, title: t.sessionTitle, message: t.session, code: reason }));
  return undefined;
}

/**
 * The customer is who they say: clear the failure count and hand the login to oidc-provider, which
 * goes on to the consent screen. `amr` records how (password, one-time password, certificate).
 * The lock is read again here, as the count is cleared: guesses checked in parallel with this login
 * may have locked the customer since. Returns false, having answered nothing, when they did.
 */
export async function completeLogin(
  ctx: Context,
  deps: InteractionDeps,
  it: LoadedInteraction,
  customerId: string,
  amr: string[],
): Promise<boolean> {
  await deps.states.setPendingCustomer(it.uid, null);
  if (!(await deps.customers.recordSuccess(customerId))) return false;
  await finishInteraction(ctx, deps, { login: { accountId: customerId, amr, remember: false } }, false);
  return true;
}

/** Ends the interaction with a result and sends the browser on to oidc-provider (303 See Other). */
export async function finishInteraction(
  ctx: Context,
  deps: InteractionDeps,
  result: InteractionResults,
  mergeWithLastSubmission: boolean,
): Promise<void> {
  const redirectTo = await deps.provider.interactionResult(ctx.req, ctx.res, result, {
    mergeWithLastSubmission,
  });
  ctx.status = 303;
  ctx.redirect(redirectTo);
}

/**
 * A POSTed form is accepted only for the screen the interaction is at, from a page of ours
 * (CSRF token), for a client connected to the channel. Otherwise the request is answered here.
 */
export async function loadForPost(
  ctx: Context,
  deps: InteractionDeps,
  prompt: 'login' | 'consent' | 'any',
): Promise<LoadedInteraction | undefined> {
  const it = await loadInteraction(ctx, deps);
  if (!it) return undefined;
  const body = (ctx.request.body ?? {}) as Record<string, unknown>;
  if (!(await deps.states.csrfMatches(it.uid, body.csrf))) {
    await deps.audit.record({
      event: 'request.refused',
      outcome: 'failure',
      clientId: it.client.clientId,
      detail: { reason: 'csrf token missing or wrong', path: ctx.path },
    });
    const error = messages[it.locale].errors.csrf;
    const page =
      it.details.prompt.name === 'consent'
        ? await renderConsentFor(it, deps, { error })
        : await renderLoginFor(it, deps, { error });
    sendPage(ctx, 403, page);
    return undefined;
  }
  if (prompt !== 'any' && it.details.prompt.name !== prompt) {
    ctx.status = 303;
    ctx.redirect(`/interaction/${it.uid}`);
    return undefined;
  }
  if (prompt !== 'any' && !it.connected) {
    await renderRefusedChannel(ctx, it, deps);
    return undefined;
  }
  return it;
}
