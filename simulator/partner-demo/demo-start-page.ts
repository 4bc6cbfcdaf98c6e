import { CHANNEL_NAMES, CHANNELS } from '../../shared/bank/oauth.ts';
import { isConnected, partnerName, type RegisteredClient } from '../clients/client-registry.ts';
import { html } from '../pages/html.ts';
import { renderPage } from '../pages/layout.ts';
import { renderDiagram } from './demo-diagram.ts';
import { bilingual, csrfField, TITLE } from './demo-markup.ts';

/** Where a presenter picks the partner and the channel to walk. */
export function renderDemoStart(opts: {
  clients: readonly RegisteredClient[];
  today: string;
  startToken: string;
  problem?: string | undefined;
}): string {
  const partners = opts.clients.filter((c) => c.kind === 'partner');
  const body = html`${bilingual(
    '外部サービス（連携先）の立場で、口座連携の流れを最初から最後まで体験できます。このページが連携先のサーバーの役を務め、銀行（デモ信用金庫）と本物のHTTPでやりとりします。',
    "Walk the whole account-linking flow as a partner would. This page plays the partner's server and talks to the bank over real HTTP.",
  )}
    ${renderDiagram(() => false)}
    ${opts.problem ? html`<p class="error" role="alert">${opts.problem}</p>` : html``}
    <form method="post" action="/partner-demo/start" class="box demo-start">
      ${csrfField(opts.startToken)}
      <label
        >連携先 / Partner
        <select name="clientId" required>
          ${partners.map(
            (c) =>
              html`<option value="${c.clientId}">
                ${partnerName(c)}（${CHANNELS.filter((ch) => isConnected(c, ch, opts.today))
                  .map((ch) => CHANNEL_NAMES[ch].ja)
                  .join('・')}）
              </option>`,
          )}
        </select>
      </label>
      <fieldset>
        <legend>チャネル / Channel</legend>
        ${CHANNELS.map(
          (ch, i) =>
            html`<label class="inline"
              ><input type="radio" name="channel" value="${ch}" ${i === 0 ? html`checked` : html``} />
              ${CHANNEL_NAMES[ch].ja}（${ch === 'personal' ? '個人 / personal' : '法人 / corporate'}）</label
            >`,
        )}
      </fieldset>
      <label class="inline" data-testid="dpop-choice"
        ><input type="checkbox" name="dpop" value="on" checked />
        鍵で保護する（DPoP） / Bind the tokens to a key (DPoP)</label
      >
      <p class="note">
        鍵で保護すると、連携先のサーバーはこのデモ用に鍵（ES256）を作り、トークン要求とAPI呼び出しのたびにその鍵で署名した証明（DPoP）を付けます。銀行が発行するトークンはその鍵に結び付けられ、鍵を持たない人には使えません。ページには鍵の指紋と、各証明のヘッダーとペイロードを並べ、同じトークンを Bearer として送ったときの銀行の答えも見せます。銀行はBankDemoデスクトップにはこれを必須にしています（<a href="/partners">連携先の一覧</a>）。外すと従来どおりの Bearer トークンで進みます。 /
        With a key, the partner's server makes an ES256 key for this walk and signs a proof (DPoP) with it for every token request and API call: the bank binds the tokens to that key, so they are useless to anyone without it. The page shows the key's thumbprint, each proof's header and payload, and what the bank answers to the same token sent as Bearer. The bank requires this of the BankDemo desktop app (see Partners); untick it for plain bearer tokens.
      </p>
      <p class="note">
        連携していないチャネルを選ぶと、銀行が「未連携」として断る様子を見られます（例: Zaim と WEB-FB）。 /
        Pick a channel the partner is not connected to and the bank refuses it (e.g. Zaim on WEB-FB).
      </p>
      <button type="submit" class="button primary">1. 認可リクエストを作る / Build the authorization request</button>
    </form>
    <p class="note"><a href="/qa">QAコンソール / QA console</a>・<a href="/partners">連携先の一覧 / Partners</a></p>`;
  return renderPage({ locale: 'ja', title: TITLE, body, wide: true });
}
