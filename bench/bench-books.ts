import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAppCore } from '../main/app-core.ts';
import { KeytarVault } from '../main/auth/keytar-vault.ts';
import { localBankProfile } from '../main/bank-profiles.ts';
import { createBooks } from '../main/books/books-handlers.ts';
import { reportsHandlers } from '../main/handlers/reports-handlers.ts';
import { dispatch } from '../main/ipc-dispatch.ts';
import { DATABASE_FILE, openAppDatabase } from '../main/store/app-database.ts';
import { SettingsStore } from '../main/store/settings-store.ts';
import { ruleAsSaved, type RuleInput } from '../shared/ipc/books-contract.ts';
import { startTestBank } from '../test/support/test-bank.ts';
import { linkCorporateOverHttp } from '../test/support/unsynced-ledger.ts';
import { applyRulesInOneStatement, differences } from './books-floor.ts';
import { benchPassword, defineBenchCustomer } from './qa-customers.ts';

/**
 * The bookkeeping over CORP9000's ~100,000 synced lines (or MILLION's 999,370):
 *  1. the 自動登録 rules applied to every new line (matches decided, entries and reviews written, the
 *     lines taken out of the review queue), beside the floor: the same matches in one SQL statement,
 *     then a statement per table writing the same rows (books-floor.ts) — target within 2×; the
 *     first round checks that both wrote the same rows, line by line; beside it, printed, the same
 *     application as ルール's 適用 runs it (books:rules-apply: slices of ~10 ms, the 推測 count after);
 *  2. the review queue's first page (100 lines, counts included) with all lines new, after the rules,
 *     and with nearly every line registered — target < 50 ms;
 *  3. a 弥生 export of every entry that made (~100,000) — target < 2 s;
 *  4. the 残高試算表 over those entries (every entry's two sides summed per title, B/S and P/L, with
 *     前月繰越) — target < 100 ms — and over the last fiscal year alone;
 *  5. a page of the 総勘定元帳 (100 lines of the bank account, from the middle of the period, its
 *     running balance included) — target < 50 ms;
 *  6. the 仕訳帳's search as 電子帳簿保存法 asks for it: a 取引日 range (the last year), an amount
 *     range and part of a 取引先, combined, its first page of 200 with the count and sum — target
 *     < 50 ms;
 *  7. 未消込: the open 売掛金 per 取引先 over every entry on 売掛金 (the catch-all rules book every
 *     ﾌﾘｺﾐ 入金 against it), derived from the journal with the settlement links — printed, no target
 *     in the issue.
 * Each round copies the synced ledger into a fresh folder, app and floor alternating; medians. The
 * machine's load average is printed before the first round and after the last.
 * Run: npm run bench:books (BENCH_ROUNDS, default 3; BENCH_LOGIN=CORP0001 for a small smoke run,
 * BENCH_LOGIN=MILLION for the million-line customer of bench/qa-customers.ts, defined in the bank
 * through its QA API first). The bank runs in this process on a free port, and stops once synced.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const LOGIN = process.env.BENCH_LOGIN ?? 'CORP9000';
const PASSWORD = benchPassword(LOGIN);
const KEYCHAIN_SERVICE = 'bankdemo-bench-books';

/** Added for the export only: with them, every line of the shop's account makes an entry. */
const CATCH_ALL: RuleInput[] = [
  { keyword: 'ﾌﾘｺﾐ', match: 'prefix', type: '1', titleCode: 'receivables', taxCode: 'none', action: 'auto' },
  { keyword: 'ﾌﾘｺﾐ', match: 'prefix', type: '2', titleCode: 'payables', taxCode: 'none', action: 'auto' },
];

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${value.toFixed(1)} ms`;

const bank = await startTestBank();
let bankRunning = true;
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-bench-books-'));
const core = await createAppCore({
  dataDir,
  shell: 'browser',
  vault: new KeytarVault(KEYCHAIN_SERVICE),
  builtInProfile: { ...localBankProfile(bank.issuer), local: false },
  openExternal: async (url) => void linkCorporateOverHttp(bank, url, LOGIN, PASSWORD),
  syncIntervalMs: 0,
});
const rounds: string[] = [];
try {
  await defineBenchCustomer(bank.issuer, LOGIN);
  const linked = await dispatch(core.handlers, 'connections:connect', { channel: 'corporate' });
  if (!linked.ok) throw new Error(`link failed: ${JSON.stringify(linked.error)}`);
  const synced = await dispatch(core.handlers, 'sync:run', {});
  const failed = synced.ok
    ? (synced.value as Array<{ accounts: Array<{ error?: unknown }> }>).flatMap((o) =>
        o.accounts.flatMap((a) => (a.error ? [a.error] : [])),
      )
    : [synced.error];
  if (failed.length > 0) throw new Error(`${LOGIN}'s sync failed: ${JSON.stringify(failed)}`);
  // The bank's work is done: the rounds run without it in the process.
  bankRunning = false;
  await bank.dispose();
  // Every starter rule as 自動登録: they win the shop's card/QR takings and transfer fees (~60%).
  const starters = await core.handlers['books:rules-list'](undefined);
  for (const rule of starters) {
    await core.handlers['books:rules-save']({ ...ruleAsSaved(rule), action: 'auto' });
  }
  const { counts } = await core.handlers['books:queue-query']({ status: 'unreviewed', offset: 0, limit: 1 });
  console.log(
    `${LOGIN} synced: ${counts.unreviewed.toLocaleString('en')} lines, all 未処理; ${starters.length} 自動登録 rules`,
  );
  await core.close();
  console.log(`load average (1 / 5 / 15 min) before the rounds: ${load()}`);

  const copy = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-bench-books-round-'));
    rounds.push(dir);
    fs.copyFileSync(path.join(dataDir, DATABASE_FILE), path.join(dir, DATABASE_FILE));
    return openAppDatabase(dir);
  };

  const app: number[] = [];
  const sliced: number[] = [];
  const floor: number[] = [];
  const firstPage: number[] = [];
  const firstPageAfter: number[] = [];
  const firstPageNearlyAll: number[] = [];
  let left = 0;
  const exports: number[] = [];
  let registered = 0;
  let floorWon = 0;
  let exported = 0;
  const trialAll: number[] = [];
  const trialYear: number[] = [];
  const ledgerPage: number[] = [];
  let trialEntries = 0;
  let yearEntries = 0;
  let ledgerLines = 0;
  const search: number[] = [];
  let searchFound = 0;
  let searchCounterparty = '';
  const openItems: number[] = [];
  let openLines = 0;
  let compared = '';
  for (let round = 0; round < ROUNDS; round++) {
    const floorDb = copy();
    const floorFile = path.join(rounds.at(-1)!, DATABASE_FILE);
    let t = performance.now();
    floorWon = applyRulesInOneStatement(floorDb);
    floor.push(performance.now() - t);
    floorDb.close();

    // The same application as ルール's 適用 runs it: in slices of ~10 ms (main/tasks/), the app
    // answering other calls between them, then the 推測 count.
    const slicedDb = copy();
    t = performance.now();
    const inSlices = await createBooks(slicedDb).handlers['books:rules-apply'](undefined);
    sliced.push(performance.now() - t);
    slicedDb.close();
    fs.rmSync(rounds.at(-1)!, { recursive: true, force: true });
    if (inSlices.registered !== floorWon)
      throw new Error(`in slices the app registered ${inSlices.registered} lines, the floor won ${floorWon}`);

    const db = copy();
    const books = createBooks(db);
    const page = async () => {
      const t0 = performance.now();
      const result = await dispatch(books.handlers as never, 'books:queue-query', {
        status: 'unreviewed',
        limit: 100,
      });
      if (!result.ok) throw new Error(JSON.stringify(result.error));
      return performance.now() - t0;
    };
    firstPage.push(await page());
    t = performance.now();
    registered = books.journal.applyRules().registered;
    app.push(performance.now() - t);
    if (round === 0) compared = sameRows(db, floorFile);
    else fs.rmSync(path.dirname(floorFile), { recursive: true, force: true });
    firstPageAfter.push(await page());

    for (const rule of CATCH_ALL) await books.handlers['books:rules-save'](rule);
    books.journal.applyRules();
    // Nearly every line registered: the page must not walk past them.
    firstPageNearlyAll.push(await page());
    left = (await books.handlers['books:queue-query']({ status: 'unreviewed', offset: 0, limit: 1 })).counts
      .unreviewed;
    t = performance.now();
    const file = await books.handlers['books:export']({
      target: 'yayoi',
      dateFrom: '2000-01-01',
      dateTo: '2099-12-31',
    });
    exports.push(performance.now() - t);
    exported = file.entries;

    const reports = reportsHandlers(db, new SettingsStore(db));
    const span = db
      .prepare(
        `SELECT min(v.entry_date) AS first, max(v.entry_date) AS last, count(*) AS n
         FROM book_entries e JOIN book_entry_versions v ON v.entry_id = e.id AND v.version = e.version
         WHERE e.deleted = 0`,
      )
      .get() as { first: string; last: string; n: number };
    const yearFrom = `${Number(span.last.slice(0, 4)) - 1}${span.last.slice(4, 8)}01`;
    trialEntries = span.n;
    yearEntries = (
      db
        .prepare(
          `SELECT count(*) AS n FROM book_entries e
           JOIN book_entry_versions v ON v.entry_id = e.id AND v.version = e.version
           WHERE e.deleted = 0 AND v.entry_date >= ?`,
        )
        .get(yearFrom) as { n: number }
    ).n;
    t = performance.now();
    const all = await reports['reports:trial-balance-get']({ dateFrom: span.first, dateTo: span.last });
    trialAll.push(performance.now() - t);
    if (!all.balanced) throw new Error('the 試算表 does not balance');
    t = performance.now();
    await reports['reports:trial-balance-get']({ dateFrom: yearFrom, dateTo: span.last });
    trialYear.push(performance.now() - t);
    const bankTitle = all.sections[0]!.rows.find((r) => r.titleCode.endsWith('_deposit'))!.titleCode;
    const head = await reports['reports:ledger-query']({
      titleCode: bankTitle,
      dateFrom: span.first,
      dateTo: span.last,
      offset: 0,
      limit: 1,
    });
    ledgerLines = head.total;
    t = performance.now();
    await reports['reports:ledger-query']({
      titleCode: bankTitle,
      dateFrom: span.first,
      dateTo: span.last,
      offset: Math.floor(head.total / 2),
      limit: 100,
    });
    ledgerPage.push(performance.now() - t);

    // The 取引先 most entries name, part of it typed, as a user searching would.
    const busiest = db
      .prepare(
        `SELECT v.counterparty FROM book_entries e
         JOIN book_entry_versions v ON v.entry_id = e.id AND v.version = e.version
         WHERE e.deleted = 0 AND v.counterparty <> '' GROUP BY v.counterparty ORDER BY count(*) DESC LIMIT 1`,
      )
      .pluck()
      .get() as string | undefined;
    searchCounterparty = (busiest ?? '').slice(0, 4);
    t = performance.now();
    const found = await books.handlers['books:entries-query']({
      dateFrom: yearFrom,
      dateTo: span.last,
      amountMin: 1_000,
      amountMax: 1_000_000,
      ...(searchCounterparty ? { counterparty: searchCounterparty } : {}),
      offset: 0,
      limit: 200,
    });
    search.push(performance.now() - t);
    searchFound = found.total;

    openLines = db
      .prepare("SELECT count(*) FROM journal_lines WHERE title_code = 'receivables'")
      .pluck()
      .get() as number;
    t = performance.now();
    await books.handlers['books:open-items-get']({ titleCode: 'receivables', includeSettled: false });
    openItems.push(performance.now() - t);
    db.close();
  }
  if (registered !== floorWon)
    throw new Error(`the app registered ${registered} lines, the floor won ${floorWon}`);

  console.log(`load average (1 / 5 / 15 min) after the rounds: ${load()}`);
  console.log(compared);
  const ratio = median(app) / median(floor);
  console.log(
    `1. rules over ${registered.toLocaleString('en')} won lines: app ${ms(median(app))} (match, entry, review, queue), floor ${ms(median(floor))} (match in one SQL statement, then one a table) — ${ratio.toFixed(2)}× (target ≤ 2×: ${ratio <= 2 ? 'met' : 'NOT met'})`,
  );
  console.log(
    `   the same in slices as ルール's 適用 runs it (books:rules-apply, ~10 ms each, the 推測 count after): ${ms(median(sliced))} — ${(median(sliced) / median(floor)).toFixed(2)}× the floor`,
  );
  const worstPage = Math.max(median(firstPage), median(firstPageAfter), median(firstPageNearlyAll));
  console.log(
    `2. review queue, first page of 100 with counts: ${ms(median(firstPage))} all 未処理, ${ms(median(firstPageAfter))} after the rules, ${ms(median(firstPageNearlyAll))} with ${left.toLocaleString('en')} left 未処理 (target < 50 ms: ${worstPage < 50 ? 'met' : 'NOT met'})`,
  );
  console.log(
    `3. 弥生 export of every entry, ${exported.toLocaleString('en')} entries: ${ms(median(exports))} (target < 2,000 ms: ${median(exports) < 2000 ? 'met' : 'NOT met'})`,
  );
  console.log(
    `4. 残高試算表, a year's (the last, ${yearEntries.toLocaleString('en')} entries): ${ms(median(trialYear))} (target < 100 ms: ${median(trialYear) < 100 ? 'met' : 'NOT met'}); over all ${trialEntries.toLocaleString('en')} entries: ${ms(median(trialAll))} (target < 100 ms: ${median(trialAll) < 100 ? 'met' : 'NOT met'})`,
  );
  console.log(
    `5. 総勘定元帳, a page of 100 from the middle of ${ledgerLines.toLocaleString('en')} lines with its running balance: ${ms(median(ledgerPage))} (target < 50 ms: ${median(ledgerPage) < 50 ? 'met' : 'NOT met'})`,
  );
  console.log(
    `6. 仕訳帳 search, the last year × ¥1,000–1,000,000 × 取引先 「${searchCounterparty}」, first page of 200 of ${searchFound.toLocaleString('en')} found with count and sum: ${ms(median(search))} (target < 50 ms: ${median(search) < 50 ? 'met' : 'NOT met'})`,
  );
  console.log(
    `7. 未消込, the open 売掛金 per 取引先 over ${openLines.toLocaleString('en')} lines on 売掛金: ${ms(median(openItems))} (no target in the issue)`,
  );
} finally {
  await core.close().catch(() => {});
  for (const dir of [dataDir, ...rounds]) fs.rmSync(dir, { recursive: true, force: true });
  if (bankRunning) await bank.dispose();
}

/**
 * The rows the app's rule application wrote (entries, lines, reviews, the queue left, the day
 * totals) against the floor's in `floorFile`, line by line; throws on the first difference, else
 * says what was compared (the floor's copy then goes: a million lines' ledger is a gigabyte).
 */
function sameRows(db: ReturnType<typeof openAppDatabase>, floorFile: string): string {
  db.prepare('ATTACH DATABASE ? AS floor').run(floorFile);
  try {
    const summary = (schema: string) =>
      db
        .prepare(
          `SELECT (SELECT count(*) FROM ${schema}.book_entries) AS entries,
             (SELECT count(*) FROM ${schema}.book_entry_lines) AS lines,
             (SELECT coalesce(sum(amount), 0) FROM ${schema}.book_entry_lines WHERE side = 'debit') AS debits,
             (SELECT count(*) FROM ${schema}.line_reviews) AS reviews,
             (SELECT count(*) FROM ${schema}.books_queue) AS queued`,
        )
        .get() as Record<string, number>;
    const [ours, theirs] = [summary('main'), summary('floor')];
    const differing = differences(db, 'floor');
    const said = (s: Record<string, number>) =>
      `${s.entries!.toLocaleString('en')} entries, ${s.lines!.toLocaleString('en')} lines (debits ¥${s.debits!.toLocaleString('en')}), ${s.reviews!.toLocaleString('en')} reviews, ${s.queued!.toLocaleString('en')} left in the queue`;
    if (differing > 0 || JSON.stringify(ours) !== JSON.stringify(theirs))
      throw new Error(
        `app and floor wrote different rows (${differing}): app ${said(ours)}; floor ${said(theirs)}`,
      );
    return `app and floor wrote the same rows, line by line (first round): ${said(ours)} each`;
  } finally {
    db.prepare('DETACH DATABASE floor').run();
    fs.rmSync(path.dirname(floorFile), { recursive: true, force: true });
  }
}
