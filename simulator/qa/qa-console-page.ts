import { CHANNEL_NAMES, isApiScope, SCOPE_NAMES } from '../../shared/bank/oauth.ts';
import { jstDateTime } from '../../shared/dates.ts';
import type { FaultSpec } from '../api/fault-injector.ts';
import type { AuditRecord } from '../audit/audit-log.ts';
import { partnerName, type RegisteredClient } from '../clients/client-registry.ts';
import type { Customer } from '../customers/customer-store.ts';
import type { SeedCustomer } from '../customers/seed-customers.ts';
import type { Link } from '../links/link-store.ts';
import { html, type SafeHtml } from '../pages/html.ts';
import { renderPage } from '../pages/layout.ts';
import { CLIENT_P12_PASSWORD } from '../pki/bank-pki.ts';
import type { BankFacts } from './bank-facts.ts';

export interface QaConsoleView {
  issuer: string;
  bank: BankFacts;
  users: { customer: Customer; seed: SeedCustomer | undefined; accountIds: string[] }[];
  clients: readonly RegisteredClient[];
  links: Link[];
  loginIdOf: (customerId: string) => string;
  faults: FaultSpec[];
  maintenance: boolean;
  audit: AuditRecord[];
}

const at = (epochSeconds: number) => jstDateTime(epochSeconds * 1000);
const button = (
  label: string,
  action: string,
  data: Record<string, string> = {},
  style = 'secondary',
): SafeHtml =>
  html`<button type="button" class="button small ${style}" data-action="${action}" ${Object.entries(data).map(
    ([k, v]) => html`data-${k}="${v}" `,
  )}>${label}</button>`;

function usersSection(v: QaConsoleView): SafeHtml {
  const rows = v.users.map(({ customer: c, seed, accountIds }) => {
    const second = c.totpSecret
      ? html`<span class="otp" data-otp-login="${c.loginId}">------</span> <small data-otp-remaining="${c.loginId}"></small><br /><small>${c.totpSecret}</small>`
      : c.certificateLogin
        ? html`電子証明書 <a href="/qa/certificates/${c.loginId}.p12">.p12</a> <a href="/qa/certificates/${c.loginId}.crt">.crt</a> <a href="/qa/certificates/${c.loginId}.key">.key</a>`
        : html`—`;
    return html`<tr data-login-id="${c.loginId}">
      <td><code>${c.loginId}</code></td><td>${CHANNEL_NAMES[c.channel].ja}</td><td>${c.name}${seed?.scenario ? html`<br /><small class="scenario">${seed.scenario.ja}<br />${seed.scenario.en}</small>` : ''}</td>
      <td><code>${seed?.password ?? ''}</code>${c.passwordLogin ? '' : html`<br /><small>証明書のみ</small>`}</td>
      <td>${second}</td><td><small>${accountIds.join(', ')}</small></td>
      <td class="status">${c.locked ? html`<strong class="bad">ロック中</strong> ${button('解除', 'unlock', { login: c.loginId }, 'primary')}` : c.failedAttempts > 0 ? `失敗 ${c.failedAttempts}回` : '利用可'}</td>
    </tr>`;
  });
  return html`<section class="box" id="users"><h2>テスト用ユーザー</h2>
    <p class="note">ID・パスワードは大文字と小文字を区別します。.p12 のパスワード: <code>${CLIENT_P12_PASSWORD}</code>。銀行のCA証明書: <a href="/qa/certificates/ca.crt">ca.crt</a></p>
    <table class="qa"><thead><tr><th>ログインID</th><th>チャネル</th><th>お客さま</th><th>パスワード</th><th>ワンタイムパスワード／証明書</th><th>口座</th><th>状態</th></tr></thead>
    <tbody>${rows}</tbody></table></section>`;
}

function clientsSection(v: QaConsoleView): SafeHtml {
  const rows = v.clients.map(
    (c) => html`<tr><td><code>${c.clientId}</code></td><td>${partnerName(c)}</td>
      <td>${c.kind === 'native' ? 'ネイティブ（公開クライアント）' : '連携先（機密クライアント）'}</td>
      <td>${(['personal', 'corporate'] as const).map((ch) => html`<span class="nowrap">${CHANNEL_NAMES[ch].ja}: ${c.since[ch] ?? '未連携'}</span><br />`)}</td>
      <td>${c.secret ? html`<code>${c.secret}</code>` : '—'}</td>
      <td><code>${c.kind === 'native' ? 'http://127.0.0.1:<任意のポート>/callback' : `${v.issuer}/qa/callback`}</code></td></tr>`,
  );
  return html`<section class="box" id="clients"><h2>登録アプリ（OAuthクライアント）</h2>
    <table class="qa"><thead><tr><th>client_id</th><th>連携先（会社・サービス）</th><th>種類</th><th>連携開始日</th><th>client_secret</th><th>redirect_uri</th></tr></thead>
    <tbody>${rows}</tbody></table></section>`;
}

/** A scope in words; one the bank does not know (an old or odd row) as its raw name, never a crash. */
const scopeName = (scope: string): string => (isApiScope(scope) ? SCOPE_NAMES[scope].ja : scope);

const STATUS_NAMES: Record<Link['status'], string> = {
  active: '有効',
  expired: '期限切れ',
  revoked: '解除済み',
};

/** "Expire in N days": まもなく期限切れ (14 days) and the warning can be shown without waiting. */
const expireInForm = (linkId: string): SafeHtml =>
  html`<form class="qa-form expire-in" data-form="expire-in"><input type="hidden" name="linkId" value="${linkId}" />
    <label><input name="days" type="number" min="1" max="3650" value="5" aria-label="残り日数" /> 日後に期限切れ</label>
    <button type="submit" class="button small secondary">設定</button></form>`;

/** The link's latest DPoP refusal in the recent audit (token endpoint or API), with its reason. */
function dpopRefusalOf(v: QaConsoleView, linkId: string): SafeHtml | string {
  const latest = v.audit.find((e) => e.event === 'dpop.refused' && e.detail?.link === linkId);
  if (!latest) return '—';
  return html`<small>${at(latest.at)} ${String(latest.detail?.where ?? '')}: ${String(latest.detail?.reason ?? '')}</small>`;
}

function linksSection(v: QaConsoleView): SafeHtml {
  const rows = v.links.map(
    (l) => html`<tr data-link-id="${l.id}"><td><code title="${l.id}">${l.id.slice(0, 10)}…</code></td>
      <td>${v.loginIdOf(l.customerId)}</td><td>${l.clientId}</td><td>${CHANNEL_NAMES[l.channel].ja}</td>
      <td>${l.scopes.map(scopeName).join('・') || '—'}</td><td><small>${l.accountIds.join(', ')}</small></td>
      <td>${at(l.createdAt)}</td><td>${at(l.expiresAt)}</td>
      <td class="status">${STATUS_NAMES[l.status] ?? l.status}${l.revokedBy ? html`<br /><small>${l.revokedBy}</small>` : ''}</td>
      <td class="dpop-refusal">${dpopRefusalOf(v, l.id)}</td>
      <td>${l.status === 'active' ? html`${button('期限切れにする', 'expire', { link: l.id })} ${button('解除', 'revoke', { link: l.id })}${expireInForm(l.id)}` : ''}</td></tr>`,
  );
  return html`<section class="box" id="links"><h2>口座連携（リンク）</h2>
    ${v.links.length === 0 ? html`<p class="note">まだ連携はありません。</p>` : html`<table class="qa"><thead><tr><th>ID</th><th>お客さま</th><th>アプリ</th><th>チャネル</th><th>許可した業務</th><th>口座</th><th>作成</th><th>有効期限</th><th>状態</th><th>DPoP拒否（最新）</th><th></th></tr></thead><tbody>${rows}</tbody></table>`}
  </section>`;
}

function faultsSection(v: QaConsoleView): SafeHtml {
  const pending = v.faults.map((f) =>
    f.kind === 'status'
      ? html`<li>次の ${f.count} 回: HTTP ${f.status}${f.status !== 500 ? `（Retry-After ${f.retryAfterSeconds}秒）` : ''}</li>`
      : html`<li>次の ${f.count} 回: ${f.latencyMs} ms 遅延</li>`,
  );
  const accounts = v.users.flatMap((u) =>
    u.accountIds.map((id) => html`<option value="${id}">${id}（${u.customer.loginId}）</option>`),
  );
  return html`<section class="box" id="faults"><h2>障害の注入・メンテナンス</h2>
    <form class="qa-form" data-form="status-fault">
      <label>ステータス <select name="status"><option>503</option><option>429</option><option>500</option></select></label>
      <label>回数 <input name="count" type="number" min="1" max="1000" value="3" /></label>
      <label>Retry-After（秒） <input name="retryAfter" type="number" min="0" max="3600" value="2" /></label>
      <button type="submit" class="button small primary">エラーを注入</button>
    </form>
    <form class="qa-form" data-form="latency-fault">
      <label>遅延（ms） <input name="latencyMs" type="number" min="1" max="30000" value="1500" /></label>
      <label>回数 <input name="count" type="number" min="1" max="1000" value="3" /></label>
      <button type="submit" class="button small primary">遅延を注入</button>
    </form>
    <p>予定: ${pending.length ? html`<ul class="pending">${pending}</ul>` : 'なし'} ${button('すべて解除', 'clear-faults')}</p>
    <p>メンテナンス: <strong class="${v.maintenance ? 'bad' : ''}" id="maintenance-state">${v.maintenance ? '実施中（APIは503）' : '停止中'}</strong>
      ${button(v.maintenance ? 'メンテナンスを終了' : 'メンテナンスを開始', 'maintenance', { on: String(!v.maintenance) })}</p>
    <h3>取引の追加（本日付）</h3>
    <form class="qa-form" data-form="post-transactions">
      <label>口座 <select name="accountId">${accounts}</select></label>
      <label>件数 <input name="count" type="number" min="1" max="1000" value="5" /></label>
      <button type="submit" class="button small primary">取引を追加</button>
    </form>
    <h3>リセット</h3>
    <p class="note">連携・トークン・追加した取引・障害をすべて消し、初期状態に戻します。</p>
    ${button('初期状態に戻す', 'reset', {}, 'danger')}
  </section>`;
}

/** Why the bank refused, in words: the entry's own reason or error, else what its event implies. */
export function refusalCause(e: Pick<AuditRecord, 'event' | 'detail'>): string {
  const d = e.detail ?? {};
  const stated = [d.reason, d.error, d.description].filter((x) => typeof x === 'string' && x !== '');
  if (stated.length > 0) return stated.join(' — ');
  return IMPLIED_CAUSE[e.event] ?? e.event;
}

const IMPLIED_CAUSE: Partial<Record<AuditRecord['event'], string>> = {
  'login.password': 'パスワード誤り / wrong password',
  'login.otp': 'ワンタイムパスワード誤り / wrong one-time password',
  'login.certificate': '電子証明書を確認できない / certificate not accepted',
  'login.locked': 'ロック中 / customer locked',
};

function auditSection(v: QaConsoleView): SafeHtml {
  const rows = v.audit.map(
    (
      e,
    ) => html`<tr class="${e.outcome}"><td>${at(e.at)}</td><td><code>${e.event}</code></td><td>${e.outcome}</td>
      <td>${e.customerId ? v.loginIdOf(e.customerId) : ''}</td><td>${e.clientId ?? ''}</td>
      <td class="cause">${e.outcome === 'failure' ? refusalCause(e) : ''}</td>
      <td><small>${e.detail ? JSON.stringify(e.detail) : ''}</small></td></tr>`,
  );
  return html`<section class="box" id="audit"><h2>監査ログ（新しい順）</h2>
    <table class="qa"><thead><tr><th>日時</th><th>イベント</th><th>結果</th><th>お客さま</th><th>アプリ</th><th>原因</th><th>詳細</th></tr></thead>
    <tbody>${rows}</tbody></table></section>`;
}

/** Which bank this is and where its API answers: several may run side by side. */
function bankSection({ bank }: QaConsoleView): SafeHtml {
  const dialect = bank.apiDialect === 'gmo-aozora' ? 'GMOあおぞらネット銀行形式' : '標準（/api/v1）';
  return html`<section class="box" id="bank"><h2>この銀行</h2>
    <table class="qa"><tbody>
      <tr><th>金融機関</th><td>${bank.name}（${bank.nameEn}） 金融機関コード <code>${bank.code}</code></td></tr>
      <tr><th>支店</th><td>${bank.branches.map((b) => html`<span class="nowrap"><code>${b.code}</code> ${b.name}</span> `)}</td></tr>
      <tr><th>API</th><td>${dialect}、トークンは <code>${bank.tokenHeader}</code><br />
        個人 <code>${bank.apiBases.personal}</code><br />法人 <code>${bank.apiBases.corporate}</code></td></tr>
    </tbody></table></section>`;
}

/** The page a tester keeps open; every action is also a /qa/api call (console.js makes them). */
export function renderQaConsole(v: QaConsoleView): string {
  const body = html`<p class="note">テスト環境専用（ループバックからのみ利用可）。同じ操作は <code>/qa/api/*</code> の JSON API でも行えます。</p>
    <nav class="toc" aria-label="目次"><ol>
      <li><a href="#users">テスト用ユーザー</a></li><li><a href="#links">口座連携（リンク）</a></li>
      <li><a href="#faults">障害の注入・メンテナンス</a></li><li><a href="#clients">登録アプリ</a></li>
      <li><a href="#audit">監査ログ</a></li><li><a href="/partner-demo">連携デモ（パートナー向け） / Partner demo</a></li>
    </ol></nav>
    <p id="qa-status" role="status" class="note"></p>
    ${bankSection(v)} ${usersSection(v)} ${linksSection(v)} ${faultsSection(v)} ${clientsSection(v)} ${auditSection(v)}
    <script src="/qa/console.js" defer></script>`;
  return renderPage({ locale: 'ja', title: 'QAコンソール', body, wide: true });
}
