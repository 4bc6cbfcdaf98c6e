import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect } from 'vitest';
import { createBooks, type Books } from '../../main/books/books-handlers.ts';
import type { BankTransaction } from '../../main/connectors/bank-connector.ts';
import { openAppDatabase, type AppDatabase } from '../../main/store/app-database.ts';
import { StatementWriter } from '../../main/store/statement-writer.ts';
import { linkOrdinaryAndChecking } from './books-ledger.ts';
import { booksFinder } from './derived-structures.ts';

/** A statement line as a books test writes it; without a date it falls on `defaultDate`. */
export type BankLine = { type: '1' | '2'; amount: number; remarks: string; date?: string };

export type LedgerOptions = {
  /** The 当座's lines; left out, nothing is written to the 当座 at all. */
  checking?: readonly BankLine[];
  /** The sync run's first day, as the sync records it. */
  runDateFrom: string;
  /** The date of a line given without one. */
  defaultDate?: string;
  /** The books' clock: where it starts and how far it moves at each call. */
  start?: string;
  tickMs?: number;
};

export type TestLedger = { db: AppDatabase; dataDir: string; books: Books };

/**
 * The ledgers of one books test file, each a real SQLite file in its own temporary folder: `create`
 * links a 普通 and a 当座 (books-ledger.ts), writes the given lines to them through the sync's write
 * path, and opens the books on a clock that moves `tickMs` at every call (so one registration is one
 * timestamp and two are two); `reopen` opens the books again over a folder `close` let go of. Every
 * database is closed and every folder removed after each test. Call it at the top of the file.
 */
export function testLedgers(prefix: string) {
  const dirs: string[] = [];
  const open: AppDatabase[] = [];
  afterEach(() => {
    // Whatever the test wrote, the reports' day totals (migration 22, kept by triggers) still say
    // what the lines say; and so do the 仕訳帳's finder and the 取引先 balances (migration 23).
    for (const db of open)
      if (db.open) {
        expect(dayTotalsDrift(db)).toEqual([]);
        for (const [name, { stored, recomputed }] of Object.entries(booksFinder(db)))
          expect(stored, name).toEqual(recomputed);
      }
    for (const db of open.splice(0)) db.close();
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  const booksOn = (db: AppDatabase, options: Pick<LedgerOptions, 'start' | 'tickMs'>): Books => {
    let clock = Date.parse(options.start ?? '2026-11-30T00:00:00Z');
    const tick = options.tickMs ?? 1;
    return createBooks(db, { now: () => new Date((clock += tick)) });
  };

  return {
    create(ordinary: readonly BankLine[], options: LedgerOptions): TestLedger {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
      dirs.push(dataDir);
      const db = openAppDatabase(dataDir);
      open.push(db);
      const accounts = linkOrdinaryAndChecking(db);
      const writer = new StatementWriter(db);
      const pages = [[accounts[0], ordinary] as const];
      if (options.checking) pages.push([accounts[1], options.checking]);
      for (const [account, lines] of pages)
        writer.writePage(account.id, statementPage(lines, options.defaultDate ?? '2026-11-02'), {
          runDateFrom: options.runDateFrom,
          nextItemKey: null,
        });
      return { db, dataDir, books: booksOn(db, options) };
    },
    reopen(dataDir: string, options: Pick<LedgerOptions, 'start' | 'tickMs'> = {}): TestLedger {
      const db = openAppDatabase(dataDir);
      open.push(db);
      return { db, dataDir, books: booksOn(db, options) };
    },
    /** Closes a ledger's database ahead of the test's end (to reopen its folder). */
    close(db: AppDatabase): void {
      db.close();
      open.splice(open.indexOf(db), 1);
    },
  };
}

/**
 * The day totals the reports read (book_title_day_totals, kept by triggers as entries are written,
 * corrected and deleted) that differ from a recomputation from `journal_lines`, both ways: none
 * when they agree. A day whose lines all went keeps a row of zeros, which agrees.
 */
function dayTotalsDrift(db: AppDatabase): unknown[] {
  return db
    .prepare(
      `WITH kept AS (
         SELECT title_code, sub_title, entry_date, debit, credit, lines FROM book_title_day_totals
         WHERE NOT (lines = 0 AND debit = 0 AND credit = 0)),
       fresh AS (
         SELECT title_code, coalesce(sub_title, '') AS sub_title, entry_date,
                sum(CASE WHEN side = 'debit' THEN amount ELSE 0 END) AS debit,
                sum(CASE WHEN side = 'credit' THEN amount ELSE 0 END) AS credit, count(*) AS lines
         FROM journal_lines GROUP BY 1, 2, 3)
       SELECT 'kept' AS which, * FROM (SELECT * FROM kept EXCEPT SELECT * FROM fresh)
       UNION ALL
       SELECT 'recomputed', * FROM (SELECT * FROM fresh EXCEPT SELECT * FROM kept)`,
    )
    .all();
}

/** The lines as a page of the bank's statement: item keys 00000000, 00000001, … in their order. */
function statementPage(lines: readonly BankLine[], defaultDate: string): BankTransaction[] {
  return lines.map((l, i) => ({
    itemKey: String(i).padStart(8, '0'),
    transactionDate: l.date ?? defaultDate,
    valueDate: l.date ?? defaultDate,
    transactionType: l.type,
    amount: String(l.amount),
    remarks: l.remarks,
    balance: '0',
  }));
}
