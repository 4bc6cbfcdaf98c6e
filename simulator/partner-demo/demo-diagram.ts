import { html, type SafeHtml } from '../pages/html.ts';

/**
 * Who talks to whom, as inline SVG (no external resource, no script). The arrows carry the step
 * numbers of the page; the ones already done are drawn solid (class `done`, styled in bank.css).
 */
const ACTORS = [
  { x: 20, ja: 'お客さま（ブラウザ）', en: 'Customer (browser)' },
  { x: 290, ja: '連携先サーバー', en: "Partner's server (this demo)" },
  { x: 560, ja: 'デモ信用金庫', en: 'The bank (auth server + API)' },
] as const;

const ARROWS: { step: number; from: number; to: number; ja: string }[] = [
  { step: 1, from: 1, to: 0, ja: '認可リクエストへ誘導' },
  { step: 2, from: 0, to: 2, ja: 'ログイン・アクセス許可' },
  { step: 3, from: 2, to: 1, ja: 'コールバック（code, state, iss）' },
  { step: 4, from: 1, to: 2, ja: 'トークン交換（client_secret, code_verifier）' },
  { step: 5, from: 2, to: 1, ja: 'トークンレスポンス' },
  { step: 6, from: 1, to: 2, ja: 'API（口座・残高・明細）' },
  { step: 7, from: 1, to: 2, ja: '更新・解除' },
];

const centre = (i: number): number => ACTORS[i]!.x + 110;

export function renderDiagram(done: (step: number) => boolean): SafeHtml {
  const top = 70;
  const gap = 34;
  const height = top + ARROWS.length * gap + 10;
  return html`<figure class="demo-diagram">
    <svg viewBox="0 0 800 ${height}" role="img" aria-label="登場人物とやりとりの図 / Who talks to whom">
      <defs>
        <marker id="arrow-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" class="arrow-head" />
        </marker>
      </defs>
      ${ACTORS.map(
        (a, i) => html`<g class="actor">
          <rect x="${a.x}" y="4" width="220" height="48" rx="6" />
          <text x="${a.x + 110}" y="24" text-anchor="middle">${a.ja}</text>
          <text x="${a.x + 110}" y="42" text-anchor="middle" class="en">${a.en}</text>
          <line x1="${centre(i)}" y1="52" x2="${centre(i)}" y2="${height}" class="lifeline" />
        </g>`,
      )}
      ${ARROWS.map((a, i) => {
        const y = top + i * gap;
        const x1 = centre(a.from);
        const x2 = centre(a.to);
        return html`<g class="message${done(a.step) ? ' done' : ''}" data-step="${a.step}">
          <line x1="${x1}" y1="${y}" x2="${x2}" y2="${y}" marker-end="url(#arrow-head)" />
          <text x="${(x1 + x2) / 2}" y="${y - 6}" text-anchor="middle">${a.step}. ${a.ja}</text>
        </g>`;
      })}
    </svg>
  </figure>`;
}
