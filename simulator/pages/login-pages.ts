import { bankNameIn } from './bank-identity.ts';
import { html, type SafeHtml } from './html.ts';
import { renderPage } from './layout.ts';
import { messages, type Locale } from './messages.ts';

/** What every interaction page knows: where its forms post and the token that proves they are ours. */
export interface InteractionView {
  locale: Locale;
  uid: string;
  csrfToken: string;
  clientName: string;
  error?: string | undefined;
}

const errorBox = (error: string | undefined): SafeHtml =>
  error ? html`<p class="error" role="alert">${error}</p>` : html``;

const csrfField = (token: string): SafeHtml => html`<input type="hidden" name="csrf" value="${token}" />`;

const clientLine = (v: InteractionView): SafeHtml =>
  html`<p class="client-line">${messages[v.locale].common.client}：<strong>${v.clientName}</strong></p>`;

/** What real shinkin login pages end with: a warning about phishing, and whom to call. */
function securityNotice(locale: Locale): SafeHtml {
  const t = messages[locale];
  return html`<section class="security-notice" aria-labelledby="security-heading">
      <h2 id="security-heading">${t.security.heading}</h2>
      <p>${t.security.phishing}</p>
      <p>${t.security.address}</p>
    </section>
    <p class="help-desk" data-testid="help-desk">
      ${bankNameIn(locale)} ${t.security.helpDesk}<br /><strong>${t.security.phone}</strong><br />${t.security.hours}
    </p>`;
}

/** キャンセル is its own form so it works without filling in the login fields. */
export function cancelForm(v: InteractionView): SafeHtml {
  const t = messages[v.locale].common;
  return html`<form method="post" action="/interaction/${v.uid}/cancel" class="cancel-form">
    ${csrfField(v.csrfToken)}
    <button type="submit" class="button secondary" name="cancel">${t.cancel}</button>
  </form>`;
}

export function renderPersonalLogin(v: InteractionView & { loginId?: string }): string {
  const t = messages[v.locale];
  const body = html` <p class="channel-badge">${t.personal.channel}</p>
    ${clientLine(v)}
    <p>${t.personal.intro}</p>
    <p class="notice">${t.layout.thisIsBankSite(bankNameIn(v.locale))}</p>
    ${errorBox(v.error)}
    <form method="post" action="/interaction/${v.uid}/login" class="login-form" autocomplete="off">
      ${csrfField(v.csrfToken)}
      <label
        >${t.personal.loginId}
        <input name="loginId" value="${v.loginId ?? ''}" required maxlength="32" autocomplete="username" />
      </label>
      <label
        >${t.personal.password}
        <input name="password" type="password" required maxlength="64" autocomplete="current-password" />
      </label>
      <button type="submit" class="button primary">${t.common.authenticate}</button>
    </form>
    ${cancelForm(v)}
    <p class="note">${t.common.cancelNote}</p>
    ${securityNotice(v.locale)}`;
  return renderPage({ locale: v.locale, title: t.personal.title, body });
}

export function renderOtp(v: InteractionView & { customerName: string }): string {
  const t = messages[v.locale];
  const body = html` <p class="channel-badge">${t.personal.channel}</p>
    ${clientLine(v)}
    <p>${t.otp.customer}：${v.customerName}</p>
    <p>${t.otp.intro}</p>
    ${errorBox(v.error)}
    <form method="post" action="/interaction/${v.uid}/otp" class="login-form" autocomplete="off">
      ${csrfField(v.csrfToken)}
      <label
        >${t.otp.code}
        <input
          name="code"
          inputmode="numeric"
          pattern="[0-9０-９]{6}"
          maxlength="6"
          required
          autocomplete="one-time-code"
          class="otp-input"
        />
      </label>
      <button type="submit" class="button primary">${t.common.authenticate}</button>
    </form>
    ${cancelForm(v)}
    <p class="note">${t.common.cancelNote}</p>`;
  return renderPage({ locale: v.locale, title: t.otp.title, body });
}

export function renderCorporateLogin(
  v: InteractionView & { loginId?: string; certificateUrl: string },
): string {
  const t = messages[v.locale];
  const c = t.corporate;
  const body = html` <p class="channel-badge">${c.channel}</p>
    ${clientLine(v)}
    <p class="notice">${t.layout.thisIsBankSite(bankNameIn(v.locale))}</p>
    ${errorBox(v.error)}
    <section class="method">
      <h2>${c.passwordHeading}</h2>
      <p>${c.passwordIntro}</p>
      <form method="post" action="/interaction/${v.uid}/login" class="login-form" autocomplete="off">
        ${csrfField(v.csrfToken)}
        <label
          >${c.loginId}
          <input name="loginId" value="${v.loginId ?? ''}" required maxlength="32" autocomplete="username" />
        </label>
        <label
          >${c.password}
          <input name="password" type="password" required maxlength="64" autocomplete="current-password" />
        </label>
        <button type="submit" class="button primary">${t.common.authenticate}</button>
      </form>
    </section>
    <section class="method">
      <h2>${c.certificateHeading}</h2>
      <p>${c.certificateIntro}</p>
      <form method="get" action="${v.certificateUrl}">
        <input type="hidden" name="csrf" value="${v.csrfToken}" />
        <button type="submit" class="button primary" name="certificate">${c.certificateButton}</button>
      </form>
    </section>
    ${cancelForm(v)}
    <p class="note">${t.common.cancelNote}</p>
    <section class="notes">
      <h2>${c.notesHeading}</h2>
      <p>${c.caseNote}</p>
      <p>${c.certificateOnlyNote}</p>
    </section>
    ${securityNotice(v.locale)}`;
  return renderPage({ locale: v.locale, title: c.title, body });
}
