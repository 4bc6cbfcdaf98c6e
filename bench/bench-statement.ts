import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createAppCore } from '../main/app-core.ts';
import { KeytarVault } from '../main/auth/keytar-vault.ts';
import { localBankProfile } from '../main/bank-profiles.ts';
import { dispatch } from '../main/ipc-dispatch.ts';
import type { TransactionQuery } from '../shared/ipc/contract.ts';
import { startTestBank } from '../test/support/test-bank.ts';
import { linkCorporateOverHttp } from '../test/support/unsynced-ledger.ts';
import { writeGeneratedLedger } from './generated-ledger.ts';
import type { AppCoreHandlers } from '../shared/ipc/contract.ts';

/**
 * The 明細 view's queries over CORP9000's ~100,000 rows, as the renderer asks them (through the
 * validating dispatcher): a 200-row page near the start, the middle and the end, newest or oldest
 * first, with and without a remarks filter, amounts alone and with a search or dates (first page
 * and the middle), the count included, each beside the floor measured in the same run (200 rows
 * read by primary key). Then the same on a generated ledger of 1,000,000 rows (BENCH_LEDGER_ROWS),
 * 摘要 searches of 1, 2 and 3+ characters included, the first filter by amount after a write or a
 * start on its own (timeFirstScan) and the opening of that ledger, core start to the 口座 screen's
 * data (timeAccountsScreen). Targets (issues 11 and 24): every query under 10 ms at 100,000 rows,
 * under 50 ms at 1,000,000 from the first one; opening < 1 s at 1,000,000. Run: npm run bench:statement
 */
const RUNS = 7;
const GENERATED_ROWS = Number(process.env.BENCH_LEDGER_ROWS ?? 1_000_000);
const KEYCHAIN_SERVICE = 'bankdemo-bench-statement';

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const bank = await startTestBank();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-bench-statement-'));
const core = await createAppCore({
  dataDir,
  shell: 'browser',
  vault: new KeytarVault(KEYCHAIN_SERVICE),
  builtInProfile: { ...localBankProfile(bank.issuer), local: false },
  openExternal: async (url) => void linkCorporateOverHttp(bank, url, 'CORP9000', 'Corp-Pass-9'),
  syncIntervalMs: 0,
});
try {
  const linked = await dispatch(core.handlers, 'connections:connect', { channel: 'corporate' });
  if (!linked.ok) throw new Error(`link failed: ${JSON.stringify(linked.error)}`);
  const syncStarted = performance.now();
  await dispatch(core.handlers, 'sync:run', {});
  const accounts = await core.handlers['accounts:list'](undefined);
  const rows = accounts.reduce((n, a) => n + a.transactionCount, 0);
  const shop = accounts.reduce((a, b) => (b.transactionCount > a.transactionCount ? b : a));
  console.log(
    `CORP9000 synced: ${rows.toLocaleString('en')} rows in ${accounts.length} accounts ` +
      `(${((performance.now() - syncStarted) / 1000).toFixed(1)} s); the shop's account has ${shop.transactionCount.toLocaleString('en')}`,
  );

  // The sync wrote the days' columns with its pages: the first filter reads them, builds nothing.
  await timeFirstScan(core.handlers, 'right after the sync (its pages wrote the days’ columns)', 10);

  const cases: Array<[string, TransactionQuery]> = [];
  for (const offset of [0, 50_000, 99_800]) {
    for (const order of ['asc', 'desc'] as const) {
      cases.push([`all accounts, ${order}, offset ${offset}`, { order, offset }]);
      cases.push([`shop account, ${order}, offset ${offset}`, { accountId: shop.id, order, offset }]);
    }
  }
  const last = async (query: TransactionQuery) => {
    const first = await core.handlers['statements:query']({ offset: 0, limit: 1, order: 'asc', ...query });
    return Math.max(0, first.total - 200);
  };
  for (const text of ['ﾌﾘｺﾐ', 'でんき', 'きゅうよ']) {
    const range = { text, order: 'desc', dateFrom: '2025-01-01' } as const;
    cases.push([`text ${text}, offset 0`, { text }]);
    cases.push([`text ${text}, last page`, { text, offset: await last({ text }) }]);
    cases.push([`text ${text}, desc, from 2025-01-01, offset 0`, range]);
    cases.push([`text ${text}, desc, from 2025-01-01, last page`, { ...range, offset: await last(range) }]);
  }
  cases.push(['deposits ≥ ¥100,000, offset 0', { type: '1', minAmount: 100_000 }]);
  // Amounts with a search or dates, and a page deep in an amount filter: the scan's cases.
  const middle = async (query: TransactionQuery) => {
    const first = await core.handlers['statements:query']({ offset: 0, limit: 1, order: 'asc', ...query });
    return Math.floor(first.total / 2);
  };
  const amountAndText = { text: 'ﾌﾘｺﾐ', minAmount: 10_000, order: 'desc' } as const;
  const amountAndDates = { minAmount: 10_000, dateFrom: '2025-01-01', order: 'desc' } as const;
  cases.push(['ﾌﾘｺﾐ and ≥ ¥10,000, offset 0', amountAndText]);
  cases.push(['ﾌﾘｺﾐ and ≥ ¥10,000, middle', { ...amountAndText, offset: await middle(amountAndText) }]);
  cases.push([
    '≥ ¥10,000 from 2025-01-01, middle',
    { ...amountAndDates, offset: await middle(amountAndDates) },
  ]);
  cases.push([
    'deposits ≥ ¥100,000, middle',
    { type: '1', minAmount: 100_000, offset: await middle({ type: '1', minAmount: 100_000 }) },
  ]);

  // The floor, measured on the same ledger file in this run: the cheapest read of 200 rows there is —
  // the first 200 of one account in primary-key order, no filter, no count, no dispatch.
  const ledgerFile = new Database(path.join(dataDir, 'ledger.sqlite'), { readonly: true });
  const bare = ledgerFile.prepare(
    'SELECT * FROM transactions WHERE account_id = ? ORDER BY item_key LIMIT 200',
  );
  const floorTimes: number[] = [];
  for (let i = 0; i < RUNS * 3; i++) {
    const t = performance.now();
    bare.all(Number(shop.id));
    floorTimes.push(performance.now() - t);
  }
  ledgerFile.close();
  const floor = median(floorTimes);
  console.log(`floor: 200 rows of one account by primary key, no count: ${floor.toFixed(2)} ms`);

  await timeQueries(core.handlers, cases, floor, 10);

  // The same queries on a generated ledger ten times CORP9000's size.
  const generatedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-bench-generated-'));
  try {
    const written = performance.now();
    const { accountIds } = writeGeneratedLedger(generatedDir, GENERATED_ROWS);
    console.log(
      `\ngenerated ledger: ${GENERATED_ROWS.toLocaleString('en')} rows in 3 accounts, written through the ` +
        `app's write path in ${((performance.now() - written) / 1000).toFixed(1)} s`,
    );
    const openGenerated = async () => {
      const started = performance.now();
      const opened = await createAppCore({
        dataDir: generatedDir,
        shell: 'browser',
        vault: new KeytarVault(KEYCHAIN_SERVICE),
        builtInProfile: { ...localBankProfile(bank.issuer), local: false },
        openExternal: async () => {},
        syncIntervalMs: 0,
      });
      await timeAccountsScreen(opened.handlers, started);
      return opened;
    };
    const generated = await openGenerated();
    try {
      await timeFirstScan(generated.handlers, 'the moment the app opened it', 50);
      const big: Array<[string, TransactionQuery]> = [];
      // The start, middle and last page of all accounts and of one (a third of the rows).
      const oneAccount = Math.ceil(GENERATED_ROWS / accountIds.length);
      const offsets = (rows: number) => [0, Math.floor(rows / 2), rows - 200];
      for (const order of ['asc', 'desc'] as const) {
        for (const offset of offsets(GENERATED_ROWS))
          big.push([`all accounts, ${order}, offset ${offset}`, { order, offset }]);
        for (const offset of offsets(oneAccount))
          big.push([`one account, ${order}, offset ${offset}`, { accountId: accountIds[0]!, order, offset }]);
      }
      for (const text of ['ｷ', 'ﾃﾞﾝ', 'ﾌﾘｺﾐ', 'ｳﾘｱｹﾞ', 'すずき', 'ｼｻﾞｲ1', 'zzz']) {
        big.push([`text ${text}, offset 0`, { text, order: 'desc' }]);
        big.push([`text ${text}, offset 20,000`, { text, order: 'desc', offset: 20_000 }]);
      }
      // The middle of the widest search: as deep as a page can be from either end.
      const wide = await generated.handlers['statements:query']({
        text: 'ﾌﾘｺﾐ',
        order: 'asc',
        offset: 0,
        limit: 1,
      });
      big.push(['text ﾌﾘｺﾐ, middle', { text: 'ﾌﾘｺﾐ', order: 'desc', offset: Math.floor(wide.total / 2) }]);
      big.push(['deposits ≥ ¥10,000, offset 0', { type: '1', minAmount: 10_000, order: 'desc' }]);
      const total = async (query: TransactionQuery) =>
        (await generated.handlers['statements:query']({ offset: 0, limit: 1, order: 'asc', ...query })).total;
      const deposits = { type: '1', minAmount: 10_000, order: 'desc' } as const;
      big.push([
        'deposits ≥ ¥10,000, middle',
        { ...deposits, offset: Math.floor((await total(deposits)) / 2) },
      ]);
      const amountAndText = { text: 'ﾌﾘｺﾐ', minAmount: 10_000, order: 'desc' } as const;
      big.push(['ﾌﾘｺﾐ and ≥ ¥10,000, offset 0', amountAndText]);
      big.push(['ﾌﾘｺﾐ and ≥ ¥10,000, offset 80,000', { ...amountAndText, offset: 80_000 }]);
      big.push([
        'ﾌﾘｺﾐ and ≥ ¥10,000, middle',
        { ...amountAndText, offset: Math.floor((await total(amountAndText)) / 2) },
      ]);
      big.push([
        '≥ ¥10,000 from a year ago, offset 0',
        { minAmount: 10_000, dateFrom: dateYearAgo(), order: 'desc' },
      ]);
      big.push([
        'one account, from a year ago, offset 0',
        { accountId: accountIds[1]!, dateFrom: dateYearAgo(), order: 'desc' },
      ]);
      await timeQueries(generated.handlers, big, floor, 50);
    } finally {
      await generated.close();
    }
    const reopened = await openGenerated();
    try {
      // As a user comes to it: 明細 opened and an amount typed, a couple of seconds after 口座 painted.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      await timeFirstScan(
        reopened.handlers,
        '2 s after the app opened it again (the days read in the background)',
        50,
      );
    } finally {
      await reopened.close();
    }
  } finally {
    fs.rmSync(generatedDir, { recursive: true, force: true });
  }
} finally {
  await core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  await bank.dispose();
}

/**
 * The first filter by amount after rows were written or the app started: it reads the days'
 * columns the scan needs (statement-columns.ts), which the pages that wrote the rows wrote too —
 * nothing is built on a first filter any more (issue 24: every query under the target from the
 * first one). The medians below are of the scans that follow; this first one is printed on its
 * own, with its target, not hidden in a median.
 */
async function timeFirstScan(handlers: AppCoreHandlers, when: string, targetMs: number): Promise<void> {
  const started = performance.now();
  const result = await dispatch(handlers, 'statements:query', { minAmount: 1, limit: 200 });
  if (!result.ok) throw new Error(`first scan: ${JSON.stringify(result.error)}`);
  const took = performance.now() - started;
  console.log(
    `first filter by amount ${when}: ${took.toFixed(1)} ms — target < ${targetMs} ms: ${took < targetMs ? 'met' : 'NOT met'}`,
  );
}

/**
 * Opening the ledger: from the core's start (createAppCore: the migrations' check, the stores, the
 * work it starts) until every call the 口座 screen makes on opening has answered — the data it
 * paints; the paint itself is bench:ui's. Issue 24: < 1 s at 1,000,000 rows, so nothing at start
 * may read every row.
 */
async function timeAccountsScreen(handlers: AppCoreHandlers, started: number): Promise<void> {
  const core = performance.now() - started;
  const calls = [
    dispatch(handlers, 'connections:list', undefined),
    dispatch(handlers, 'accounts:list', undefined),
    dispatch(handlers, 'accounts:groups-list', undefined),
    dispatch(handlers, 'settings:get', undefined),
    dispatch(handlers, 'app:info-get', undefined),
    dispatch(handlers, 'reports:reconciliation-get', undefined),
  ];
  for (const result of await Promise.all(calls)) {
    if (!result.ok) throw new Error(`口座: ${JSON.stringify(result.error)}`);
  }
  const took = performance.now() - started;
  console.log(
    `opened: core start → 口座's data answered ${took.toFixed(0)} ms (the core ${core.toFixed(0)} ms) — ` +
      `target < 1000 ms: ${took < 1000 ? 'met' : 'NOT met'}`,
  );
}

/** Times each query through the validating dispatcher and prints it beside the floor and the target. */
async function timeQueries(
  handlers: AppCoreHandlers,
  cases: Array<[string, TransactionQuery]>,
  floor: number,
  targetMs: number,
): Promise<void> {
  console.log('query (200 rows + count)                              median   max   total  rows  × floor');
  const medians: number[] = [];
  for (const [name, query] of cases) {
    const times: number[] = [];
    let answer: { total: number; rows: unknown[] } | undefined;
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      const result = await dispatch(handlers, 'statements:query', { limit: 200, ...query });
      times.push(performance.now() - t);
      if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
      answer = result.value as { total: number; rows: unknown[] };
    }
    medians.push(median(times));
    console.log(
      `${name.padEnd(52)} ${median(times).toFixed(1).padStart(6)} ms ${Math.max(...times)
        .toFixed(1)
        .padStart(5)} ` +
        `${String(answer!.total).padStart(7)} ${String(answer!.rows.length).padStart(5)} ` +
        `${(median(times) / floor).toFixed(0).padStart(7)}×`,
    );
  }
  const slowest = Math.max(...medians);
  console.log(
    `slowest query: ${slowest.toFixed(1)} ms median (${(slowest / floor).toFixed(0)}× the floor) — ` +
      `target < ${targetMs} ms: ${slowest < targetMs ? 'met' : 'NOT met'}`,
  );
}

function dateYearAgo(): string {
  return new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
}
