import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBooks, type Books } from '../../main/books/books-handlers.ts';
import { openBooksStores } from '../../main/store/books/books-stores.ts';
import type { NewEntry } from '../../main/store/books/book-rows.ts';
import { EntryStore } from '../../main/store/books/entry-store.ts';
import { RuleStore } from '../../main/store/books/rule-store.ts';
import { ruleChoice } from '../../main/books/journal-service.ts';
import { chooseRule } from '../../main/books/rule-matcher.ts';
import { matchTransfers } from '../../main/books/transfer-matcher.ts';
import type { BankTransaction } from '../../main/connectors/bank-connector.ts';
import { openAppDatabase, type AppDatabase } from '../../main/store/app-database.ts';
import { StatementWriter } from '../../main/store/statement-writer.ts';
import type { RuleInput } from '../../shared/ipc/books-contract.ts';
import { linkOrdinaryAndChecking } from '../support/books-ledger.ts';
import { asWritten } from '../support/entry-sides.ts';

/**
 * Rule application writes set-based (main/store/books/batch-registration.ts): the matcher decides per
 * kind of line and SQL copies the decision onto the lines. Here it must register exactly what
 * deciding line by line would: on a ledger of a 普通 and a 当座 account written through the sync's
 * write path, with remarks that fold alike but print differently, rules that win by amount range,
 * a 推測 rule that holds lines an 自動登録 rule would take, and lines reviewed before — in batches
 * that end anywhere.
 */

const dirs: string[] = [];
const open: AppDatabase[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Remarks as banks print them; the first two pairs fold alike (ｶ-ﾄﾞ / カード). */
const REMARKS_IN = ['ｳﾘｱｹﾞ ｶ-ﾄﾞ', 'ウリアゲ カード', 'ｳﾘｱｹﾞ QR', 'ﾘｿｸ', 'ﾌﾘｺﾐ ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ'];
const REMARKS_OUT = [
  'ﾌﾘｺﾐ ｶ)ﾀﾅｶｼｻﾞｲ',
  'ﾌﾘｺﾐ ｽｽﾞｷ ﾊﾅｺ',
  'ｺｳｻﾞﾌﾘｶｴ ﾃﾞﾝｷﾘﾖｳｷﾝ',
  'ｺｳｻﾞﾌﾘｶｴ　ﾃﾞﾝｷﾘﾖｳｷﾝ',
  'ﾌﾘｺﾐﾃｽｳﾘﾖｳ',
  'ATM',
];

function ledger(linesPerAccount: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-rule-application-'));
  dirs.push(dir);
  const db = openAppDatabase(dir);
  open.push(db);
  const accounts = linkOrdinaryAndChecking(db);
  const writer = new StatementWriter(db);
  let random = 7;
  const next = () => (random = (random * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  // The 当座's amounts are a yen off the 普通's: the same amounts both ways in two accounts would be
  // own-account transfers, held for review (bulk-registration.test.ts), not what this ledger tests.
  for (const [index, account] of accounts.entries()) {
    const page: BankTransaction[] = [];
    for (let i = 0; i < linesPerAccount; i++) {
      const deposit = next() < 0.5;
      const list = deposit ? REMARKS_IN : REMARKS_OUT;
      const date = new Date(Date.UTC(2026, 0, 1 + Math.floor(i / 20))).toISOString().slice(0, 10);
      page.push({
        itemKey: String(i).padStart(8, '0'),
        transactionDate: date,
        valueDate: date,
        transactionType: deposit ? '1' : '2',
        amount: String([500, 30_000, 99_999, 100_000, 250_000][Math.floor(next() * 5)]! + index),
        remarks: list[Math.floor(next() * list.length)]!,
        balance: '0',
      });
    }
    writer.writePage(account.id, page, { runDateFrom: '2026-01-01', nextItemKey: null });
  }
  return { db, books: createBooks(db, { now: () => new Date('2026-11-30T00:00:00Z') }) };
}

const RULES: RuleInput[] = [
  // Wins the card takings, written either way (spaces and widths fold away), over the starter
  // 推測 rule ｳﾘｱｹﾞ: a longer prefix. The more specific 推測 rule below holds the QR takings.
  { keyword: 'ｳﾘｱｹﾞ ｶ', match: 'prefix', titleCode: 'sales', taxCode: 'sales10', action: 'auto' },
  {
    keyword: 'ｳﾘｱｹﾞ QR',
    match: 'exact',
    type: '1',
    titleCode: 'sales',
    taxCode: 'sales10',
    action: 'suggest',
  },
  // 取引先 read from the remarks (no counterparty), memo the remarks as printed.
  { keyword: 'ﾌﾘｺﾐ', match: 'prefix', type: '2', titleCode: 'payables', taxCode: 'none', action: 'auto' },
  {
    keyword: 'ﾃﾞﾝｷﾘﾖｳｷﾝ',
    match: 'suffix',
    titleCode: 'utilities',
    taxCode: 'purchase10',
    counterparty: 'デモ電力',
    memo: '電気代',
    action: 'auto',
  },
  {
    keyword: 'ﾌﾘｺﾐ',
    match: 'prefix',
    type: '1',
    titleCode: 'receivables',
    taxCode: 'none',
    subTitle: 'ヤマダ商事',
    action: 'auto',
  },
];
/** Amounts decide: 振込 over 100,000 go to 未払金, those of exactly 100,000 are held for review. */
const RANGED: RuleInput[] = [
  {
    keyword: 'ﾌﾘｺﾐ',
    match: 'prefix',
    type: '2',
    minAmount: 100_001,
    titleCode: 'accrued',
    taxCode: 'none',
    action: 'auto',
  },
  {
    keyword: 'ﾌﾘｺﾐ',
    match: 'prefix',
    type: '2',
    minAmount: 100_000,
    maxAmount: 100_000,
    titleCode: 'payables',
    taxCode: 'none',
    action: 'suggest',
  },
];

type Registered = { accountId: number; itemKey: string; entry: NewEntry };

/**
 * What registering line by line would write: each 未処理 line's winning rule, if 自動登録, and its
 * entry — less the lines the transfer matcher pairs across the two accounts, held for 振替.
 */
function expectedRegistrations(books: Books, db: AppDatabase): Registered[] {
  const lines = openBooksStores(db).lines;
  const rules = new RuleStore(db).list();
  const accounts = new Map(lines.accounts().map((a) => [a.id, a]));
  const keys = db
    .prepare('SELECT account_id AS accountId, item_key AS itemKey FROM books_queue ORDER BY 1, 2')
    .all() as { accountId: number; itemKey: string }[];
  const queued = keys.map(({ accountId, itemKey }) => lines.line(accountId, itemKey)!);
  const transfers = new Set(
    matchTransfers(queued.map((l) => ({ ...l, accountId: String(l.accountId) }))).flatMap(({ from, to }) => [
      `${from.accountId}/${from.itemKey}`,
      `${to.accountId}/${to.itemKey}`,
    ]),
  );
  const expected: Registered[] = [];
  for (const { accountId, itemKey } of keys) {
    if (transfers.has(`${accountId}/${itemKey}`)) continue;
    const line = lines.line(accountId, itemKey)!;
    const rule = chooseRule(rules, line)?.rule;
    if (rule?.action !== 'auto') continue;
    const entry = books.journal.entryFor(line, accounts.get(accountId)!, ruleChoice(rule));
    expected.push({ accountId, itemKey, entry });
  }
  return expected;
}

/** What rule application wrote: each line a rule registered and its entry, as before it had an id. */
function writtenRegistrations(db: AppDatabase): Registered[] {
  const rows = db
    .prepare(
      `SELECT a.id AS accountId, r.item_key AS itemKey, r.entry_id AS entryId FROM line_reviews r
       JOIN accounts a ON a.bank_account_id = r.bank_account_id
       JOIN book_entries e ON e.id = r.entry_id JOIN book_entry_versions v ON v.entry_id = e.id AND v.version = e.version
       WHERE r.status = 'registered' AND v.rule_id IS NOT NULL ORDER BY 1, 2`,
    )
    .all() as { accountId: number; itemKey: string; entryId: number }[];
  const store = new EntryStore(db);
  return rows.map(({ accountId, itemKey, entryId }) => {
    const entry = store.get(entryId)!;
    expect(entry.id).toBe(entryId);
    return { accountId, itemKey, entry: asWritten(entry) };
  });
}

describe.each([
  ['rules without amount ranges', RULES],
  ['rules with amount ranges (amounts decide)', [...RULES, ...RANGED]],
])('rule application, %s', (_name, rules) => {
  it.each([
    ['one batch', undefined],
    ['batches of 37 lines', 37],
  ])('registers exactly what deciding line by line would, in %s', async (_batches, batchSize) => {
    const { db, books } = ledger(1_500);
    for (const rule of rules) await books.handlers['books:rules-save'](rule);
    // Lines reviewed before: an ignored 振込 and a registered card taking stay as they are.
    const queue = await books.handlers['books:queue-query']({ status: 'unreviewed', offset: 0, limit: 400 });
    const ignored = queue.rows.filter((l) => l.remarks.startsWith('ﾌﾘｺﾐ')).slice(0, 25);
    await books.handlers['books:lines-ignore']({
      lines: ignored.map(({ accountId, itemKey }) => ({ accountId, itemKey })),
    });
    const card = queue.rows.find((l) => l.remarks === 'ｳﾘｱｹﾞ ｶ-ﾄﾞ')!;
    await books.handlers['books:lines-register']({
      lines: [{ accountId: card.accountId, itemKey: card.itemKey }],
      titleCode: 'misc_income',
      taxCode: 'sales10',
    });
    const entriesBefore = (await books.handlers['books:entries-query']({ offset: 0, limit: 10 })).rows;

    const expected = expectedRegistrations(books, db);
    expect(expected.length).toBeGreaterThan(1_000);
    // Every rule above speaks for some line, and the 推測 ones hold lines back.
    expect(new Set(expected.map((r) => r.entry.ruleId)).size).toBe(
      rules.filter((r) => r.action === 'auto').length,
    );

    const batches: number[] = [];
    const { registered } = books.journal.applyRules({
      onBatch: (done) => batches.push(done),
      ...(batchSize ? { batchSize } : {}),
    });
    expect(registered).toBe(expected.length);
    expect(writtenRegistrations(db)).toEqual(expected);
    if (batchSize) expect(batches.length).toBe(Math.ceil((3_000 - 26) / batchSize));

    // Reviewed lines untouched, the queue is exactly the lines no review names, entries one per line.
    const store = new EntryStore(db);
    for (const entry of entriesBefore) expect(store.get(entry.id)).toEqual(entry);
    const counts = db
      .prepare(
        `SELECT (SELECT count(*) FROM books_queue) AS queued,
           (SELECT count(*) FROM transactions t JOIN accounts a ON a.id = t.account_id
            WHERE NOT EXISTS (SELECT 1 FROM line_reviews r
                              WHERE r.bank_account_id = a.bank_account_id AND r.item_key = t.item_key)) AS unreviewed,
           (SELECT count(*) FROM book_entries) AS entries,
           (SELECT count(DISTINCT entry_id) FROM line_reviews WHERE status = 'registered') AS registeredEntries`,
      )
      .get() as Record<string, number>;
    expect(counts.queued).toBe(counts.unreviewed);
    expect(counts.entries).toBe(expected.length + 1);
    expect(counts.registeredEntries).toBe(expected.length + 1);

    // A second application finds nothing left to win.
    expect(books.journal.applyRules().registered).toBe(0);
  });
});
