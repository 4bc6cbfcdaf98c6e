import type { Context } from 'koa';
import { linkTtlOf } from '../customers/scenario-users.ts';
import { CHANNEL_NAMES, type ApiDialect, type ApiScope } from '../../shared/bank/oauth.ts';
import { operationsOf } from '../oidc/scope-names.ts';
import { partnerName } from '../clients/client-registry.ts';
import type { BankAccount } from '../customers/customer-store.ts';
import { renderConsent } from '../pages/consent-page.ts';
import { renderChannelRefused } from '../pages/error-pages.ts';
import { renderCorporateLogin, renderOtp, renderPersonalLogin } from '../pages/login-pages.ts';
import type { Locale } from '../pages/messages.ts';
import { sendPage } from '../http/send-page.ts';
import type { InteractionDeps, LoadedInteraction } from './interaction-context.ts';

/** The login page of the interaction's channel, optionally with an error and the ID typed so far. */
export async function renderLoginFor(
  it: LoadedInteraction,
  deps: InteractionDeps,
  extra: { error?: string; loginId?: string } = {},
): Promise<string> {
  const view = {
    locale: it.locale,
    uid: it.uid,
    csrfToken: it.state.csrfToken,
    clientName: partnerName(it.client),
    ...extra,
  };
  if (it.channel === 'corporate') {
    return renderCorporateLogin({
      ...view,
      certificateUrl: `${deps.tlsOrigin}/interaction/${it.uid}/certificate`,
    });
  }
  if (it.state.pendingCustomerId) {
    const customer = await deps.customers.findById(it.state.pendingCustomerId);
    return renderOtp({ ...view, customerName: customer?.name ?? '' });
  }
  return renderPersonalLogin(view);
}

export async function renderRefusedChannel(
  ctx: Context,
  it: LoadedInteraction,
  deps: InteractionDeps,
): Promise<void> {
  await deps.audit.record({
    event: 'request.refused',
    outcome: 'failure',
    clientId: it.client.clientId,
    detail: { reason: 'client not connected to channel', channel: it.channel },
  });
  const channelName = it.channel ? CHANNEL_NAMES[it.channel][it.locale] : '—';
  sendPage(
    ctx,
    403,
    renderChannelRefused({
      locale: it.locale,
      uid: it.uid,
      csrfToken: it.state.csrfToken,
      service: partnerName(it.client),
      channelName,
    }),
  );
}

const ACCOUNT_TYPE_NAMES: Record<BankAccount['accountTypeCode'], Record<Locale, string>> = {
  '01': { ja: '普通', en: 'Ordinary' },
  '02': { ja: '当座', en: 'Current' },
  '11': { ja: '定期', en: 'Time deposit' },
  '51': { ja: '外貨普通', en: 'Foreign currency' },
};

/** The operations the client asked for, in the order the bank lists them. */
export const requestedScopes = (it: LoadedInteraction, dialect: ApiDialect): ApiScope[] =>
  operationsOf(String(it.details.params.scope ?? ''), dialect);

export const customerOf = (it: LoadedInteraction): string => String(it.details.session?.accountId ?? '');

export async function renderConsentFor(
  it: LoadedInteraction,
  deps: InteractionDeps,
  extra: { error?: string; selectedAccountIds?: string[] } = {},
): Promise<string> {
  const accounts = await deps.customers.accountsOf(customerOf(it));
  const customer = await deps.customers.findById(customerOf(it));
  return renderConsent({
    locale: it.locale,
    uid: it.uid,
    csrfToken: it.state.csrfToken,
    clientName: partnerName(it.client),
    // After a certificate login the customer typed nothing: the screen says whose accounts these are.
    customer: customer && { name: customer.name, loginId: customer.loginId, channel: customer.channel },
    error: extra.error,
    scopes: requestedScopes(it, deps.config.apiDialect),
    accounts: accounts.map((a) => ({
      id: a.id,
      label: `${a.branchName} ${ACCOUNT_TYPE_NAMES[a.accountTypeCode][it.locale]} ${a.accountNumber}`,
    })),
    selectedAccountIds: extra.selectedAccountIds ?? accounts.map((a) => a.id),
    grantTtlSeconds: linkTtlOf(customerOf(it), deps.config.grantTtlSeconds),
    expiresAt: Math.floor(Date.now() / 1000) + linkTtlOf(customerOf(it), deps.config.grantTtlSeconds),
  });
}
