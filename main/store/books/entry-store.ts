import type { Statement } from 'better-sqlite3';
import type { JournalEntryView } from '../../../shared/ipc/books-contract.ts';
import type { AppDatabase } from '../app-database.ts';
import { ENTRY_SELECT, sideColumns, toEntryView, type EntryRow, type NewEntry } from './book-rows.ts';

/**
 * `journal_entries` one entry at a time: written by a registration, read back by id. The 仕訳帳's
 * pages, the exports and the monthly sums are journal-queries.ts's; 自動登録's set-based writes are
 * batch-registration.ts's.
 */
export class EntryStore {
  private readonly db: AppDatabase;
  private readonly insertEntry: Statement;

  constructor(db: AppDatabase) {
    this.db = db;
    this.insertEntry = db.prepare(
      `INSERT INTO journal_entries (entry_date, debit_title, debit_sub, debit_tax, credit_title, credit_sub,
         credit_tax, amount, counterparty, memo, source, rule_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    );
  }

  /** Writes an entry and answers its id; the caller writes its lines' reviews in the same transaction. */
  insert(entry: NewEntry, at: string): number {
    const { id } = this.insertEntry.get(
      entry.date,
      ...sideColumns(entry.debit),
      ...sideColumns(entry.credit),
      entry.amount,
      entry.counterparty,
      entry.memo,
      entry.source,
      entry.ruleId ?? null,
      at,
    ) as { id: number };
    return id;
  }

  get(id: number): JournalEntryView | undefined {
    const row = this.db.prepare(`${ENTRY_SELECT} WHERE e.id = ?`).get(id) as EntryRow | undefined;
    return row && toEntryView(row);
  }

  /**
   * Whether an entry was written in one registration with another: one call writes its entries
   * under one created_at and with consecutive ids, so a neighbour by id with the same timestamp
   * tells (two primary-key probes, no scan).
   */
  registeredTogether(entryId: number): boolean {
    return (
      this.db
        .prepare(
          `SELECT 1 FROM journal_entries e JOIN journal_entries n ON n.id IN (e.id - 1, e.id + 1)
           WHERE e.id = ? AND n.created_at = e.created_at AND n.source = 'bank'`,
        )
        .get(entryId) !== undefined
    );
  }
}
