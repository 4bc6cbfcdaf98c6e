import { CHANNELS } from '../../shared/bank/oauth.ts';
import { jstDateJapanese } from '../../shared/dates.ts';
import type { RegisteredClient } from '../clients/client-registry.ts';
import { bankNameIn } from './bank-identity.ts';
import { lifetimeWords } from './consent-page.ts';
import { html } from './html.ts';
import { renderPage } from './layout.ts';
import { messages, type Locale } from './messages.ts';

/** 連携先の一覧, generated from the client registry in the seed page's layout. */
export function renderPartners(locale: Locale, clients: readonly RegisteredClient[], today: string): string {
  const t = messages[locale].partners;
  const date = (d: string | undefined) =>
    d === undefined
      ? html`<td class="date not-connected">${t.notConnected}</td>`
      : html`<td class="date">${locale === 'ja' ? jstDateJapanese(d) : d}</td>`;
  const body = html` <p class="as-of">${t.asOf(locale === 'ja' ? jstDateJapanese(today) : today)}</p>
    <table class="partners">
      <thead>
        <tr>
          <th rowspan="2">${t.company}</th>
          <th rowspan="2">${t.service}</th>
          <th colspan="2">${t.since}</th>
          <th rowspan="2" title="${t.dpopTitle}">${t.dpop}</th>
        </tr>
        <tr>
          <th>${t.personal}</th>
          <th>${t.corporate}</th>
        </tr>
      </thead>
      <tbody>
        ${clients.map(
          (c) =>
            html`<tr data-client-id="${c.clientId}">
              <td>${c.company}</td>
              <td>${c.service}</td>
              ${CHANNELS.map((ch) => date(c.since[ch]))}
              ${
                c.dpopBoundAccessTokens
                  ? html`<td class="dpop required">${t.dpopRequired}</td>`
                  : html`<td class="dpop">${t.dpopOptional}</td>`
              }
            </tr>`,
        )}
      </tbody>
    </table>
    <p class="note">${t.dpopNote}</p>
    <p class="note">${t.more}</p>
    <p>${t.routing}</p>
    <p class="note demo-link"><a href="/partner-demo">${t.demo}</a></p>`;
  return renderPage({ locale, title: t.title, body });
}

type Articles = readonly [string, string][];

/** The articles in Japanese; the link's lifetime (第3条) is the bank's BANK_GRANT_TTL in words. */
const termsJa = (lifetime: string): Articles => [
  [
    '第1条（目的）',
    '本規定は、{bank}（以下「当金庫」）が提供するしんきんインターネットバンキングAPIサービス（以下「本サービス」）を通じて、お客さまが同意した外部サービス事業者へ口座情報を提供する際の取扱いを定めるものです。',
  ],
  [
    '第2条（提供する情報）',
    '当金庫は、お客さまがアクセス許可画面で許可した業務（残高照会、入出金明細照会）について、許可した口座の情報のみを外部サービス事業者へ提供します。当金庫はお客さまの契約者ID、パスワード、ワンタイムパスワードおよび電子証明書を外部サービス事業者へ提供しません。',
  ],
  [
    '第3条（有効期間）',
    `口座連携の有効期間は、アクセスを許可した日から${lifetime}とします。有効期間が過ぎた場合、外部サービスから再度利用登録を行ってください。`,
  ],
  [
    '第4条（許可の解除）',
    '有効期間内に許可を解除する場合は、ご利用の外部サービスにてお手続きください。外部サービスへの情報提供は、解除の手続き後直ちに停止します。',
  ],
  [
    '第5条（免責）',
    '外部サービス事業者が提供するサービスの内容およびお客さまと外部サービス事業者との間の契約については、当金庫は責任を負いません。',
  ],
  [
    '第6条（テスト環境）',
    '本画面はテスト用の模擬環境です。実在の金融機関・お客さまの情報は含まれていません。',
  ],
];

const termsEn = (lifetime: string): Articles => [
  [
    'Article 1 (Purpose)',
    'These terms govern how {bank} provides account information, through the Shinkin Internet Banking API Service, to external services the customer has consented to.',
  ],
  [
    'Article 2 (Information provided)',
    'The bank provides only the operations (balance inquiry, transaction history inquiry) and accounts the customer allowed on the access permission screen. The bank never gives external services the customer’s IDs, passwords, one-time passwords or certificates.',
  ],
  [
    'Article 3 (Validity)',
    `A link is valid for ${lifetime} from the day access was allowed. After that, register again from the external service.`,
  ],
  [
    'Article 4 (Withdrawal)',
    'To withdraw permission within the validity period, do so in the external service; the bank stops providing information at once.',
  ],
  [
    'Article 5 (Disclaimer)',
    'The bank is not responsible for external services or the customer’s contracts with them.',
  ],
  ['Article 6 (Test environment)', 'This is a simulated test bank. It holds no real bank or customer data.'],
];

export function renderTerms(locale: Locale, grantTtlSeconds: number): string {
  const lifetime = lifetimeWords(locale, grantTtlSeconds);
  const articles = locale === 'ja' ? termsJa(lifetime) : termsEn(lifetime);
  const body = html`<article class="terms-text">
    ${articles.map(
      ([heading, text]) =>
        html`<h2>${heading}</h2>
          <p>${text.replace('{bank}', bankNameIn(locale))}</p>`,
    )}
  </article>`;
  return renderPage({ locale, title: messages[locale].terms.title, body });
}
