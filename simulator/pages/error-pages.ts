import { html, type SafeHtml } from './html.ts';
import { renderPage } from './layout.ts';
import { messages, type Locale } from './messages.ts';

/** The bank's own refusal reasons (audit wording) in words a customer reads on a Japanese page. */
const REASONS_JA: Record<string, string> = {
  'no interaction session': 'お手続きの情報が見つかりません',
  'interaction id does not match the session': 'お手続きの画面が一致しません',
  'unknown client': '登録されていない外部サービスです',
  'csrf token missing or wrong': '画面の確認情報が一致しません',
  'not a corporate login screen': '法人のお客さまの認証画面ではありません',
  'no valid client certificate': '電子証明書が提示されていません',
  'certificate not mapped to a customer': '電子証明書に対応するご契約がありません',
};

/**
 * The small reference line under an error. English pages show the code as is; Japanese pages show a
 * known reason in Japanese, an OAuth code (`unauthorized_client`) as an エラーコード without its
 * English description, and nothing else in English.
 */
export function errorCodeLine(locale: Locale, code: string | undefined): string | undefined {
  if (!code || locale === 'en') return code;
  const known = REASONS_JA[code];
  if (known) return `詳細：${known}`;
  const oauthCode = /^[a-z]+(_[a-z]+)+/.exec(code)?.[0];
  return oauthCode ? `エラーコード：${oauthCode}` : undefined;
}

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
  const code = errorCodeLine(opts.locale, opts.code);
  const body = html` <p class="error" role="alert">${opts.message}</p>
    ${code ? html`<p class="error-code">${code}</p>` : html``} ${opts.action ?? html``}`;
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
