import type { ParsedUrlQuery } from 'node:querystring';
import { html } from '../pages/html.ts';
import { renderPage } from '../pages/layout.ts';

/**
 * Where the seed's partner clients are sent back to. A partner demo shows here what the partner's
 * server would receive (code or error, state, iss); the code itself is exchanged by the demo's script.
 */
export function renderQaCallback(query: ParsedUrlQuery): string {
  const rows = ['code', 'state', 'iss', 'error', 'error_description']
    .filter((k) => typeof query[k] === 'string')
    .map(
      (k) =>
        html`<tr>
          <th>${k}</th>
          <td><code>${String(query[k])}</code></td>
        </tr>`,
    );
  const body = html`<p>
      外部サービス（連携先）に返された認可レスポンスです。 / The authorization response returned to the
      partner.
    </p>
    <table class="partners">
      ${rows}
    </table>`;
  return renderPage({ locale: 'ja', title: '連携先への戻り（デモ）', body });
}
