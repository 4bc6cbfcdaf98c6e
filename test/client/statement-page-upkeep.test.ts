import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { BankTransaction } from '../../main/connectors/bank-connector.ts';
import type { AppDatabase } from '../../main/store/app-database.ts';
import { SCHEMA_MIGRATIONS } from '../../main/store/migrations/index.ts';
import { STEP_0019_BOOKS_WHOSE_AND_CHART } from '../../main/store/migrations/0019-books-whose-and-chart.ts';
import { ROW_INSERT_TRIGGERS, SET_BASED_FROM_STEP } from '../../main/store/page-upkeep.ts';
import { currentDayColumns } from '../../main/store/statement-columns.ts';
import { StatementWriter } from '../../main/store/statement-writer.ts';
import { foldKana } from '../../shared/kana.ts';
import { bankTransaction } from '../support/bank-statement.ts';
import { twoAccountLedger } from '../support/two-account-ledger.ts';
import { derivedStructures } from '../support/derived-structures.ts';

/**
 * The sync writes a page's rows with the structures derived from them kept set-based, a statement
 * per structure (page-upkeep.ts), where every other writer has the per-row triggers. Both must
 * leave the same structures: here the same pages go through the StatementWriter into one ledger and
 * row by row through a plain INSERT (the triggers) into another, and every structure is compared,
 * between the two and with a recomputation from the rows.
 */
const dirs: string[] = [];
const open: AppDatabase[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function ledger(): AppDatabase {
  const { db, dir } = twoAccountLedger('bankdemo-upkeep-');
  dirs.push(dir);
  open.push(db);
  db.exec(`
    -- A line reviewed before it arrives (a link deleted and made again): it must not enter the queue.
    INSERT INTO book_entries (id, source, recorded_on, created_at) VALUES (1, 'bank', '2026-01-02', 'x');
    INSERT INTO line_reviews VALUES ('B-1', '0000000004', 'registered', 1, '2026-01-02', '2', 300, 'ｼﾊﾗｲ', 'x', 'ｼﾊﾗｲ');`);
  return db;
}

const line = (key: number, date: string, amount: number, remarks: string, type: '1' | '2' = '2') =>
  bankTransaction(String(key).padStart(10, '0'), date, type, amount, remarks);

/** Pages as a bank may send them: new remarks, a row twice, a known line sent again changed. */
const PAGES: Array<[accountId: number, rows: BankTransaction[]]> = [
  [
    1,
    [
      line(1, '2026-01-01', 100, 'ｶﾞｽﾀﾞｲ'),
      line(2, '2026-01-01', 200, 'ﾌﾘｺﾐ ﾔﾏﾀﾞ', '1'),
      line(3, '2026-01-02', 50, 'ｶﾞｽﾀﾞｲ'),
    ],
  ],
  [
    1,
    [
      line(4, '2026-01-02', 300, 'ｼﾊﾗｲ'),
      line(4, '2026-01-02', 300, 'ｼﾊﾗｲ'),
      line(2, '2026-01-01', 250, 'ﾌﾘｺﾐ ﾔﾏﾀﾞ', '1'),
      line(5, '2026-01-03', 70, 'ﾃﾞﾝｷﾀﾞｲ'),
    ],
  ],
  [
    2,
    [
      line(1, '2026-01-01', 999, 'ｶﾞｽﾀﾞｲ'),
      line(2, '2026-01-03', 1, 'ﾃﾞﾝｷﾀﾞｲ'),
      line(3, '2026-01-03', 2, 'ﾃﾞﾝｷﾀﾞｲ'),
    ],
  ],
  [2, []],
  [1, [line(6, '2026-01-03', 80, 'ﾃﾞﾝｷﾀﾞｲ'), line(3, '2026-01-02', 50, 'ｶﾞｽﾀﾞｲ ﾍﾝｺｳ')]],
];

/** The same pages as rows inserted one by one, as a test or the QA writes them: the triggers' path. */
function insertRowByRow(db: AppDatabase, pages: ReadonlyArray<[number, BankTransaction[]]> = PAGES): void {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO transactions
       (account_id, item_key, seq, transaction_date, value_date, type, amount, remarks, remarks_folded, balance)
     VALUES (?, ?, (SELECT next_seq FROM accounts WHERE id = ?), ?, ?, ?, ?, ?, ?, 0)`,
  );
  const bump = db.prepare('UPDATE accounts SET next_seq = next_seq + ? WHERE id = ?');
  for (const [accountId, rows] of pages) {
    for (const t of rows) {
      const { changes } = insert.run(
        accountId,
        t.itemKey,
        accountId,
        t.transactionDate,
        t.valueDate,
        t.transactionType,
        Number(t.amount),
        t.remarks,
        foldKana(t.remarks ?? ''),
      );
      bump.run(changes, accountId);
    }
  }
}

const daysWithColumns = (db: AppDatabase) =>
  db.prepare('SELECT transaction_date FROM statement_day_columns ORDER BY 1').pluck().all();
const daysWithRows = (db: AppDatabase) =>
  db.prepare('SELECT DISTINCT transaction_date FROM transactions ORDER BY 1').pluck().all();

const changedLines = (db: AppDatabase) =>
  db
    .prepare(
      `SELECT bank_account_id, item_key, line_date, line_type, line_amount, line_remarks
       FROM bank_line_changes ORDER BY 1, 2`,
    )
    .all();

describe('a page of the sync keeps the derived structures set-based', () => {
  it('leaves every structure as the per-row triggers leave it, and equal to a recomputation from the rows', () => {
    const paged = ledger();
    const byRow = ledger();
    // Day columns built before the pages come: each page must drop its days' stale columns.
    for (const db of [paged, byRow]) {
      db.prepare(
        `INSERT INTO transactions VALUES (2, 'pre', 0, '2026-01-03', '2026-01-03', '1', 5, 'ﾏｴ', 'ﾏｴ', 0)`,
      ).run();
      currentDayColumns(db);
    }
    const writer = new StatementWriter(paged);
    for (const [accountId, rows] of PAGES) {
      writer.writePage(accountId, rows, { runDateFrom: '2026-01-01', nextItemKey: null });
    }
    insertRowByRow(byRow);

    const rows = (db: AppDatabase) =>
      db.prepare('SELECT * FROM transactions ORDER BY account_id, item_key').all();
    expect(rows(paged)).toEqual(rows(byRow));
    const pagedStructures = derivedStructures(paged);
    // The day columns aside: the pages write them, the row triggers only drop them (checked below).
    const besideColumns = (structures: ReturnType<typeof derivedStructures>) =>
      Object.entries(structures).filter(([name]) => name !== 'dayColumns');
    expect(besideColumns(pagedStructures)).toEqual(besideColumns(derivedStructures(byRow)));
    for (const [name, { stored, recomputed }] of Object.entries(pagedStructures)) {
      expect(stored, name).toEqual(recomputed);
    }
    expect(changedLines(paged)).toEqual(changedLines(byRow));
    expect(changedLines(paged)).toEqual([
      {
        bank_account_id: 'B-1',
        item_key: '0000000002',
        line_date: '2026-01-01',
        line_type: '1',
        line_amount: 250,
        line_remarks: 'ﾌﾘｺﾐ ﾔﾏﾀﾞ',
      },
      {
        bank_account_id: 'B-1',
        item_key: '0000000003',
        line_date: '2026-01-02',
        line_type: '2',
        line_amount: 50,
        line_remarks: 'ｶﾞｽﾀﾞｲ ﾍﾝｺｳ',
      },
    ]);
    expect(
      paged
        .prepare("SELECT count(*) FROM books_queue WHERE account_id = 1 AND item_key = '0000000004'")
        .pluck()
        .get(),
    ).toBe(0);
    // Every day has its columns as the pages leave it (the row triggers only drop theirs).
    expect(daysWithColumns(paged)).toEqual(daysWithRows(paged));
    expect(daysWithColumns(byRow)).toEqual([]);
  });

  it('writes each day’s columns as its rows arrive: merged into those stored, built where a writer dropped them', () => {
    const db = ledger();
    const writer = new StatementWriter(db);
    const expectColumnsOfTheRows = (when: string) => {
      expect(daysWithColumns(db), when).toEqual(daysWithRows(db));
      const { stored, recomputed } = derivedStructures(db).dayColumns!;
      expect(stored, when).toEqual(recomputed);
    };
    // Two accounts' pages interleaved over the same days, a day's rows over several pages.
    let key = 1;
    const page = (accountId: number, dates: string[], amount: number) =>
      writer.writePage(
        accountId,
        dates.map((date, i) =>
          line(key++, date, amount + i, i % 3 === 0 ? 'ﾌﾘｺﾐ ﾀﾅｶ' : `ﾃﾞﾝｷ${i % 4}`, i % 2 ? '1' : '2'),
        ),
        { runDateFrom: '2026-01-01', nextItemKey: null },
      );
    page(2, ['2026-01-01', '2026-01-01', '2026-01-02'], 100);
    page(1, ['2026-01-01', '2026-01-02', '2026-01-02', '2026-01-03'], 200);
    expectColumnsOfTheRows('two accounts on the same days');
    page(2, ['2026-01-02', '2026-01-03', '2026-01-03'], 300);
    page(1, ['2026-01-01', '2026-01-03'], 400); // a row arriving later for an earlier day
    expectColumnsOfTheRows('merged into the stored columns');
    // Another writer (a row by hand) drops its day's columns; the next page there builds them whole.
    db.prepare(
      `INSERT INTO transactions VALUES (1, 'by-hand', 99, '2026-01-02', '2026-01-02', '2', 7, 'ﾃｶﾞｷ', 'ﾃｶﾞｷ', 0)`,
    ).run();
    expect(daysWithColumns(db)).not.toContain('2026-01-02');
    page(2, ['2026-01-02', '2026-01-04'], 500);
    expectColumnsOfTheRows('built again after another writer');
    // A page whose rows the ledger already has changes no day's columns.
    const before = db.prepare('SELECT * FROM statement_day_columns ORDER BY 1').all();
    writer.writePage(2, [line(1, '2026-01-01', 100, 'ﾌﾘｺﾐ ﾀﾅｶ', '2')], {
      runDateFrom: '2026-01-01',
      nextItemKey: null,
    });
    expect(db.prepare('SELECT * FROM statement_day_columns ORDER BY 1').all()).toEqual(before);
    // And a filter by amount over them answers as the rows do.
    const held = currentDayColumns(db);
    expect(held.map((day) => day.date)).toEqual(daysWithRows(db));
    page(1, ['2026-01-04', '2026-01-05'], 600);
    expect(currentDayColumns(db).map((day) => day.amount.length)).toEqual(
      db
        .prepare('SELECT count(*) FROM transactions GROUP BY transaction_date ORDER BY transaction_date')
        .pluck()
        .all(),
    );
    expectColumnsOfTheRows('after a scan held them');
  });

  it('writes a repeat sync’s page of known rows as the triggers would: the changed ones recorded, the new ones added, the rest left', () => {
    const paged = ledger();
    const byRow = ledger();
    const first = [
      line(11, '2026-03-01', 100, 'ｶﾞｽﾀﾞｲ'),
      line(12, '2026-03-01', 200, 'ﾌﾘｺﾐ ﾔﾏﾀﾞ', '1'),
      line(13, '2026-03-02', 300, 'ｼﾊﾗｲ'),
      line(14, '2026-03-02', 400, 'ﾃﾞﾝｷﾀﾞｲ'),
      line(15, '2026-03-03', 500, 'ｽｲﾄﾞｳﾀﾞｲ'),
    ];
    // The overlap asked again: its first row known as it was, one amount changed, one date moved
    // inside the page's days and one outside them, one remark corrected, a new row, a row twice.
    const again = [
      line(11, '2026-03-01', 100, 'ｶﾞｽﾀﾞｲ'),
      line(12, '2026-03-01', 250, 'ﾌﾘｺﾐ ﾔﾏﾀﾞ', '1'),
      line(13, '2026-03-03', 300, 'ｼﾊﾗｲ'),
      line(14, '2026-03-05', 400, 'ﾃﾞﾝｷﾀﾞｲ'),
      line(15, '2026-03-03', 500, 'ｽｲﾄﾞｳﾘﾖｳ'),
      line(16, '2026-03-03', 600, 'ｶｰﾄﾞ'),
      line(16, '2026-03-03', 600, 'ｶｰﾄﾞ'),
    ];
    const writer = new StatementWriter(paged);
    writer.writePage(1, first, { runDateFrom: '2026-03-01', nextItemKey: null });
    expect(writer.writePage(1, again, { runDateFrom: '2026-03-01', nextItemKey: null })).toBe(1);
    insertRowByRow(byRow, [
      [1, first],
      [1, again],
    ]);
    const rows = (db: AppDatabase) =>
      db.prepare('SELECT * FROM transactions ORDER BY account_id, item_key').all();
    expect(rows(paged)).toEqual(rows(byRow));
    expect(changedLines(paged)).toEqual(changedLines(byRow));
    expect(paged.prepare('SELECT item_key FROM bank_line_changes ORDER BY 1').pluck().all()).toEqual([
      '0000000012',
      '0000000013',
      '0000000014',
      '0000000015',
    ]);
    for (const [name, { stored, recomputed }] of Object.entries(derivedStructures(paged))) {
      expect(stored, name).toEqual(recomputed);
    }
    // A page of known rows as they were writes nothing but the cursor: the triggers stay as they are.
    const schema = () => paged.pragma('schema_version', { simple: true });
    const before = schema();
    expect(writer.writePage(1, first.slice(0, 1), { runDateFrom: '2026-03-01', nextItemKey: 'K' })).toBe(0);
    expect(paged.prepare('SELECT next_item_key FROM accounts WHERE id = 1').pluck().get()).toBe('K');
    expect(schema()).toEqual(before);
    expect(rows(paged)).toEqual(rows(byRow));
  });

  it('keeps the row triggers for every other writer once the page is written', () => {
    const db = ledger();
    const triggers = () =>
      db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name").all();
    const before = triggers();
    new StatementWriter(db).writePage(1, PAGES[0]![1], { runDateFrom: '2026-01-01', nextItemKey: null });
    expect(triggers()).toEqual(before);
    db.prepare(
      `INSERT INTO transactions VALUES (1, 'by-hand', 9, '2026-02-01', '2026-02-01', '2', 7, 'ﾃｶﾞｷ', 'ﾃｶﾞｷ', 0)`,
    ).run();
    for (const [name, { stored, recomputed }] of Object.entries(derivedStructures(db))) {
      expect(stored, name).toEqual(recomputed);
    }
  });

  it('counts each row once when another writer put a row with a later seq among the days a write covers', () => {
    const db = ledger();
    const writer = new StatementWriter(db);
    writer.writePage(1, PAGES[0]![1], { runDateFrom: '2026-01-01', nextItemKey: null });
    // By hand, with a seq beyond the account's next one and the page's dates: the queue statement
    // finds it again among the next write's rows, the totals must not count it twice.
    db.prepare(
      `INSERT INTO transactions VALUES (1, 'by-hand', 99, '2026-01-02', '2026-01-02', '2', 7, 'ｼﾊﾗｲ', 'ｼﾊﾗｲ', 0)`,
    ).run();
    writer.writePage(1, [line(7, '2026-01-02', 40, 'ｼﾊﾗｲ'), line(8, '2026-01-03', 60, 'ｼﾊﾗｲ')], {
      runDateFrom: '2026-01-01',
      nextItemKey: null,
    });
    for (const [name, { stored, recomputed }] of Object.entries(derivedStructures(db))) {
      expect(stored, name).toEqual(recomputed);
    }
  });

  it('sums 15-digit amounts exactly, past what a JavaScript number holds', () => {
    const db = ledger();
    // Ten of about the largest amounts a bank may send, one day and remark: 9,999,999,999,999,989
    // yen, odd and past 2^53, which a number would round.
    const rows = Array.from({ length: 10 }, (_, i) =>
      line(100 + i, '2026-01-04', i === 9 ? 999_999_999_999_998 : 999_999_999_999_999, 'ｵｵｸﾞﾁ'),
    );
    new StatementWriter(db).writePage(1, rows, { runDateFrom: '2026-01-01', nextItemKey: null });
    const exactly = (sql: string) => db.prepare(sql).safeIntegers().pluck().get();
    for (const table of ['statement_totals', 'statement_day_totals', 'statement_term_totals']) {
      expect(exactly(`SELECT sum(amount) FROM ${table}`), table).toBe(9_999_999_999_999_989n);
    }
    expect(exactly('SELECT sum(amount) FROM transactions')).toBe(9_999_999_999_999_989n);
  });

  it('writes several pages in one write as it writes them one by one', () => {
    const together = ledger();
    const apart = ledger();
    const pages = PAGES.filter(([accountId]) => accountId === 1).map(([, rows]) => rows);
    new StatementWriter(together).writePage(1, pages.flat(), { runDateFrom: '2026-01-01', nextItemKey: 'K' });
    const writer = new StatementWriter(apart);
    for (const rows of pages) writer.writePage(1, rows, { runDateFrom: '2026-01-01', nextItemKey: 'K' });
    const rows = (db: AppDatabase) => db.prepare('SELECT * FROM transactions ORDER BY account_id, seq').all();
    expect(rows(together)).toEqual(rows(apart));
    expect(derivedStructures(together)).toEqual(derivedStructures(apart));
    expect(changedLines(together)).toEqual(changedLines(apart));
    expect(changedLines(together)).toHaveLength(2);
  });

  it('rolls the page back whole, triggers included, when a row of it fails', () => {
    const db = ledger();
    const before = derivedStructures(db);
    // Remarks no text: folding them throws after the page's first row is in, its triggers dropped.
    const bad = { ...line(9, '2026-01-05', 1, 'ﾜﾙｲ'), remarks: {} as never };
    expect(() =>
      new StatementWriter(db).writePage(1, [line(8, '2026-01-05', 1, 'ﾖｲ'), bad], {
        runDateFrom: '2026-01-01',
        nextItemKey: null,
      }),
    ).toThrow();
    expect(db.prepare('SELECT count(*) FROM transactions').pluck().get()).toBe(0);
    expect(derivedStructures(db)).toEqual(before);
    expect(
      db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'transactions_totals_added'").pluck().get(),
    ).toBe(1);
  });
});

describe('the row triggers the page upkeep stands in for', () => {
  it('are those of the steps its statements repeat, and no later step touches them', () => {
    const db = ledger();
    const sqlOf = (name: string) =>
      db
        .prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?")
        .pluck()
        .get(name) as string;
    const stepOf: Record<string, number> = {
      bank_line_changed: 9,
      // Step 19's (帳簿に含める), whose condition page-upkeep.ts's queue statement adds too.
      books_queue_line_added: SCHEMA_MIGRATIONS.indexOf(STEP_0019_BOOKS_WHOSE_AND_CHART) + 1,
      transactions_totals_added: SET_BASED_FROM_STEP,
    };
    expect(Object.keys(stepOf).sort()).toEqual([...ROW_INSERT_TRIGGERS].sort());
    for (const [name, step] of Object.entries(stepOf)) {
      // Written by that step (its text is the step's own, whitespace aside)...
      const squeeze = (text: string) => text.replace(/\s+/g, ' ');
      expect(squeeze(SCHEMA_MIGRATIONS[step - 1]!), name).toContain(squeeze(sqlOf(name)));
      // ...and named by no later step (after SET_BASED_FROM_STEP): a step changing one must change
      // page-upkeep.ts too.
      for (const later of SCHEMA_MIGRATIONS.slice(Math.max(step, SET_BASED_FROM_STEP)))
        expect(later).not.toContain(name);
    }
  });
});
