import { describe, expect, it } from 'vitest';
import { createAppCore } from '../../main/app-core.ts';
import { KeytarVault } from '../../main/auth/keytar-vault.ts';
import { localBankProfile } from '../../main/bank-profiles.ts';
import { FinderBackfill } from '../../main/books/finder-backfill.ts';
import { EntryFinder } from '../../main/store/books/entry-finder.ts';
import { JournalQueries } from '../../main/store/books/journal-queries.ts';
import type { AppDatabase } from '../../main/store/app-database.ts';
import type { EntryContent, EntryFilter, QueueLine } from '../../shared/ipc/books-contract.ts';
import { testLedgers, type BankLine } from '../support/books-test-ledger.ts';
import { booksFinder } from '../support/derived-structures.ts';

/**
 * Migration 23's kept data: the 仕訳帳's finder (each live entry's date, 取引先 and amount) and each
 * 取引先's sums on 売掛金/買掛金. The search and the review queue's 消込 proposals read them instead
 * of every line; here they answer exactly what the journal's own reading answers (the same entries
 * in the same order, the same count and sum, the same proposals) on a ledger where the two could
 * differ: corrected and deleted entries, a 取引先 renamed away, amounts at the bounds, several
 * 取引先 matching the typed part, a typed % and _, open, settled and overpaid 取引先. Every test of
 * test/books/ also checks the kept data against a recomputation from the journal after whatever it
 * wrote (books-test-ledger.ts), and the kill tests after a crash (derived-structures.ts).
 */

const ledgers = testLedgers('bankdemo-finder-');

const MIDORI = 'ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ';
const AOBA = 'ｶ)ｱｵﾊﾞｼﾖｳｼﾞ';
const AOBA_KOGYO = 'ｶ)ｱｵﾊﾞｺｳｷﾞﾖｳ';
const ODD = 'ABC%_ｼﾖｳｼﾞ';

const sale = (date: string, amount: number, counterparty: string, memo = '請求'): EntryContent => ({
  date,
  lines: [
    { side: 'debit', titleCode: 'receivables', taxCode: 'none', amount },
    { side: 'credit', titleCode: 'sales', taxCode: 'sales10', amount },
  ],
  counterparty,
  memo,
});
const bill = (date: string, amount: number, counterparty: string): EntryContent => ({
  date,
  lines: [
    { side: 'debit', titleCode: 'purchases', taxCode: 'purchase10', amount },
    { side: 'credit', titleCode: 'payables', taxCode: 'none', amount },
  ],
  counterparty,
  memo: '仕入',
});
/** Two debit lines: the entry's amount is their sum. */
const split = (date: string, a: number, b: number, counterparty: string): EntryContent => ({
  date,
  lines: [
    { side: 'debit', titleCode: 'purchases', taxCode: 'purchase10', amount: a },
    { side: 'debit', titleCode: 'fees', taxCode: 'purchase10', amount: b },
    { side: 'credit', titleCode: 'payables', taxCode: 'none', amount: a + b },
  ],
  counterparty,
  memo: 'abc 複合',
});
const payment = (type: '1' | '2', amount: number, name: string, date: string): BankLine => ({
  type,
  amount,
  remarks: `ﾌﾘｺﾐ ${name}`,
  date,
});

/** Turns the finder off (as on an older ledger not yet read), runs `fn`, and turns it back on. */
function fromJournal<T>(db: AppDatabase, fn: () => T): T {
  const mark = db.prepare('SELECT next_id, last_id FROM book_finder_backfill').get();
  db.prepare('UPDATE book_finder_backfill SET next_id = 1, last_id = 1e12').run();
  expect(new EntryFinder(db).ready()).toBe(false);
  try {
    return fn();
  } finally {
    db.prepare('UPDATE book_finder_backfill SET next_id = :next_id, last_id = :last_id').run(mark);
  }
}

async function interestingLedger() {
  const { db, books, dataDir } = ledgers.create(
    [
      payment('1', 110_000, MIDORI, '2026-10-20'),
      payment('1', 55_000, MIDORI, '2026-11-25'),
      payment('1', 30_000, AOBA, '2026-11-26'),
      payment('2', 40_000, AOBA_KOGYO, '2026-11-27'),
      payment('2', 999, ODD, '2026-11-28'),
      payment('1', 1_000, 'ﾀﾅｶ ﾀﾛｳ', '2026-11-28'),
      { type: '1', amount: 12_345, remarks: 'ｳﾘｱｹﾞ ｶ-ﾄﾞ', date: '2026-11-29' },
    ],
    { runDateFrom: '2026-01-01', tickMs: 1000 },
  );
  const h = books.handlers;
  // 売掛金 of MIDORI (open), AOBA (settled by hand below), 買掛金 of AOBA_KOGYO (open), ODD's.
  const entries = [
    await h['books:entries-add'](sale('2026-10-01', 110_000, MIDORI)),
    await h['books:entries-add'](sale('2026-11-05', 55_000, MIDORI, '追加')),
    await h['books:entries-add'](sale('2026-11-01', 30_000, AOBA)),
    await h['books:entries-add'](bill('2026-11-02', 40_000, AOBA_KOGYO)),
    await h['books:entries-add'](split('2026-11-03', 999_000, 1_000, ODD)),
    await h['books:entries-add'](split('2026-11-04', 999_000, 1_001, 'abc ﾄﾚ-ﾄﾞ')),
    await h['books:entries-add'](bill('2026-11-06', 1_000, 'ABC ﾄﾚ-ﾄﾞ')),
    await h['books:entries-add'](bill('2025-12-31', 5_000, AOBA)),
    await h['books:entries-add'](bill('2026-11-07', 7_000, 'ｶ)ｷｴﾙｼﾖｳｼﾞ')),
  ];
  // AOBA's 30,000 settled by a 振替伝票 typed by hand (no link): its balance on 売掛金 is 0.
  await h['books:entries-add']({
    date: '2026-11-20',
    lines: [
      { side: 'debit', titleCode: 'ordinary_deposit', taxCode: 'none', amount: 30_000 },
      { side: 'credit', titleCode: 'receivables', taxCode: 'none', amount: 30_000 },
    ],
    counterparty: AOBA,
    memo: '入金',
  });
  // Corrections: one moves out of the period, one to another amount, one to another 取引先 (the
  // only entry of ｷｴﾙ: its name then names none); a deletion.
  await h['books:entries-update']({
    id: entries[2]!.id,
    content: sale('2026-11-01', 30_000, AOBA, '訂正'),
    reason: '摘要',
  });
  await h['books:entries-update']({
    id: entries[6]!.id,
    content: bill('2026-11-06', 1_500, 'ABC ﾄﾚ-ﾄﾞ'),
    reason: '金額',
  });
  await h['books:entries-update']({
    id: entries[8]!.id,
    content: bill('2026-11-07', 7_000, AOBA),
    reason: '取引先',
  });
  await h['books:entries-delete']({ id: entries[7]!.id, reason: '重複' });
  // The rest as 自動登録 books it: 出金 ﾌﾘｺﾐ on 買掛金 (settling; ODD overpaid), 入金 of ﾀﾅｶ as sales.
  await h['books:rules-save']({
    keyword: 'ﾌﾘｺﾐ ABC',
    match: 'prefix',
    type: '2',
    titleCode: 'payables',
    taxCode: 'none',
    action: 'auto',
  });
  await h['books:rules-save']({
    keyword: 'ﾌﾘｺﾐ ﾀﾅｶ',
    match: 'prefix',
    type: '1',
    titleCode: 'sales',
    taxCode: 'sales10',
    action: 'auto',
  });
  await h['books:rules-apply'](undefined);
  return { db, dataDir, books, h, entries };
}

const FILTERS: EntryFilter[] = [
  {},
  { dateFrom: '2026-11-01', dateTo: '2026-11-30' },
  { amountMin: 1_000, amountMax: 1_000_000 },
  { dateFrom: '2026-11-01', amountMin: 1_000, amountMax: 1_000_000, counterparty: 'ｱｵﾊﾞ' },
  { counterparty: 'abc' },
  { counterparty: 'ABC%_' },
  { counterparty: '%' },
  { counterparty: '_' },
  { counterparty: 'ｷｴﾙ' },
  { counterparty: 'ﾐﾄﾞﾘ', amountMax: 55_000 },
  { text: 'abc' },
  { text: '訂正', dateTo: '2026-11-30' },
  { titleCode: 'payables', amountMin: 1_000 },
  { titleCode: 'receivables', counterparty: 'ｶ)' },
  { dateFrom: '2027-01-01' },
];

describe('the 仕訳帳 search from the finder', () => {
  it('finds the same entries, in the same order, with the same count and sum, as the journal', async () => {
    const { db } = await interestingLedger();
    const journal = new JournalQueries(db);
    const finder = new EntryFinder(db);
    expect(finder.ready()).toBe(true);
    const kept = EntryFinder.sortedUpTo;
    try {
      // Both plans of a search by 取引先: sorted from the 取引先's index, and in the date index's order.
      for (const sortedUpTo of [0, 20_000]) {
        EntryFinder.sortedUpTo = sortedUpTo;
        for (const filter of FILTERS)
          for (const [offset, limit] of [
            [0, 200],
            [0, 2],
            [1, 3],
            [5, 200],
            [50, 10],
          ] as const) {
            const found = journal.page(filter, offset, limit);
            expect(found, JSON.stringify({ filter, offset, limit, sortedUpTo })).toEqual(
              fromJournal(db, () => journal.page(filter, offset, limit)),
            );
            expect(found).toEqual(journal.pageFromJournal(filter, offset, limit));
          }
      }
    } finally {
      EntryFinder.sortedUpTo = kept;
    }
    for (const filter of FILTERS)
      expect(journal.all(filter)).toEqual(fromJournal(db, () => journal.all(filter)));
    // The ledger is one where the filters differ: not every answer is all or nothing.
    const totals = FILTERS.map((f) => journal.page(f, 0, 1).total);
    expect(new Set(totals).size).toBeGreaterThan(5);
    expect(journal.page({ counterparty: 'ｷｴﾙ' }, 0, 10).total).toBe(0);
    // ODD's bill and its payment, booked by the rule: a typed % and _ are characters, not patterns.
    expect(journal.page({ counterparty: 'ABC%_' }, 0, 10).total).toBe(2);
    expect(
      journal
        .page({ amountMin: 1_000, amountMax: 1_000_000 }, 0, 100)
        .rows.map((e) => e.lines.filter((l) => l.side === 'debit').reduce((s, l) => s + l.amount, 0)),
    ).toContain(1_000_000);
  });
});

describe('the review queue’s 消込 proposals from the 取引先 balances', () => {
  it('proposes exactly what reading every line of the 取引先 proposes, open, settled and overpaid alike', async () => {
    const { db, h } = await interestingLedger();
    const queue = async () =>
      (await h['books:queue-query']({ status: 'unreviewed', offset: 0, limit: 100 })) as {
        rows: QueueLine[];
        total: number;
        counts: Record<string, number>;
      };
    const kept = await queue();
    // Take the finder away for the same page: the journal read line by line.
    const mark = db.prepare('SELECT next_id, last_id FROM book_finder_backfill').get();
    db.prepare('UPDATE book_finder_backfill SET next_id = 1, last_id = 1e12').run();
    const read = await queue();
    db.prepare('UPDATE book_finder_backfill SET next_id = :next_id, last_id = :last_id').run(mark);
    expect(kept).toEqual(read);
    // What the page holds: MIDORI's two payments proposed against its open 売掛金, AOBA's none
    // (settled by hand: its balance is 0), the 出金 of AOBA_KOGYO against its open 買掛金.
    const proposals = Object.fromEntries(kept.rows.map((l) => [`${l.type}${l.amount}`, l.settlement?.kind]));
    expect(proposals).toMatchObject({ '1110000': 'exact', '155000': 'exact', '240000': 'exact' });
    expect(proposals['130000']).toBeUndefined();
    expect(kept.counts).toEqual({ unreviewed: kept.rows.length, registered: 2, ignored: 0 });
  });
});

describe('an older ledger read into the finder in slices', () => {
  it('reads every entry while entries are added, corrected and deleted between slices', async () => {
    const { db, h, entries } = await interestingLedger();
    const finder = new EntryFinder(db);
    const expected = booksFinder(db);
    // As migration 23 leaves a ledger an older version wrote: nothing read yet.
    db.exec(`DELETE FROM book_entry_finder; DELETE FROM book_finder_counterparties;
      DELETE FROM book_counterparty_balances;
      UPDATE book_finder_backfill SET next_id = (SELECT min(id) FROM book_entries),
        last_id = (SELECT max(id) FROM book_entries)`);
    expect(finder.ready()).toBe(false);
    const searched = { dateFrom: '2026-11-01', counterparty: 'ｱｵﾊﾞ' };
    const journal = new JournalQueries(db);
    // Before it is read, the search reads the journal: the same answer.
    expect(journal.page(searched, 0, 100)).toEqual(journal.pageFromJournal(searched, 0, 100));

    expect(finder.backfillSlice(3)).toEqual({ entries: 3, finished: false });
    // Written between slices: a read entry corrected, an unread one corrected and one deleted, a new one.
    await h['books:entries-update']({
      id: entries[0]!.id,
      content: sale('2026-10-01', 120_000, MIDORI),
      reason: '額',
    });
    await h['books:entries-update']({
      id: entries[5]!.id,
      content: bill('2026-11-04', 2_000, AOBA),
      reason: '額',
    });
    await h['books:entries-delete']({ id: entries[3]!.id, reason: '重複' });
    await h['books:entries-add'](sale('2026-11-15', 9_000, AOBA_KOGYO));
    for (const [name, { stored, recomputed }] of Object.entries(booksFinder(db)))
      expect(stored, name).toEqual(recomputed);
    let slices = 1;
    while (!finder.backfillSlice(2).finished) slices += 1;
    expect(slices).toBeGreaterThan(3);
    expect(finder.ready()).toBe(true);
    for (const [name, { stored, recomputed }] of Object.entries(booksFinder(db)))
      expect(stored, name).toEqual(recomputed);
    expect(booksFinder(db).entryFinder.stored).not.toEqual(expected.entryFinder.stored);
    expect(journal.page(searched, 0, 100)).toEqual(journal.pageFromJournal(searched, 0, 100));
  });

  it('is read in the background, a slice at a time, until done', async () => {
    const { db } = await interestingLedger();
    const expected = booksFinder(db);
    db.exec(`DELETE FROM book_entry_finder; DELETE FROM book_finder_counterparties;
      DELETE FROM book_counterparty_balances;
      UPDATE book_finder_backfill SET next_id = 1, last_id = (SELECT max(id) FROM book_entries)`);
    const backfill = new FinderBackfill(db);
    backfill.start();
    const finder = new EntryFinder(db);
    for (let i = 0; i < 200 && !finder.ready(); i++) await new Promise((r) => setTimeout(r, 5));
    await backfill.stop();
    expect(finder.ready()).toBe(true);
    expect(booksFinder(db)).toEqual(expected);
  });

  it('is read by the app core from its start, and the search then reads the finder', async () => {
    const { db, dataDir } = await interestingLedger();
    const expected = booksFinder(db);
    db.exec(`DELETE FROM book_entry_finder; DELETE FROM book_finder_counterparties;
      DELETE FROM book_counterparty_balances;
      UPDATE book_finder_backfill SET next_id = 1, last_id = (SELECT max(id) FROM book_entries)`);
    ledgers.close(db);
    const core = await createAppCore({
      dataDir,
      shell: 'browser',
      vault: new KeytarVault('bankdemo-finder-test'),
      builtInProfile: localBankProfile(),
      openExternal: async () => {},
      syncIntervalMs: 0,
    });
    try {
      const { db: after } = ledgers.reopen(dataDir);
      await expect.poll(() => new EntryFinder(after).ready(), { timeout: 10_000 }).toBe(true);
      expect(booksFinder(after)).toEqual(expected);
      const found = await core.handlers['books:entries-query']({
        counterparty: 'ｱｵﾊﾞ',
        offset: 0,
        limit: 50,
      });
      expect(found).toEqual(new JournalQueries(after).pageFromJournal({ counterparty: 'ｱｵﾊﾞ' }, 0, 50));
    } finally {
      await core.close();
    }
  });
});
