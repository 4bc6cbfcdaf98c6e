import { CHANNEL_NAMES, type ApiDialect } from '../../shared/bank/oauth.ts';
import { partnerName, type RegisteredClient } from '../clients/client-registry.ts';
import { html } from '../pages/html.ts';
import { renderPage } from '../pages/layout.ts';
import { renderDiagram } from './demo-diagram.ts';
import {
  bilingual,
  csrfField,
  type RevealableExchange,
  exchangeBlock,
  requestBlock,
  responseBlock,
  step,
  TITLE,
} from './demo-markup.ts';
import type { DemoSession } from './demo-session.ts';
import { DEMO_SCOPE, mask, redirectUriOf } from './partner-server.ts';

/** The walk's key, by its thumbprint: the value the bank writes into every token it binds (cnf.jkt). */
const dpopKeyBox = (thumbprint: string) =>
  html`<div class="box dpop-key" data-testid="dpop-key">
    <p>
      鍵で保護（DPoP） / Key-bound tokens (DPoP) — 鍵の指紋 / key thumbprint (RFC 7638):
      <code data-testid="dpop-thumbprint">${thumbprint}</code>
    </p>
    ${bilingual(
      '連携先のサーバーがこのデモのために作った ES256 の鍵です。秘密鍵はサーバーのメモリから出ません。トークン要求とAPI呼び出しのたびに、この鍵で署名した証明（DPoP ヘッダー）を付けます。銀行はトークンをこの指紋に結び付けるので、トークンだけが漏れても使えません（下の「Bearer として送ると」を参照）。',
      'An ES256 key the partner’s server made for this walk; its private half never leaves the server’s memory. Every token request and API call carries a proof signed with it (the DPoP header). The bank binds the tokens to this thumbprint, so a leaked token alone is useless (see “sent as Bearer” below).',
    )}
  </div>`;

/** The walk's page: every step numbered, said in Japanese and in English, printable as it stands. */
export function renderDemoSession(opts: {
  session: DemoSession;
  client: RegisteredClient;
  issuer: string;
  apiDialect: ApiDialect;
}): string {
  const { session: s, client, issuer, apiDialect } = opts;
  const revealFrom = (exchange: RevealableExchange) => ({ sessionId: s.id, csrf: s.csrf, exchange });
  const tokenHeader =
    apiDialect === 'gmo-aozora' ? 'x-access-token' : s.dpop ? 'Authorization: DPoP' : 'Authorization: Bearer';
  const cb = s.callback;
  const refused = cb?.error !== undefined;
  const revoked = s.revoke?.status === 200;
  const reached = [
    true,
    cb !== undefined,
    cb !== undefined,
    s.exchange !== undefined,
    s.tokens !== undefined,
    s.api !== undefined,
    s.refresh !== undefined || s.revoke !== undefined,
  ];
  // After a refusal nothing follows the callback: those steps stay greyed.
  const stateOf = (n: number): 'done' | 'now' | 'later' =>
    refused && n > 3 ? 'later' : reached[n - 1] ? 'done' : reached[n - 2] ? 'now' : 'later';
  const action = (path: string, label: string, testId: string) =>
    html`<form method="post" action="/partner-demo/s/${s.id}/${path}" class="demo-action">
      ${csrfField(s.csrf)}
      <button type="submit" class="button primary" data-testid="${testId}">${label}</button>
    </form>`;
  const params = new URL(s.authorizationUrl).searchParams;

  const steps = [
    step(
      1,
      stateOf(1),
      '認可リクエスト',
      'The authorization request',
      html`${bilingual(
        `連携先のサーバーは、推測できない乱数 code_verifier を自分だけで保管し、その SHA-256 ハッシュ（code_challenge）と、画面の取り違えを防ぐ state を付けて、お客さまのブラウザを銀行へ送ります（PKCE）。channel=${s.channel} で${CHANNEL_NAMES[s.channel].ja}の認証画面が開きます。`,
        `The partner's server keeps a random code_verifier to itself and sends the customer's browser to the bank with its SHA-256 hash (code_challenge) and a state that ties the answer to this request (PKCE). channel=${s.channel} opens the ${CHANNEL_NAMES[s.channel].en} login.`,
      )}
        <table class="qa params">
          <tbody>
            ${[...params].map(([k, v]) => html`<tr><th><code>${k}</code></th><td><code>${v}</code></td></tr>`)}
            <tr><th><code>code_verifier</code></th><td><code>${mask(s.verifier)}</code>（連携先のサーバーだけが保持 / kept by the partner's server）</td></tr>
          </tbody>
        </table>
        <p class="url"><code>${s.authorizationUrl}</code></p>
        ${cb ? html`` : html`<p><a class="button primary" href="${s.authorizationUrl}" data-testid="go-to-bank">銀行の画面へ進む / Go to the bank</a></p>`}`,
    ),
    step(
      2,
      stateOf(2),
      'お客さまのログインとアクセス許可',
      "The customer's login and consent",
      bilingual(
        'ここから先は銀行の画面です。お客さまは銀行のページでIDとパスワード（個人はワンタイムパスワードも、法人は電子証明書でも可）を入力し、許可する業務と口座を確かめて「許可」を押します。連携先はIDもパスワードも見ません。',
        "From here on the customer is on the bank's own pages: ID and password (plus a one-time password for individuals, or a certificate for companies), then the consent screen. The partner never sees the ID or password.",
      ),
    ),
    step(
      3,
      stateOf(3),
      'コールバック',
      'The callback',
      cb
        ? html`${
            refused
              ? bilingual(
                  cb.error === 'unauthorized_client'
                    ? `銀行は断りました: ${partnerName(client)} は${CHANNEL_NAMES[s.channel].ja}と連携していません（未連携）。トークンは発行されません。`
                    : cb.error === 'access_denied'
                      ? 'お客さまがキャンセルしました。トークンは発行されません。'
                      : `銀行がエラーを返しました（${cb.error}）。トークンは発行されません。`,
                  cb.error === 'unauthorized_client'
                    ? `The bank refused: ${client.service} is not connected to ${CHANNEL_NAMES[s.channel].en}. No token is issued.`
                    : `The bank answered ${cb.error}. No token is issued.`,
                )
              : bilingual(
                  '銀行はお客さまのブラウザを連携先の redirect_uri に戻し、使い捨ての認可コードを渡します。連携先は state が自分の送ったものと同じか、iss が銀行の発行者と同じかを確かめます。',
                  "The bank sends the browser back to the partner's redirect_uri with a one-time code. The partner checks that state is the one it sent and iss is the bank's issuer.",
                )
          }
            <table class="qa params" data-testid="callback">
              <tbody>
                ${(['code', 'state', 'iss', 'error', 'error_description'] as const).map((k) => {
                  const v = {
                    code: cb.code,
                    state: cb.state,
                    iss: cb.iss,
                    error: cb.error,
                    error_description: cb.errorDescription,
                  }[k];
                  return v === undefined
                    ? html``
                    : html`<tr><th><code>${k}</code></th><td><code>${k === 'code' ? mask(v) : v}</code></td></tr>`;
                })}
              </tbody>
            </table>
            ${
              refused
                ? html``
                : html`<p data-testid="callback-checks">
                  state ${cb.state === s.state ? '一致 ✓ / matches' : '不一致 ✗ / differs'}・iss
                  ${cb.iss === issuer ? '一致 ✓ / matches' : '不一致 ✗ / differs'}
                </p>`
            }`
        : bilingual('まだ戻っていません。', 'The browser has not come back yet.'),
    ),
    step(
      4,
      stateOf(4),
      'トークン交換',
      'The token exchange',
      html`${bilingual(
        '連携先のサーバーが銀行のトークンエンドポイントへ直接（ブラウザを通さず）コードを送ります。client_secret で自分を証明し、code_verifier で「認可リクエストを作ったのは自分だ」と示します。',
        "The partner's server sends the code to the bank's token endpoint directly (not through the browser), proving itself with its client_secret and the request with its code_verifier.",
      )}
        ${
          s.dpop
            ? bilingual(
                '鍵で保護するので、要求には DPoP ヘッダー（この要求のメソッドとURL、銀行が渡したノンスを含み、鍵で署名した証明）も付けます。銀行は発行するトークンを鍵の指紋に結び付けます。',
                'With a key, the request also carries a DPoP header: a proof of this method and URL, with the nonce the bank gave, signed by the key. The bank binds the tokens it issues to the key’s thumbprint.',
              )
            : html``
        }
        <p class="note">redirect_uri: <code>${redirectUriOf(issuer)}</code>・scope: <code>${DEMO_SCOPE}</code></p>
        ${
          s.exchange
            ? html`<div class="exchange">${requestBlock(s.exchange, 'exchange')}</div>`
            : cb?.code
              ? action('exchange', '4. コードをトークンに交換 / Exchange the code', 'exchange')
              : html``
        }`,
    ),
    step(
      5,
      stateOf(5),
      'トークンレスポンス',
      'The token response',
      html`${bilingual(
        'access_token（短命、APIを呼ぶ鍵）と refresh_token（連携の期間中、新しい access_token をもらう鍵）。refresh_token_expires_in は連携の残り秒数です。トークンは伏せ字で表示しています。「トークンを表示」はその場で連携先のサーバーから全体を取り寄せて見せるだけで、印刷にも保存したページにも含まれません。',
        'An access_token (short-lived, opens the API) and a refresh_token (gets new access tokens for the life of the link); refresh_token_expires_in is what is left of the link, in seconds. Tokens are masked; “Reveal the tokens” fetches them from the partner’s server for the screen only: neither a printout nor a saved page holds them.',
      )}
      ${s.exchange ? responseBlock(s.exchange, 'token-response', revealFrom('exchange')) : html``}`,
    ),
    step(
      6,
      stateOf(6),
      'APIの呼び出し',
      'Calling the API',
      html`${bilingual(
        `連携先は access_token を ${tokenHeader} で送り、お客さまが許可した口座だけを読めます: 口座一覧、残高、入出金明細の1ページ（直近7日）。`,
        `The partner sends the access_token as ${tokenHeader} and reads only the accounts the customer allowed: accounts, balances and a page of transactions (last 7 days).`,
      )}
        ${
          s.api
            ? s.api.map((x, i) => exchangeBlock(x, ['api-accounts', 'api-balances', 'api-transactions'][i]!))
            : s.tokens
              ? action('api', '6. APIを呼ぶ / Call the API', 'call-api')
              : html``
        }`,
    ),
    step(
      7,
      stateOf(7),
      '更新・解除・QAコンソール',
      'Refresh, revoke, and the QA console',
      html`${bilingual(
        'refresh_token で新しいトークンをもらうたびに refresh_token は入れ替わります（古いものを再び使うと連携全体が無効になります）。連携の解除は連携先が銀行に revocation を送って行い、以後のAPIは拒否されます。',
        'Each refresh rotates the refresh_token (reusing an old one ends the whole link). Revoking is done by the partner at the bank’s revocation endpoint; the API refuses from then on.',
      )}
        ${s.refresh ? exchangeBlock(s.refresh, 'refresh', revealFrom('refresh')) : html``}
        ${s.revoke ? exchangeBlock(s.revoke, 'revoke') : html``}
        ${
          s.afterRevoke
            ? html`${bilingual('解除の後、まだ手元にある access_token でAPIを呼ぶと:', 'After revoking, the access token still held gets:')}
            ${exchangeBlock(s.afterRevoke, 'after-revoke')}`
            : html``
        }
        <div class="demo-actions">
          ${s.tokens?.refreshToken && !revoked ? action('refresh', 'トークンを更新 / Refresh', 'refresh-button') : html``}
          ${s.tokens?.refreshToken && !revoked ? action('revoke', '連携を解除 / Revoke', 'revoke-button') : html``}
          <a class="button secondary" href="/qa#links" data-testid="see-in-qa">QAコンソールで見る / See it in the QA console</a>
        </div>`,
    ),
  ];
  const body = html`<p class="demo-who" data-testid="demo-who">
      連携先 / Partner: <strong>${partnerName(client)}</strong>（<code>${client.clientId}</code>）・チャネル / Channel:
      <strong>${CHANNEL_NAMES[s.channel].ja}</strong>
    </p>
    ${s.dpop ? dpopKeyBox(s.dpop.thumbprint) : html``}
    ${s.problem ? html`<p class="error" role="alert">${s.problem}</p>` : html``}
    ${renderDiagram((n) => reached[n - 1] === true && !(refused && n > 3))}
    ${steps}
    <p class="note no-print"><a href="/partner-demo">最初から / Start again</a>・このページは印刷・保存できます（トークンは伏せ字のまま） / Print or save this page: tokens stay masked.</p>
    <script src="/partner-demo/reveal.js" defer></script>`;
  return renderPage({ locale: 'ja', title: TITLE, body, wide: true });
}
