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
function shownJson(body: unknown, reveal: boolean): string {
  return JSON.stringify(
    body,
    (key, value: unknown) => {
      if (!reveal && TOKEN_FIELDS.has(key) && typeof value === 'string') return mask(value);
      if (key === 'transactions' && Array.isArray(value) && value.length > SHOWN_TRANSACTIONS)
        return [...value.slice(0, SHOWN_TRANSACTIONS), `… +${value.length - SHOWN_TRANSACTIONS}`];
      return value;
    },
    2,
  );
}

const hasTokens = (body: unknown): boolean =>
  typeof body === 'object' && body !== null && Object.keys(body).some((k) => TOKEN_FIELDS.has(k));

export function requestBlock(x: DemoExchange): SafeHtml {
  return html`<p><code>${x.method} ${x.url}</code></p>
    <pre class="sent">${x.sent}</pre>`;
}

export function responseBlock(x: DemoExchange, testId: string): SafeHtml {
  return html`<p>→ <strong class="${x.status < 400 ? 'ok' : 'bad'}" data-testid="${testId}-status">HTTP ${x.status}</strong></p>
    <pre class="json" data-testid="${testId}">${x.body === '' ? '（本文なし / empty body）' : shownJson(x.body, false)}</pre>
    ${
      hasTokens(x.body)
        ? html`<details class="reveal">
          <summary>トークンを表示 / Reveal the tokens</summary>
          <pre class="json">${shownJson(x.body, true)}</pre>
        </details>`
        : html``
    }`;
}

export const exchangeBlock = (x: DemoExchange, testId: string): SafeHtml =>
  html`<div class="exchange">${requestBlock(x)} ${responseBlock(x, testId)}</div>`;

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
