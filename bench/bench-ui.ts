import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { startApp } from '../test/e2e/support/app-shell.ts';
import {
  accountsPainted,
  drag,
  pageLoaded,
  fastScroll,
  shownText,
  timeLastKeystroke,
  timeNavigation,
  timeQueueFirstPage,
} from './ui-probes.ts';
import { writeGeneratedLedger } from './generated-ledger.ts';
import { CHROMIUM_ARGS } from '../test/support/chromium-customer.ts';
import { startTestBank } from '../test/support/test-bank.ts';
import { linkCorporateOverHttp } from '../test/support/unsynced-ledger.ts';

/**
 * What the user sees of the 明細 screen at CORP9000's ~100,000 rows, in Chromium on the browser
 * shell (the real renderer and core, the real bank, a fresh ledger synced first):
 *  - navigation 口座 → 明細 until its rows are painted (target < 200 ms);
 *  - the last keystroke of a 摘要 search until the filtered rows are painted (target < 100 ms);
 *  - a fast scroll: frame times (no frame > 50 ms) and the share of frames that show 読み込み中
 *    rows (target < 10 %);
 *  - a drag of the scrollbar's thumb from the top to the bottom in 3 s (issue 26; DRAG_REPEATS,
 *    default 5): the share of frames whose view is not filled with rows — 読み込み中 or not drawn
 *    yet — (target < 10 %), here and on a generated ledger of 1,000,000 rows (BENCH_LEDGER_ROWS);
 *  - 帳簿 opened until the 仕訳待ち's first page of the ~100,000 未処理 lines is painted (< 200 ms);
 *  - a 自動登録 rule saved from the ルール form (ｳﾘｱｹﾞ, ~60 % of the lines) until its confirmation
 *    says what it did to the ~100,000 waiting lines: saving applies it at once (< 10 s).
 * Each is timed inside the page (performance.now and requestAnimationFrame: the first frame after
 * the rows are in the DOM is the one that paints them), repeated, and the median printed beside the
 * target. Run: npm run bench:ui (BENCH_REPEATS, default 7; BENCH_SCROLL_FRAMES, default 180).
 */
const REPEATS = Number(process.env.BENCH_REPEATS ?? 7);
const DRAG_REPEATS = Number(process.env.DRAG_REPEATS ?? 5);
const DRAG_MS = 3000;
const GENERATED_ROWS = Number(process.env.BENCH_LEDGER_ROWS ?? 1_000_000);
const SCROLL_FRAMES = Number(process.env.BENCH_SCROLL_FRAMES ?? 180);
/** Pixels a frame during the fast scroll: ~80 rows of 36 px, a hard fling of the mouse wheel. */
const SCROLL_STEP = Number(process.env.BENCH_SCROLL_STEP ?? 3000);
const SEARCHES = [
  ['うりあげ', 'ｳﾘｱｹﾞ, 60 % of the rows'],
  ['ふりこみ', 'ﾌﾘｺﾐ, 40 %'],
  ['でんき', 'ﾃﾞﾝｷ, 1 %'],
  ['かーど', 'ｶ-ﾄﾞ, 20 %'],
] as const;

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (n: number) => `${n.toFixed(0)} ms`;

const bank = await startTestBank();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-bench-ui-'));
const app = await startApp({ dataDir, issuer: bank.issuer });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: CHROMIUM_ARGS,
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'ja-JP' });
  await page.goto(app.url);
  await linkAndSync(page);
  const nav = (name: string) => page.getByRole('navigation').getByRole('button', { name, exact: true });

  const navigation: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    await nav('口座').click();
    await page.getByTestId('account-group').first().waitFor();
    navigation.push(await page.evaluate(timeNavigation));
  }

  const searches: Array<[string, number]> = [];
  const remarks = page.getByLabel('摘要');
  for (const [typed, label] of SEARCHES) {
    const times: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      await remarks.fill('');
      await page.waitForFunction(shownText, '');
      // The keys before the last, as a fast typist presses them (their answers may still be coming).
      await remarks.pressSequentially(typed.slice(0, -1), { delay: 60 });
      times.push(await page.evaluate(timeLastKeystroke, typed));
    }
    searches.push([`${typed} (${label})`, median(times)]);
  }
  await remarks.fill('');

  const frameMax: number[] = [];
  const frameMedian: number[] = [];
  const placeholderShare: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    // A fresh screen each time: no page of the last run is kept.
    await nav('口座').click();
    await nav('明細').click();
    await page.getByTestId('statement-row').first().waitFor();
    const run = await page.evaluate(fastScroll, { frames: SCROLL_FRAMES, step: SCROLL_STEP });
    frameMax.push(Math.max(...run.frames));
    frameMedian.push(median(run.frames));
    placeholderShare.push(run.withPlaceholders / run.frames.length);
  }

  // 帳簿's first start asks which chart of accounts the books keep: answered once (CORP9000 is a
  // company), before anything is timed, as a shop owner does once.
  await nav('帳簿').click();
  const companyChart = page
    .getByRole('button')
    .filter({ has: page.locator('strong', { hasText: /^法人$/ }) });
  await page.getByRole('tablist').or(companyChart).waitFor();
  if (await companyChart.isVisible()) await companyChart.click();
  await page.getByRole('tablist').waitFor();

  const queueFirstPage: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    await nav('口座').click();
    await page.getByTestId('account-group').first().waitFor();
    queueFirstPage.push(await page.evaluate(timeQueueFirstPage));
  }
  const ruleApplied = await saveRuleApplied(page);

  const drags = [
    [`drag at ${(100_010).toLocaleString('en')}+ rows (CORP9000)`, await dragRuns(page)],
  ] as Array<[string, DragFigures]>;

  const line = (what: string, value: string, target: string, met: boolean) =>
    console.log(
      `${what.padEnd(52)} ${value.padStart(9)}   target ${target.padEnd(8)} ${met ? 'met' : 'NOT met'}`,
    );
  console.log(`\nmedians of ${REPEATS} repeats, 1280×800 window, Chromium ${browser.version()}`);
  line(
    '明細 opened until its rows are painted',
    ms(median(navigation)),
    '< 200 ms',
    median(navigation) < 200,
  );
  for (const [name, value] of searches)
    line(`last keystroke → rows painted: ${name}`, ms(value), '< 100 ms', value < 100);
  line(
    `fast scroll (${SCROLL_STEP} px/frame, ${SCROLL_FRAMES} frames): longest frame`,
    ms(median(frameMax)),
    '≤ 50 ms',
    median(frameMax) <= 50,
  );
  console.log(`${'  (median frame)'.padEnd(52)} ${ms(median(frameMedian)).padStart(9)}`);
  const share = median(placeholderShare);
  line(
    '帳簿 opened until 仕訳待ち’s first page is painted',
    ms(median(queueFirstPage)),
    '< 200 ms',
    median(queueFirstPage) < 200,
  );
  line(
    `rule saved → applied to ${ruleApplied.lines} waiting lines`,
    ms(ruleApplied.ms),
    '< 10 s',
    ruleApplied.ms < 10_000,
  );
  line('fast scroll: frames showing 読み込み中 rows', `${(share * 100).toFixed(1)} %`, '< 10 %', share < 0.1);
  const generated = await generatedRuns();
  drags.push([`drag at ${GENERATED_ROWS.toLocaleString('en')} rows (generated)`, generated.drag]);
  for (const [name, figures] of drags) printDrag(name, figures, line);
  line(
    `${GENERATED_ROWS.toLocaleString('en')} rows opened: core start → 口座 painted`,
    ms(generated.opened),
    '< 1 s',
    generated.opened < 1000,
  );
  console.log(
    `${'  (of it, the page loading until DOMContentLoaded)'.padEnd(52)} ${ms(generated.pageLoad).padStart(9)}`,
  );
} finally {
  await browser.close();
  await app.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  await bank.dispose();
}

/** Links CORP9000 through the app's 口座を連携 (the bank's screens over HTTP) and waits for its rows. */
async function linkAndSync(page: Page): Promise<void> {
  const opened = async () =>
    (await (await page.request.get(`${app.origin}/test-hook/opened-urls`)).json()) as string[];
  const before = (await opened()).length;
  await page.getByRole('main').getByRole('button', { name: '口座を連携' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '法人（WEB-FB）' }).click();
  let url: string | undefined;
  while (!(url = (await opened())[before])) await page.waitForTimeout(100);
  await linkCorporateOverHttp(bank, url, 'CORP9000', 'Corp-Pass-9');
  const started = performance.now();
  await page
    .getByTestId('account-group')
    .getByText(/100,0\d\d件/)
    .waitFor({ timeout: 120_000 });
  console.log(`CORP9000 linked and synced in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** A 自動登録 rule saved from its form; the time until its confirmation reports the application. */
async function saveRuleApplied(page: Page): Promise<{ ms: number; lines: string }> {
  await page.getByRole('tab', { name: '仕訳待ち' }).click();
  const waiting = (await page.getByRole('button', { name: /^未処理/ }).textContent())!
    .replace('未処理', '')
    .trim();
  await page.getByRole('tab', { name: 'ルール' }).click();
  const form = page.getByRole('form', { name: '新しいルール' });
  await form.getByLabel('キーワード').fill('ｳﾘｱｹﾞ');
  await form.getByLabel('勘定科目').selectOption({ label: '売上高' });
  await form.getByRole('radio', { name: '自動登録' }).check();
  const started = performance.now();
  await form.getByRole('button', { name: '保存' }).click();
  await page
    .getByTestId('rule-saved')
    .getByText(/件を自動登録/)
    .waitFor({ timeout: 120_000 });
  return { ms: performance.now() - started, lines: waiting };
}

interface DragFigures {
  notFilled: number;
  placeholders: number;
  longestFrame: number;
}

/** DRAG_REPEATS drags from the top to the bottom in DRAG_MS, each on a fresh 明細 screen; medians. */
async function dragRuns(page: Page): Promise<DragFigures> {
  const nav = (name: string) => page.getByRole('navigation').getByRole('button', { name, exact: true });
  const notFilled: number[] = [];
  const placeholders: number[] = [];
  const longest: number[] = [];
  for (let i = 0; i < DRAG_REPEATS; i++) {
    await nav('口座').click();
    await nav('明細').click();
    await page.getByTestId('statement-row').first().waitFor();
    const run = await page.evaluate(drag, { ms: DRAG_MS });
    notFilled.push(run.notFilled / run.checked);
    placeholders.push(run.withPlaceholders / run.checked);
    longest.push(Math.max(...run.frames));
  }
  return { notFilled: median(notFilled), placeholders: median(placeholders), longestFrame: median(longest) };
}

/**
 * A generated ledger of GENERATED_ROWS rows in an app of its own: its opening — from the core's
 * start (the app's log says when: `core.started`, before the ledger is opened) until the 口座
 * screen's first frame with its accounts, the page loaded as the shell's window loads it (issue
 * 24: < 1 s at 1,000,000 rows) — then the drag.
 */
async function generatedRuns(): Promise<{ opened: number; pageLoad: number; drag: DragFigures }> {
  const generatedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-bench-ui-generated-'));
  try {
    writeGeneratedLedger(generatedDir, GENERATED_ROWS);
    // The window before the app: the shell's window is there when its core starts.
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'ja-JP' });
    const generated = await startApp({ dataDir: generatedDir, issuer: bank.issuer });
    try {
      await page.goto(generated.url, { waitUntil: 'commit' });
      const painted = await page.evaluate(accountsPainted);
      const log = fs.readFileSync(path.join(generatedDir, 'logs', 'bankdemo.log'), 'utf8');
      const started = /"time":"([^"]+)","level":"info","event":"core\.started"/.exec(log);
      if (!started) throw new Error('no core.started in the app’s log');
      const loaded = await page.evaluate(pageLoaded);
      return { opened: painted - Date.parse(started[1]!), pageLoad: loaded, drag: await dragRuns(page) };
    } finally {
      await generated.stop();
    }
  } finally {
    fs.rmSync(generatedDir, { recursive: true, force: true });
  }
}

function printDrag(
  name: string,
  figures: DragFigures,
  line: (what: string, value: string, target: string, met: boolean) => void,
) {
  const pct = (n: number) => `${(n * 100).toFixed(1)} %`;
  line(`${name}: frames not filled with rows`, pct(figures.notFilled), '< 10 %', figures.notFilled < 0.1);
  console.log(`${'  (of them with 読み込み中 rows)'.padEnd(52)} ${pct(figures.placeholders).padStart(9)}`);
  console.log(`${'  (longest frame)'.padEnd(52)} ${ms(figures.longestFrame).padStart(9)}`);
}
