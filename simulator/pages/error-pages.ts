import { html, type SafeHtml } from './html.ts';
import { renderPage } from './layout.ts';
import { messages, type Locale } from './messages.ts';

/** A page that explains what went wrong and offers the one way forward, if there is one. */
export function renderErrorPage(opts: {
  locale: Locale;
  title?: string;
  message: string;
  /** Technical code for testers and support (e.g. the OAuth error), shown small. */
  code?: string | undefined;
  action?: SafeHtml | undefined;
  assetBase?: string | undefined;
}): string {
  const t = messages[opts.locale].errors;
  const body = html` <p class="error" role="alert">${opts.message}</p>
    ${opts.code ? html`<p class="error-code">${opts.code}</p>` : html``} ${opts.action ?? html``}`;
  return renderPage({
    locale: opts.locale,
    title: opts.title ?? t.genericTitle,
    body,
    ...(opts.assetBase ? { assetBase: opts.assetBase } : {}),
  });
}

/** 未連携: the client is not connected to the channel it asked for; the button returns the error to it. */
export function renderChannelRefused(opts: {
  locale: Locale;
  uid: string;
  csrfToken: string;
  service: string;
  channelName: string;
}): string {
  const t = messages[opts.locale].errors;
  const action = html`<form method="post" action="/interaction/${opts.uid}/cancel">
    <input type="hidden" name="csrf" value="${opts.csrfToken}" />
    <button type="submit" class="button primary">${t.backToService}</button>
  </form>`;
  return renderErrorPage({
    locale: opts.locale,
    title: t.channelTitle,
    message: t.channelRefused(opts.service, opts.channelName),
    code: 'unauthorized_client',
    action,
  });
}
