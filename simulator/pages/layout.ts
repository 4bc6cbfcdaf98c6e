import { html, type SafeHtml } from './html.ts';
import type { Locale } from './messages.ts';
import { messages } from './messages.ts';
import { bankNameIn } from './bank-identity.ts';

export interface PageOptions {
  locale: Locale;
  title: string;
  body: SafeHtml;
  /** Where the stylesheet is served from: the certificate listener has its own origin. */
  assetBase?: string;
  /** Full-width sheet, for tables (the QA console). */
  wide?: boolean;
}

/** The frame every bank page shares: the bank's header, the notice that this is the bank's site, a footer. */
export function renderPage({ locale, title, body, assetBase = '', wide = false }: PageOptions): string {
  const t = messages[locale].layout;
  const bankName = bankNameIn(locale);
  return (
    '<!doctype html>\n' +
    html`<html lang="${locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} | ${bankName}</title>
        <link rel="stylesheet" href="${assetBase}/assets/bank.css" />
    <link rel="icon" href="data:," />
      </head>
      <body>
        <header class="bank-header">
          <span class="bank-logo" aria-hidden="true">${[...bankName][0]}</span>
          <span class="bank-name">${bankName}</span>
          <span class="service-name">${t.serviceName}</span>
        </header>
        <main class="sheet${wide ? ' wide' : ''}">
          <h1>${title}</h1>
          ${body}
        </main>
        <footer class="bank-footer">${t.copyright}</footer>
      </body>
    </html>`.value
  );
}
