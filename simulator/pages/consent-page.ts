import { SCOPE_NAMES, type ApiScope, type Channel } from '../../shared/bank/oauth.ts';
import { jstDateJapanese, jstDateTime, type JstDate } from '../../shared/dates.ts';
import { html } from './html.ts';
import { renderPage } from './layout.ts';
import { cancelForm, type InteractionView } from './login-pages.ts';
import { messages, type Locale } from './messages.ts';

interface ConsentAccount {
  id: string;
  label: string;
}

export interface ConsentView extends InteractionView {
  scopes: ApiScope[];
  accounts: ConsentAccount[];
  /** Ticked boxes to keep when the page is shown again after an error. */
  selectedAccountIds: string[];
  grantTtlSeconds: number;
  expiresAt: number;
  /** Who is logged in, shown with the ID masked. */
  customer?: { name: string; loginId: string; channel: Channel } | undefined;
}

/** All but the last four characters hidden, as banks print account and contract numbers. */
export const maskLoginId = (loginId: string): string =>
  loginId.length <= 4 ? loginId : '*'.repeat(loginId.length - 4) + loginId.slice(-4);

/** The link's lifetime in words: "90日間" normally, minutes when a tester shortened it. */
export function lifetimeWords(locale: Locale, grantTtlSeconds: number): string {
  const t = messages[locale].consent;
  return grantTtlSeconds >= 86400
    ? t.days(Math.round(grantTtlSeconds / 86400))
    : t.minutes(Math.max(1, Math.round(grantTtlSeconds / 60)));
}
const lifetime = (v: ConsentView): string => lifetimeWords(v.locale, v.grantTtlSeconds);

function until(v: ConsentView): string {
  const at = jstDateTime(v.expiresAt * 1000);
  const date: JstDate = at.slice(0, 10);
  return v.locale === 'ja' ? `${jstDateJapanese(date)} ${at.slice(11)}` : `${at} JST`;
}

export function renderConsent(v: ConsentView): string {
  const t = messages[v.locale];
  const c = t.consent;
  const body = html` <p class="client-line">${t.common.client}：<strong>${v.clientName}</strong></p>
    ${
      v.customer
        ? html`<p class="customer-line" data-testid="consent-customer">
          ${c.loggedIn(v.customer.name, v.customer.channel, maskLoginId(v.customer.loginId))}
        </p>`
        : html``
    }
    ${v.error ? html`<p class="error" role="alert">${v.error}</p>` : html``}
    <form method="post" action="/interaction/${v.uid}/consent" class="consent-form">
      <input type="hidden" name="csrf" value="${v.csrfToken}" />
      <section class="box">
        <h2>${c.operationsHeading}</h2>
        <ul class="operations">
          ${v.scopes.map((s) => html`<li data-scope="${s}">${SCOPE_NAMES[s][v.locale]}</li>`)}
        </ul>
      </section>
      <section class="box">
        <h2>${c.accountsHeading}</h2>
        <p>${c.accountsNote}</p>
        <ul class="accounts">
          ${v.accounts.map(
            (a) =>
              html`<li>
                <label
                  ><input
                    type="checkbox"
                    name="accountIds"
                    value="${a.id}"
                    ${v.selectedAccountIds.includes(a.id) ? html`checked` : html``}
                  />
                  ${a.label}</label
                >
              </li>`,
          )}
        </ul>
      </section>
      <ul class="validity">
        <li>・${c.validity(lifetime(v), until(v))}</li>
        <li>・${c.revokeNote}</li>
      </ul>
      <p class="terms">
        ${c.termsName}<br /><a href="/terms" target="_blank" rel="noopener">${c.termsLink}</a>
      </p>
      <p>${c.agreeIntro}</p>
      <label class="agree"><input type="checkbox" name="agree" value="yes" /> ${c.agree}</label>
      <button type="submit" class="button primary">${c.allow}</button>
    </form>
    ${cancelForm(v)}
    <p class="note">${c.buttonsNote}</p>`;
  return renderPage({ locale: v.locale, title: c.title, body });
}
