import type { Page } from '@playwright/test';
import type { PageElement } from './page-element.ts';

declare const document: { querySelector(selector: string): PageElement | null };

/** A row of 明細 as the list shows it: its index in the ledger's order, its date and amounts as text. */
export interface RowInView {
  index: number;
  date: string | null;
  deposit: string | null;
  withdrawal: string | null;
}

/**
 * The rows inside the list's view (a row cut by the view's edge by a pixel is not counted): how
 * many are still placeholders (読み込み中), and the rows shown.
 */
export function statementRowsInView(page: Page): Promise<{ loading: number; rows: RowInView[] }> {
  return page.evaluate(() => {
    const scroller = document.querySelector('.statement-scroll')!;
    const view = scroller.getBoundingClientRect();
    const visible = [...scroller.querySelectorAll('[role="row"]')].filter((row) => {
      const r = row.getBoundingClientRect();
      return r.bottom > view.top + 1 && r.top < view.bottom - 1;
    });
    return {
      loading: visible.filter((row) => row.dataset.testid === 'statement-row-loading').length,
      rows: visible
        .filter((row) => row.dataset.testid === 'statement-row')
        .map((row) => ({
          // aria-rowindex counts from 1 and the header row is the first.
          index: Number(row.getAttribute('aria-rowindex')) - 2,
          date: row.querySelector('.date')!.textContent,
          deposit: row.querySelector('.deposit')!.textContent,
          withdrawal: row.querySelector('.withdrawal')!.textContent,
        })),
    };
  });
}
