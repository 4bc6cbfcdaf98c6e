import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DATABASE_FILE, openAppDatabase, type AppDatabase } from '../../main/store/app-database.ts';
import { ConnectionStore } from '../../main/store/connection-store.ts';
import { SCHEMA_MIGRATIONS } from '../../main/store/migrations/index.ts';
import { currentDayColumns, DayColumnsPreparer } from '../../main/store/statement-columns.ts';
import { queryStatement } from '../../main/store/statement-query.ts';
import { addDays } from '../../shared/dates.ts';
import { foldKana } from '../../shared/kana.ts';
import { migrate } from '../../shared/sqlite-migrations.ts';
import {
  FIRST_DAY,
  dayColumnsOfTheRows,
  linkAccounts,
  naiveStatement,
  recomputedTotals,
  storedDayColumns,
  storedTotals,
  writeRows,
} from '../support/statement-ledger.ts';

/**
 * The totals the 明細 query reads (migration 12: by day, by day and remark, by remark) and the
 * index of distinct remarks are kept by triggers, whoever writes the rows. After each kind of
 * write they must equal the same totals recomputed from the rows, and so must the totals the
 * migration builds over a ledger an older version filled. The days' columns a filter by amount
 * scans (migration 13) are built by the scan itself, for the days a write left without: after a
 * write, a scan answers as the rows do, and every day's columns the ledger holds are its rows'.
 */
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-statement-totals-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Filters by amount, each alone and with what totals cannot combine with amounts. */
const BY_AMOUNT = [
  { minAmount: 1_000, order: 'desc', offset: 7, limit: 30 },
  { maxAmount: 3_000, text: 'ﾌﾘｺﾐ', offset: 0, limit: 30 },
  { minAmount: 100, dateFrom: '2026-01-15', dateTo: '2026-02-10', type: '2', offset: 20, limit: 30 },
] as const;

function expectTotalsOfTheRows(db: AppDatabase): void {
  const stored = storedTotals(db);
  expect(stored).toEqual(recomputedTotals(db));
  for (const query of BY_AMOUNT) {
    expect(queryStatement(db, query), JSON.stringify(query)).toEqual(naiveStatement(db, query));
  }
  expect(storedDayColumns(db)).toEqual(dayColumnsOfTheRows(db));
  // The full-text index holds the distinct remarks and nothing else.
  expect(() =>
    db.exec(`INSERT INTO remarks_search (remarks_search, rank) VALUES ('integrity-check', 1)`),
  ).not.toThrow();
}

describe('the statement totals', () => {
  it('follow the rows a sync inserts, the same rows sent again, and rows arriving later for earlier days', () => {
    const db = openAppDatabase(dir);
    try {
      const [a, b] = linkAccounts(db, 'c1', 2);
      const first = writeRows(db, a!, { from: FIRST_DAY, days: 40, seed: 1, firstKey: 1 });
      writeRows(db, b!, { from: FIRST_DAY, days: 40, seed: 2, firstKey: 1 });
      expect(storedTotals(db).byDayAndTerm.length).toBeGreaterThan(100);
      expectTotalsOfTheRows(db);

      // A sync that starts a few days back sends rows the ledger has: they are ignored.
      writeRows(db, a!, { from: FIRST_DAY, days: 40, seed: 1, firstKey: 1 });
      expect(db.prepare('SELECT count(*) FROM transactions WHERE account_id = ?').pluck().get(a)).toBe(
        first.length,
      );
      writeRows(db, a!, { from: addDays(FIRST_DAY, 10), days: 20, seed: 3, firstKey: 50_000 });
      expectTotalsOfTheRows(db);
    } finally {
      db.close();
    }
  });

  it('follow a link’s data deleted, down to no rows at all', () => {
    const db = openAppDatabase(dir);
    try {
      const [a] = linkAccounts(db, 'c1', 1);
      const [b, c] = linkAccounts(db, 'c2', 2);
      for (const [n, id] of [a!, b!, c!].entries()) {
        writeRows(db, id, { from: FIRST_DAY, days: 30, seed: 10 + n, firstKey: 1 });
      }
      new ConnectionStore(db).delete('c2');
      expect(db.prepare('SELECT count(*) FROM transactions').pluck().get()).toBeGreaterThan(0);
      expectTotalsOfTheRows(db);

      new ConnectionStore(db).delete('c1');
      expect(storedTotals(db)).toEqual({ byDayAndTerm: [], byDay: [], byTerm: [], terms: [] });
      expectTotalsOfTheRows(db);
    } finally {
      db.close();
    }
  });

  it('follow a row changed in place (the app never does, a later migration might)', () => {
    const db = openAppDatabase(dir);
    try {
      const [a, b] = linkAccounts(db, 'c1', 2);
      writeRows(db, a!, { from: FIRST_DAY, days: 20, seed: 5, firstKey: 1 });
      writeRows(db, b!, { from: FIRST_DAY, days: 20, seed: 6, firstKey: 1 });
      const change = db.prepare(
        `UPDATE transactions SET transaction_date = ?, type = ?, amount = ?, remarks = ?, remarks_folded = ?
         WHERE account_id = ? AND item_key = '0000000003'`,
      );
      change.run('2026-03-01', '1', 777, 'ﾌﾘｺﾐ ﾆｲﾀﾞ ﾀﾛｳ', foldKana('ﾌﾘｺﾐ ﾆｲﾀﾞ ﾀﾛｳ'), a);
      db.prepare(
        `UPDATE transactions SET account_id = ?, item_key = 'moved' WHERE account_id = ? AND item_key = '0000000004'`,
      ).run(b, a);
      db.prepare(
        `UPDATE transactions SET amount = amount + 1 WHERE account_id = ? AND item_key <= '0000000020'`,
      ).run(b);
      expectTotalsOfTheRows(db);
      expect(queryStatement(db, { text: 'にいだ', offset: 0, limit: 10 }).total).toBe(1);
      // A change of the order within a day alone (seq) builds the day's columns again too.
      db.prepare(
        `UPDATE transactions SET seq = -seq WHERE account_id = ? AND transaction_date = (SELECT min(transaction_date) FROM transactions)`,
      ).run(b);
      expectTotalsOfTheRows(db);
    } finally {
      db.close();
    }
  });

  it('are built by the migration over a ledger an older version filled, and answer as the rows do', () => {
    // Version 10 of the schema, its rows written by the statement writer of that version.
    const old = new Database(path.join(dir, DATABASE_FILE));
    old.function('fold_kana', { deterministic: true }, (text) => foldKana(String(text)));
    migrate(old, SCHEMA_MIGRATIONS.slice(0, 10));
    const [a, b] = linkAccounts(old, 'c1', 2);
    const [c] = linkAccounts(old, 'c2', 1);
    writeRows(old, a!, { from: FIRST_DAY, days: 40, seed: 7, firstKey: 1 });
    writeRows(old, b!, { from: FIRST_DAY, days: 40, seed: 8, firstKey: 1 });
    writeRows(old, c!, { from: FIRST_DAY, days: 40, seed: 9, firstKey: 1 });
    writeRows(old, a!, { from: addDays(FIRST_DAY, 5), days: 10, seed: 10, firstKey: 50_000 });
    old.close();

    const db = openAppDatabase(dir);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_MIGRATIONS.length);
      expectTotalsOfTheRows(db);
      for (const query of [
        { order: 'desc', offset: 123, limit: 50 },
        { text: 'ﾌﾘｺﾐ', dateFrom: '2026-01-20', offset: 40, limit: 50 },
        { text: 'すずき', accountId: String(a), offset: 3, limit: 5 },
        { type: '2', minAmount: 1_000, offset: 0, limit: 20 },
      ] as const) {
        expect(queryStatement(db, query), JSON.stringify(query)).toEqual(naiveStatement(db, query));
      }
      // And the triggers keep them from then on.
      writeRows(db, b!, { from: addDays(FIRST_DAY, 30), days: 20, seed: 11, firstKey: 60_000 });
      new ConnectionStore(db).delete('c2');
      expectTotalsOfTheRows(db);
    } finally {
      db.close();
    }
  });

  it('after another connection writes, a filter by amount reads the days it changed and only those again', () => {
    const db = openAppDatabase(dir);
    const other = openAppDatabase(dir);
    try {
      const [a, b] = linkAccounts(db, 'c1', 2);
      writeRows(db, a!, { from: FIRST_DAY, days: 40, seed: 21, firstKey: 1 });
      writeRows(db, b!, { from: FIRST_DAY, days: 40, seed: 22, firstKey: 1 });
      expectTotalsOfTheRows(db);
      const idsBefore = dayIds(db);

      // The other connection writes rows for days 10–14 and deletes nothing; then this one asks.
      const written = writeRows(other, a!, {
        from: addDays(FIRST_DAY, 10),
        days: 5,
        seed: 23,
        firstKey: 90_000,
      });
      const daysWritten = new Set(written.map((row) => row.transactionDate));
      expect(daysWritten.size).toBeGreaterThan(1);
      expectTotalsOfTheRows(db);
      const idsAfter = dayIds(db);
      for (const [date, id] of Object.entries(idsAfter)) {
        expect(id === idsBefore[date], date).toBe(!daysWritten.has(date));
      }

      // The other connection asks first this time, building the days again: this one reads them.
      writeRows(other, b!, { from: addDays(FIRST_DAY, 30), days: 3, seed: 24, firstKey: 90_000 });
      for (const query of BY_AMOUNT)
        expect(queryStatement(other, query)).toEqual(naiveStatement(other, query));
      expectTotalsOfTheRows(db);

      new ConnectionStore(other).delete('c1');
      expectTotalsOfTheRows(db);
      expect(dayIds(db)).toEqual({});
    } finally {
      other.close();
      db.close();
    }
  });

  it('a scan reading from before another connection’s write answers for what it reads, and stores nothing stale', () => {
    const db = openAppDatabase(dir);
    const other = openAppDatabase(dir);
    try {
      const [a] = linkAccounts(db, 'c1', 1);
      writeRows(db, a!, { from: FIRST_DAY, days: 20, seed: 31, firstKey: 1 });
      // As a ledger written before the sync wrote them (or by another writer) has: no day's columns.
      db.exec('DELETE FROM statement_day_columns');
      const query = { minAmount: 500, order: 'desc', offset: 3, limit: 20 } as const;
      db.exec('BEGIN');
      // This connection's read begins with no day's columns built; the other then writes.
      const before = naiveStatement(db, query);
      const written = writeRows(other, a!, {
        from: addDays(FIRST_DAY, 5),
        days: 3,
        seed: 32,
        firstKey: 90_000,
      });
      expect(queryStatement(db, query)).toEqual(before);
      // Only the days the other connection wrote have columns, its own: none from the stale scan.
      expect(Object.keys(dayIds(other)).sort()).toEqual(
        [...new Set(written.map((r) => r.transactionDate))].sort(),
      );
      expect(storedDayColumns(other)).toEqual(dayColumnsOfTheRows(other));
      db.exec('COMMIT');

      const after = naiveStatement(db, query);
      expect(after.total).toBeGreaterThan(before.total);
      expect(queryStatement(db, query)).toEqual(after);
      expect(storedDayColumns(db)).toEqual(dayColumnsOfTheRows(db));
    } finally {
      other.close();
      db.close();
    }
  });

  it('are prepared in the background once the ledger is quiet, the latest days first, until every day has them', async () => {
    const db = openAppDatabase(dir);
    try {
      const [a, b] = linkAccounts(db, 'c1', 2);
      writeRows(db, a!, { from: FIRST_DAY, days: 80, seed: 41, firstKey: 1 });
      writeRows(db, b!, { from: FIRST_DAY, days: 80, seed: 42, firstKey: 1 });
      // A ledger whose rows came without their days' columns (written before the sync wrote them).
      db.exec('DELETE FROM statement_day_columns');
      const allDays = db
        .prepare('SELECT DISTINCT transaction_date FROM transactions ORDER BY 1')
        .pluck()
        .all() as string[];

      // One slice: the latest days.
      const slices = new DayColumnsPreparer(db);
      expect(slices.buildSlice()).toBe(true);
      const first = Object.keys(dayIds(db)).sort();
      expect(first.length).toBeGreaterThan(0);
      expect(first.length).toBeLessThan(allDays.length);
      expect(first).toEqual(allDays.slice(-first.length));

      // Stopped while it waits for quiet: nothing more is built, and it stops at once.
      const waiting = new DayColumnsPreparer(db, { quietMs: 60_000 });
      waiting.prepare();
      await new Promise((resolve) => setTimeout(resolve, 20));
      const stopping = performance.now();
      await waiting.stop();
      expect(performance.now() - stopping).toBeLessThan(1_000);
      expect(Object.keys(dayIds(db))).toEqual(first);

      const preparer = new DayColumnsPreparer(db, { quietMs: 0 });
      preparer.prepare();
      preparer.prepare();
      await vi.waitFor(() => expect(Object.keys(dayIds(db))).toHaveLength(allDays.length));
      expect(storedDayColumns(db)).toEqual(dayColumnsOfTheRows(db));
      expect(slices.buildSlice()).toBe(false);
      await preparer.stop();
    } finally {
      db.close();
    }
  });

  it('are built no more days at once after a slice that found none to build (a deletion or a sync then)', () => {
    const db = openAppDatabase(dir);
    try {
      const [a] = linkAccounts(db, 'c1', 1);
      writeRows(db, a!, { from: FIRST_DAY, days: 80, seed: 43, firstKey: 1 });
      const preparer = new DayColumnsPreparer(db);
      // Every day has its columns (the pages wrote them): slices that build nothing.
      while (preparer.buildSlice());
      expect(preparer.buildSlice()).toBe(false);
      // Then days lose them (a deletion's or a sync's rows): the next slice builds a first slice's
      // few days, not as many as the quick empty slices would have allowed (120: all of these).
      db.exec('DELETE FROM statement_day_columns');
      expect(preparer.buildSlice()).toBe(true);
      const built = Object.keys(dayIds(db)).length;
      expect(built).toBeGreaterThan(0);
      expect(built).toBeLessThanOrEqual(7);
    } finally {
      db.close();
    }
  });

  it('are read into memory in the background too, the latest days first, so that no first filter reads them', async () => {
    const writer = openAppDatabase(dir);
    const [a, b] = linkAccounts(writer, 'c1', 2);
    try {
      writeRows(writer, a!, { from: FIRST_DAY, days: 150, seed: 51, firstKey: 1 });
      writeRows(writer, b!, { from: FIRST_DAY, days: 150, seed: 52, firstKey: 1 });
    } finally {
      writer.close();
    }
    // The app opened again: the columns are stored (the pages wrote them), none is held.
    const db = openAppDatabase(dir);
    try {
      const stored = Object.keys(dayIds(db)).sort();
      expect(stored.length).toBeGreaterThan(100);
      const preparer = new DayColumnsPreparer(db);
      expect(preparer.loadSlice()).toBe(true);
      let slices = 1;
      while (preparer.buildSlice()) slices++;
      expect(slices).toBeGreaterThan(1);
      expect(preparer.loadSlice()).toBe(false);
      // Held: a filter asks only the ids, and answers as the rows do.
      const query = { minAmount: 500, order: 'desc', offset: 7, limit: 30 } as const;
      expect(queryStatement(db, query)).toEqual(naiveStatement(db, query));
      // A day another connection writes again is read again, by the next slice or the next filter.
      const other = openAppDatabase(dir);
      try {
        writeRows(other, a!, { from: addDays(FIRST_DAY, 3), days: 2, seed: 53, firstKey: 90_000 });
      } finally {
        other.close();
      }
      expect(preparer.loadSlice()).toBe(true);
      expect(preparer.loadSlice()).toBe(false);
      expect(queryStatement(db, query)).toEqual(naiveStatement(db, query));
      expect(currentDayColumns(db).map((day) => day.date)).toEqual(Object.keys(dayIds(db)).sort());
      expect(storedDayColumns(db)).toEqual(dayColumnsOfTheRows(db));
    } finally {
      db.close();
    }
  });
});

const dayIds = (db: AppDatabase): Record<string, number> =>
  Object.fromEntries(
    db.prepare('SELECT transaction_date, id FROM statement_day_columns').raw().all() as Array<
      [string, number]
    >,
  );
