import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { writeGeneratedLedger } from '../../bench/generated-ledger.ts';
import { DATABASE_FILE } from '../../main/store/app-database.ts';
import { formatLedgerDate, formatYen } from '../../renderer/src/i18n/format.ts';
import { startApp, type RunningApp } from '../e2e/support/app-shell.ts';
import { bank, screen } from './bank-e2e.ts';
import type { PageElement } from './page-element.ts';
import { statementRowsInView } from './statement-rows-in-view.ts';

/**
 * 明細 over 1,000,000 rows (issue 26): 36M px of rows, past the ~33.5M px Chromium lays out. Every
 * row is reachable: the bottom of the scrollbar shows the last row and its middle the middle row —
 * each the very row the ledger's SQLite file holds at that place in the order shown (newest first),
 * by date and amount — and a wheel tick there moves the rows as far as it scrolls.
 */
test.describe.configure({ mode: 'serial' });

declare const document: { querySelector(selector: string): PageElement | null };

test.use({ viewport: { width: 1280, height: 800 } });

const ROWS = 1_000_000;
const ROW_HEIGHT = 36;
let app: RunningApp;
let dataDir: string;
let db: Database.Database;

test.beforeAll(async () => {
  // Writing a million rows through the app's write path takes a minute or two on a busy machine.
  test.setTimeout(600_000);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-million-app-'));
  writeGeneratedLedger(dataDir, ROWS);
  db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  app = await startApp({ dataDir, issuer: bank.issuer });
});
test.afterAll(async () => {
  db?.close();
  await app?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Rows `first..last` as the file holds them in the order 明細 shows by default (newest first). */
function fileRows(first: number, last: number) {
  return db
    .prepare(
      `SELECT transaction_date AS date, type, amount FROM transactions
       ORDER BY transaction_date DESC, account_id DESC, seq DESC LIMIT ? OFFSET ?`,
    )
    .all(last - first + 1, first) as Array<{ date: string; type: '1' | '2'; amount: number }>;
}

/**
 * Moves the scrollbar to `share` of its length (0 = top, 1 = bottom), as a jump of the thumb does;
 * gives the view's height then (a banner coming or going later changes it, not the rows' offset).
 */
async function scrollTo(page: Page, share: number): Promise<number> {
  return page.evaluate((to) => {
    const scroller = document.querySelector('.statement-scroll')!;
    scroller.scrollTop = Math.round((scroller.scrollHeight - scroller.clientHeight) * to);
    return scroller.clientHeight;
  }, share);
}

/** The rows in view once they are all there, each checked against the file's row at its index. */
async function rowsInViewMatchingTheFile(page: Page) {
  // Filled: no 読み込み中, and rows drawn over the view (not yet, the scroll's frame still to come).
  const filled = async () => {
    const view = await statementRowsInView(page);
    return view.loading === 0 && view.rows.length >= 8;
  };
  await expect.poll(filled, { timeout: 5_000 }).toBe(true);
  const { rows } = await statementRowsInView(page);
  const expected = fileRows(rows[0]!.index, rows.at(-1)!.index);
  expect(rows).toEqual(
    expected.map((row, i) => ({
      index: rows[0]!.index + i,
      date: formatLedgerDate(row.date, 'ja'),
      deposit: row.type === '1' ? formatYen(row.amount, 'ja') : '',
      withdrawal: row.type === '2' ? formatYen(row.amount, 'ja') : '',
    })),
  );
  return rows;
}

test('the bottom of the scrollbar shows the last of a million rows, the file’s last in the order shown, and the top the first', async ({
  page,
}, testInfo) => {
  await page.goto(app.url);
  await page.getByRole('navigation').getByRole('button', { name: '明細' }).click();
  await expect(page.getByTestId('statement-count')).toHaveText(`${ROWS.toLocaleString('ja-JP')}件`);
  await expect(page.getByTestId('statement-row').first()).toBeVisible();

  await scrollTo(page, 1);
  const bottom = await rowsInViewMatchingTheFile(page);
  expect(bottom.at(-1)!.index).toBe(ROWS - 1);
  await screen(page, testInfo, '70-statements-million-bottom');

  await scrollTo(page, 0);
  expect((await rowsInViewMatchingTheFile(page))[0]!.index).toBe(0);
});

test('the middle of the scrollbar shows the middle of a million rows, and a wheel tick there moves them by its own 360 px', async ({
  page,
}, testInfo) => {
  await page.goto(app.url);
  await page.getByRole('navigation').getByRole('button', { name: '明細' }).click();
  await expect(page.getByTestId('statement-row').first()).toBeVisible();

  const view = await scrollTo(page, 0.5);
  // The view's middle is the content's (row 500,000's top edge), give or take the 2.4 px one pixel
  // of the scrollbar stands for here: the first row in view is half a view above it.
  const top = Math.floor(((ROWS * ROW_HEIGHT) / 2 - view / 2) / ROW_HEIGHT);
  const first = (await rowsInViewMatchingTheFile(page))[0]!.index;
  expect(first).toBeGreaterThanOrEqual(top - 1);
  expect(first).toBeLessThanOrEqual(top + 1);
  await screen(page, testInfo, '71-statements-million-middle');

  const firstBefore = (await statementRowsInView(page)).rows[0]!;
  await page.getByTestId('statement-table').hover();
  await page.mouse.wheel(0, 10 * ROW_HEIGHT);
  await expect
    .poll(async () => (await statementRowsInView(page)).rows[0]?.index, { timeout: 5_000 })
    .toBe(firstBefore.index + 10);
  await rowsInViewMatchingTheFile(page);
});
