import { html, type SafeHtml } from '../pages/html.ts';
import type { DemoExchange } from './demo-session.ts';
import { mask } from './partner-server.ts';

/** The pieces every page of the walk is made of: bilingual text, form tokens, HTTP exchanges. */

export const TITLE = '連携デモ（パートナー企業向け） / Partner onboarding demo';
const TOKEN_FIELDS = new Set(['access_token', 'refresh_token', 'id_token']);
const SHOWN_TRANSACTIONS = 10;

export const bilingual = (ja: string, en: string): SafeHtml =>
  html`<p class="ja">${ja}</p>
    <p class="en" lang="en">${en}</p>`;

export const csrfField = (token: string): SafeHtml =>
  html`<input type="hidden" name="csrf" value="${token}" />`;

/** JSON with tokens masked; the transactions page is cut to its first rows so the page stays readable. */
function shownJson(body: unknown): string {
  return JSON.stringify(
    body,
    (key, value: unknown) => {
      if (TOKEN_FIELDS.has(key) && typeof value === 'string') return mask(value);
      if (key === 'transactions' && Array.isArray(value) && value.length > SHOWN_TRANSACTIONS)
        return [...value.slice(0, SHOWN_TRANSACTIONS), `… +${value.length - SHOWN_TRANSACTIONS}`];
      return value;
    },
    2,
  );
}

export function requestBlock(x: DemoExchange, testId?: string): SafeHtml {
  return html`<p><code>${x.method} ${x.url}</code></p>
    <pre class="sent">${x.sent}</pre>
    ${x.proof ? proofBlock(x, testId) : html``}`;
}

/** The request's DPoP proof decoded: its header (with the public key) and its claims. */
function proofBlock(x: DemoExchange, testId: string | undefined): SafeHtml {
  return html`<div class="dpop-proof" data-testid="${testId ?? 'request'}-proof">
    <p class="note">DPoP 証明（デコード、署名は省略） / The DPoP proof, decoded (signature left out)</p>
    <div class="proof-parts">
      <pre class="json">${JSON.stringify(x.proof?.header, null, 2)}</pre>
      <pre class="json">${JSON.stringify(x.proof?.payload, null, 2)}</pre>
    </div>
  </div>`;
}

/** What the bank answers to the same access token sent as a bearer token (a copy without the key). */
function asBearerBlock(x: DemoExchange, testId: string): SafeHtml {
  return html`<div class="as-bearer" data-testid="${testId}-as-bearer">
    <p>
      同じトークンを鍵の証明なしに Bearer として送ると / The same token sent as Bearer, without a proof:
    </p>
    <pre class="sent">${x.sent}</pre>
    <p>→ <strong class="${x.status < 400 ? 'ok' : 'bad'}" data-testid="${testId}-as-bearer-status">HTTP ${x.status}</strong></p>
    <pre class="json">${x.body === '' ? '（本文なし / empty body）' : shownJson(x.body)}</pre>
  </div>`;
}

/** Where a block's full tokens can be fetched from: the walk, its form token, and which exchange. */
export interface RevealSource {
  sessionId: string;
  csrf: string;
  exchange: RevealableExchange;
}

/** The exchanges whose answers carry tokens. */
export const REVEALABLE_EXCHANGES = ['exchange', 'refresh'] as const;
export type RevealableExchange = (typeof REVEALABLE_EXCHANGES)[number];

/** The token fields of an answer, in full: what トークンを表示 fetches (never part of the page). */
export function tokenFields(body: unknown): Record<string, string> {
  if (typeof body !== 'object' || body === null) return {};
  return Object.fromEntries(
    Object.entries(body).filter(([k, v]) => TOKEN_FIELDS.has(k) && typeof v === 'string'),
  ) as Record<string, string>;
}

export function responseBlock(x: DemoExchange, testId: string, reveal?: RevealSource): SafeHtml {
  return html`<p>→ <strong class="${x.status < 400 ? 'ok' : 'bad'}" data-testid="${testId}-status">HTTP ${x.status}</strong></p>
    <pre class="json" data-testid="${testId}">${x.body === '' ? '（本文なし / empty body）' : shownJson(x.body)}</pre>
    ${
      reveal && Object.keys(tokenFields(x.body)).length > 0
        ? html`<div class="reveal" data-reveal="/partner-demo/s/${reveal.sessionId}/reveal" data-csrf="${reveal.csrf}" data-exchange="${reveal.exchange}">
          <button type="button" class="button secondary" data-testid="${testId}-reveal" data-show="トークンを表示 / Reveal the tokens" data-hide="トークンを隠す / Hide the tokens">トークンを表示 / Reveal the tokens</button>
          <pre class="json" data-testid="${testId}-revealed" hidden></pre>
        </div>`
        : html``
    }`;
}

export const exchangeBlock = (x: DemoExchange, testId: string, reveal?: RevealSource): SafeHtml =>
  html`<div class="exchange">
    ${requestBlock(x, testId)} ${responseBlock(x, testId, reveal)}
    ${x.asBearer ? asBearerBlock(x.asBearer, testId) : html``}
  </div>`;

export function step(
  n: number,
  state: 'done' | 'now' | 'later',
  ja: string,
  en: string,
  body: SafeHtml,
): SafeHtml {
  return html`<section class="box demo-step ${state}" id="step-${n}" data-step="${n}">
    <h2><span class="step-number">${n}</span> ${ja} <span class="en" lang="en">/ ${en}</span></h2>
    ${body}
  </section>`;
}
