import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { createAppCore } from '../main/app-core.ts';
import { localBankProfile } from '../main/bank-profiles.ts';
import { dispatch } from '../main/ipc-dispatch.ts';
import { startApp } from '../test/e2e/support/app-shell.ts';
import { CHROMIUM_ARGS } from '../test/support/chromium-customer.ts';
import { startTestBank } from '../test/support/test-bank.ts';
import { writeGeneratedLedger } from './generated-ledger.ts';
import { drag } from './ui-probes.ts';

/**
 * Where the time of a scrollbar drag through 明細 goes (issue 26), on a generated ledger of
 * BENCH_LEDGER_ROWS rows (default 100,010): the core's answer for a page, the same call through the
 * browser shell's bridge from the page, and during a drag the bridge calls made, how many were in
 * flight at once, how long each took, how many answered for rows no longer in view, and the time
 * from a scroll to React's commit of the rows. Run: node bench/drag-anatomy.ts (after build:renderer).
 */
const ROWS = Number(process.env.BENCH_LEDGER_ROWS ?? 100_010);
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? NaN;
const p90 = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length * 0.9)] ?? NaN;
const f = (n: number) => n.toFixed(1);

const bank = await startTestBank();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-drag-anatomy-'));
let started = performance.now();
writeGeneratedLedger(dataDir, ROWS);
console.log(`ledger of ${ROWS} rows written in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const core = await createAppCore({
  dataDir,
  shell: 'browser',
  builtInProfile: { ...localBankProfile(bank.issuer), local: false },
  openExternal: async () => {},
  syncIntervalMs: 0,
});
for (const limit of [500, 60]) {
  const handler: number[] = [];
  const dispatched: number[] = [];
  const json: number[] = [];
  for (let i = 0; i < 40; i++) {
    const query = { order: 'desc' as const, offset: Math.floor(Math.random() * (ROWS - limit)), limit };
    started = performance.now();
    await core.handlers['ledger:transactions'](query);
    handler.push(performance.now() - started);
    started = performance.now();
    const answer = await dispatch(core.handlers, 'ledger:transactions', query);
    dispatched.push(performance.now() - started);
    started = performance.now();
    JSON.stringify(answer);
    json.push(performance.now() - started);
  }
  console.log(
    `core, ${limit} rows at a random offset: handler ${f(median(handler))} ms, through dispatch (zod) ${f(median(dispatched))} ms, JSON.stringify ${f(median(json))} ms (medians of 40)`,
  );
}
await core.close();

const app = await startApp({ dataDir, issuer: bank.issuer });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: CHROMIUM_ARGS,
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'ja-JP' });
  // Every bridge call the page makes, timed around fetch, with where the view was when it answered.
  await page.addInitScript(() => {
    const w = window as unknown as {
      calls: Array<{ start: number; end: number; offset: number; limit: number; viewFirst: number }>;
    };
    w.calls = [];
    const original = window.fetch.bind(window);
    window.fetch = async (input, init) => {
      if (String(input).endsWith('/bridge/invoke') && typeof init?.body === 'string') {
        const body = JSON.parse(init.body) as { channel: string; args?: { offset?: number; limit?: number } };
        if (body.channel === 'ledger:transactions') {
          const call = {
            start: performance.now(),
            end: 0,
            offset: body.args?.offset ?? 0,
            limit: body.args?.limit ?? 200,
            viewFirst: 0,
          };
          const res = await original(input, init);
          const text = await res.text();
          call.end = performance.now();
          const scroller = document.querySelector('.statement-scroll');
          call.viewFirst = scroller ? Math.floor(scroller.scrollTop / 36) : 0;
          w.calls.push(call);
          return new Response(text, { status: res.status, headers: res.headers });
        }
      }
      return original(input, init);
    };
  });
  await page.goto(app.url);
  await page.getByRole('navigation').getByRole('button', { name: '明細' }).click();
  await page.getByTestId('statement-row').first().waitFor();

  for (const [label, args] of [
    ['app:info (no work)', { channel: 'app:info', args: undefined }],
    ['ledger:transactions 500 rows', { channel: 'ledger:transactions', limit: 500 }],
    ['ledger:transactions 60 rows', { channel: 'ledger:transactions', limit: 60 }],
  ] as const) {
    const times = await page.evaluate(
      async ({ channel, limit, rows }) => {
        const bridge = (
          window as unknown as { bankdemo: { invoke(c: string, a: unknown): Promise<unknown> } }
        ).bankdemo;
        const out: number[] = [];
        for (let i = 0; i < 40; i++) {
          const args = limit
            ? { order: 'desc', offset: Math.floor(Math.random() * (rows - limit)), limit }
            : undefined;
          const t = performance.now();
          await bridge.invoke(channel, args);
          out.push(performance.now() - t);
        }
        return out;
      },
      { channel: args.channel, limit: 'limit' in args ? args.limit : 0, rows: ROWS },
    );
    console.log(`round trip from the page, ${label}: median ${f(median(times))} ms, p90 ${f(p90(times))} ms`);
  }

  for (let run = 0; run < 3; run++) {
    await page.getByRole('navigation').getByRole('button', { name: '口座' }).click();
    await page.getByRole('navigation').getByRole('button', { name: '明細' }).click();
    await page.getByTestId('statement-row').first().waitFor();
    await page.evaluate(() => {
      const w = window as unknown as { calls: unknown[]; commits: number[] };
      w.calls = [];
      w.commits = [];
      const scroller = document.querySelector('.statement-scroll')!;
      let scrolledAt = -1;
      scroller.addEventListener('scroll', () => (scrolledAt = performance.now()), { capture: true });
      new MutationObserver(() => {
        if (scrolledAt >= 0) w.commits.push(performance.now() - scrolledAt);
        scrolledAt = -1;
      }).observe(scroller, { childList: true, subtree: true });
    });
    const result = await page.evaluate(drag, { ms: 3000 });
    await page.waitForTimeout(1500);
    const { calls, commits } = await page
      .evaluate(
        () =>
          window as unknown as {
            calls: Array<{ start: number; end: number; offset: number; limit: number; viewFirst: number }>;
            commits: number[];
          },
      )
      .then(() =>
        page.evaluate(() => {
          const w = window as unknown as {
            calls: Array<{ start: number; end: number; offset: number; limit: number; viewFirst: number }>;
            commits: number[];
          };
          return { calls: w.calls, commits: w.commits };
        }),
      );
    const latency = calls.map((c) => c.end - c.start);
    let maxInFlight = 0;
    for (const c of calls)
      maxInFlight = Math.max(maxInFlight, calls.filter((d) => d.start <= c.start && d.end > c.start).length);
    const stale = calls.filter((c) => c.viewFirst + 25 < c.offset || c.viewFirst > c.offset + c.limit).length;
    const withPh = result.withPlaceholders / result.checked;
    const blank = result.notFilled / result.checked;
    console.log(
      `drag ${run + 1}: ${result.frames.length} frames, ${f(withPh * 100)} % with 読み込み中, ${f(blank * 100)} % not filled with rows; ${calls.length} bridge calls (rows asked ${calls.reduce((n, c) => n + c.limit, 0)}), ` +
        `at most ${maxInFlight} in flight, each ${f(median(latency))} ms median / ${f(p90(latency))} p90 / ${f(Math.max(...latency))} max; ` +
        `${stale} answered for rows no longer in view; scroll → DOM commit ${f(median(commits))} ms median / ${f(p90(commits))} p90; longest frame ${f(Math.max(...result.frames))} ms`,
    );
  }
  await page.screenshot({ path: path.join(os.tmpdir(), 'drag-anatomy-end.png') });
} finally {
  await browser.close();
  await app.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  await bank.dispose();
}
