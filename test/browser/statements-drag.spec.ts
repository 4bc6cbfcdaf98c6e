import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { writeGeneratedLedger } from '../../bench/generated-ledger.ts';
import { DATABASE_FILE } from '../../main/store/app-database.ts';
import { startApp, type RunningApp } from '../e2e/support/app-shell.ts';
import { bank, screen } from './bank-e2e.ts';
import type { PageElement } from './page-element.ts';
import { statementRowsInView } from './statement-rows-in-view.ts';

/**
 * 明細 dragged through 100,010 rows (issue 26), in an app of its own over a ledger written through
 * the app's own write path: wherever the list lands it shows rows, not 読み込み中, within a short
 * bound, and while it moves it asks only for where it is — the calls out stay few, the positions
 * passed are never asked for.
 */
test.describe.configure({ mode: 'serial' });

declare const document: { querySelector(selector: string): PageElement | null };
declare const window: { bankdemo: { invoke(channel: string, args: unknown): Promise<{ ok: boolean }> } };
declare function requestAnimationFrame(callback: (now: number) => void): number;

test.use({ viewport: { width: 1280, height: 800 } });

const ROWS = 100_010;
let app: RunningApp;
let dataDir: string;
let dates: string[];

test.beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-drag-app-'));
  writeGeneratedLedger(dataDir, ROWS);
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  dates = db
    .prepare('SELECT transaction_date FROM transactions ORDER BY transaction_date DESC')
    .pluck()
    .all() as string[];
  db.close();
  app = await startApp({ dataDir, issuer: bank.issuer });
});
test.afterAll(async () => {
  await app?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/**
 * The page's 明細 calls over its bridge socket (where they go once it is open): how many, how many
 * rows asked, and how many were out at once. Watched from before the page opens, as the socket
 * opens with it.
 */
function watchCalls(page: Page) {
  const calls = { sent: 0, rows: 0, out: 0, mostOut: 0 };
  const statementCalls = new Set<number>();
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => {
      const { id, channel, args } = JSON.parse(String(payload)) as {
        id: number;
        channel: string;
        args: { limit: number };
      };
      if (channel !== 'statements:query') return;
      statementCalls.add(id);
      calls.sent++;
      calls.rows += args.limit;
      calls.mostOut = Math.max(calls.mostOut, ++calls.out);
    });
    socket.on('framereceived', ({ payload }) => {
      const { id } = JSON.parse(String(payload)) as { id: number };
      if (statementCalls.delete(id)) calls.out--;
    });
  });
  return {
    calls,
    /** From now on: the counts start again. */
    reset: () => Object.assign(calls, { sent: 0, rows: 0, mostOut: calls.out }),
  };
}

const shownDate = (date: string) => `${Number(date.slice(0, 4))}/${date.slice(5, 7)}/${date.slice(8, 10)}`;

async function expectRowsInView(page: Page) {
  // A frame or two on a quiet machine; the bound leaves room for a busy one.
  await expect
    .poll(async () => (await statementRowsInView(page)).loading, { timeout: 2_000, intervals: [50] })
    .toBe(0);
  const { rows } = await statementRowsInView(page);
  expect(rows.length).toBeGreaterThanOrEqual(8);
  for (const row of rows) expect(row.date).toContain(shownDate(dates[row.index]!).slice(5));
}

async function openStatements(page: Page) {
  const watched = watchCalls(page);
  await page.goto(app.url);
  await page.getByRole('navigation').getByRole('button', { name: '明細' }).click();
  await expect(page.getByTestId('statement-count')).toHaveText(`${ROWS.toLocaleString('ja-JP')}件`);
  await expect(page.getByTestId('statement-row').first()).toBeVisible();
  return watched;
}

/** Jumps the scrollbar to the middle and to the end: each place shows its rows within the bound. */
async function expectRowsAfterJumps(page: Page) {
  for (const share of [0.5, 1]) {
    await page.evaluate((to) => {
      const scroller = document.querySelector('.statement-scroll')!;
      scroller.scrollTop = (scroller.scrollHeight - scroller.clientHeight) * to;
    }, share);
    await expectRowsInView(page);
  }
}

test('a jump of the scrollbar to the middle and to the end shows that place’s rows, not 読み込み中, within a short bound', async ({
  page,
}) => {
  await openStatements(page);
  await expectRowsAfterJumps(page);
  const { rows } = await statementRowsInView(page);
  expect(rows.at(-1)!.index).toBe(ROWS - 1);
});

test('a drag from the top to the bottom asks only for where the list is: few calls out at once, the places passed never asked', async ({
  page,
}, testInfo) => {
  const watched = await openStatements(page);
  watched.reset();
  const { calls } = watched;
  // 60 frames from the top to the bottom, ~1,700 rows a frame; as in a real drag, the scroll
  // reaches the list before the frame is painted.
  const dragged = page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const scroller = document.querySelector('.statement-scroll')!;
        const bottom = scroller.scrollHeight - scroller.clientHeight;
        let frame = 0;
        const step = () => {
          scroller.scrollTop = Math.round((bottom * ++frame) / 60);
          scroller.dispatchEvent(new Event('scroll'));
          if (frame < 60) requestAnimationFrame(step);
          else resolve();
        };
        requestAnimationFrame(step);
      }),
  );
  await page.waitForTimeout(400);
  await screen(page, testInfo, '69-statements-mid-drag');
  await dragged;
  await expectRowsInView(page);
  // The calls went over the socket; one for the view and the next frames' (as many as an answer
  // takes frames, at most 14) at a time, however long the drag — never a queue. Each frame asks
  // for where the list will be, the ~13 rows in view and a margin for the guess (100–200 rows a
  // frame, a few frames' guesses overlapping — more while answers are slow, as on a busy machine),
  // never the ~1,700 rows a frame passes.
  expect(calls.sent).toBeGreaterThan(0);
  expect(calls.mostOut).toBeLessThanOrEqual(15);
  expect(calls.rows).toBeLessThanOrEqual(ROWS * 0.5);
  testInfo.annotations.push({ type: 'calls', description: JSON.stringify(calls) });
});

test('after new ledger data, the list still reads the rows wherever it is scrolled', async ({ page }) => {
  await openStatements(page);
  // A bank profile saved (as on 設定) tells the screens the links changed: they reload their data, a
  // new data version for 明細, the count kept — as after every sync.
  const reloaded = page.waitForResponse(
    (response) =>
      response.url().endsWith('/bridge/invoke') &&
      (response.request().postDataJSON() as { channel?: string }).channel === 'accounts:groups-list',
  );
  const saved = await page.evaluate(() =>
    window.bankdemo.invoke('profiles:save', {
      name: '別の銀行',
      issuer: 'http://127.0.0.1:4999',
      clientId: 'other-bank',
      apiBase: 'http://127.0.0.1:4999',
    }),
  );
  expect(saved.ok).toBe(true);
  await reloaded;
  await expectRowsAfterJumps(page);
});
