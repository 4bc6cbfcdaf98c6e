import type { ErrorOut, KoaContextWithOIDC } from 'oidc-provider';
import { renderErrorPage } from '../pages/error-pages.ts';
import { localeFrom, type Locale } from '../pages/messages.ts';

/** Explanations for the errors a customer can meet before the bank can send them back to the service. */
const EXPLANATIONS: Record<string, Record<Locale, string>> = {
  invalid_client: {
    ja: 'この外部サービスは当金庫のAPIサービスに登録されていません。ご利用の外部サービスにお問い合わせください。',
    en: 'This external service is not registered with the bank’s API service. Please contact the external service.',
  },
  invalid_redirect_uri: {
    ja: '外部サービスの戻り先が登録内容と一致しないため、お手続きを続けられません。',
    en: 'The external service’s return address does not match its registration, so the request cannot continue.',
  },
  invalid_request: {
    ja: '外部サービスからの依頼内容に誤りがあるため、お手続きを続けられません。',
    en: 'The request from the external service is invalid, so it cannot continue.',
  },
};

const FALLBACK: Record<Locale, string> = {
  ja: 'お手続きを続けられませんでした。ご利用の外部サービスの画面から、もう一度お試しください。',
  en: 'The request could not continue. Please start again from the external service.',
};

/**
 * oidc-provider's error page, for errors that cannot be sent back to the client (unknown client,
 * unregistered redirect URI…): in the bank's look, in Japanese, with the technical code for testers.
 */
export async function renderOidcError(ctx: KoaContextWithOIDC, out: ErrorOut): Promise<void> {
  const locale = localeFrom(ctx.oidc?.params?.ui_locales);
  const message = EXPLANATIONS[out.error]?.[locale] ?? FALLBACK[locale];
  ctx.type = 'html';
  ctx.body = renderErrorPage({
    locale,
    message,
    code: out.error_description ? `${out.error}: ${out.error_description}` : out.error,
  });
}
