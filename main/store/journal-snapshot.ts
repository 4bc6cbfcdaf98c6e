import Database from 'better-sqlite3';
import type { JournalEntryView } from '../../shared/ipc/books-contract.ts';
import type { AppDatabase } from './app-database.ts';
import { LINES_OF, withLines, type EntryRow, type LineRow } from './books/book-rows.ts';

/**
 * The journal of a date range as it stood when an export began, read a page at a time in date
 * order. An export of a million entries reads between other calls (main/tasks/export-in-slices.ts),
 * and an entry corrected meanwhile from a later date to an earlier one must not be written twice or
 * missed: so the pages come from a second, read-only connection holding one read transaction — a
 * snapshot of the ledger (WAL), whatever the app's own connection writes meanwhile.
 */
export class JournalSnapshot {
  private readonly db: Database.Database;
  private readonly range: { dateFrom: string; dateTo: string };
  /** The last entry read; before the first page, just before the range's first day. */
  private after: { date: string; id: number };
  private readonly page: Database.Statement;
  private readonly linesOf: Database.Statement;
  /** Entries of the range in the snapshot. */
  readonly total: number;

  constructor(ledger: AppDatabase, range: { dateFrom: string; dateTo: string }) {
    this.db = new Database(ledger.name, { readonly: true, fileMustExist: true });
    this.range = range;
    this.after = { date: range.dateFrom, id: -1 };
    try {
      this.db.pragma('busy_timeout = 5000');
      this.db.exec('BEGIN');
      // The snapshot is taken at the transaction's first read: this count.
      this.total = this.db
        .prepare(
          `SELECT count(*) FROM book_entry_versions v
           JOIN book_entries e ON e.id = v.entry_id AND e.version = v.version
           WHERE v.entry_date BETWEEN ? AND ? AND e.deleted = 0`,
        )
        .pluck()
        .get(range.dateFrom, range.dateTo) as number;
      this.page = this.db.prepare(
        `SELECT e.id, v.entry_date, e.recorded_on, e.version, v.counterparty, v.memo, e.source, v.rule_id,
           0 AS changed
         FROM book_entry_versions v JOIN book_entries e ON e.id = v.entry_id AND e.version = v.version
         WHERE (v.entry_date, v.entry_id) > (:afterDate, :afterId) AND v.entry_date <= :dateTo
           AND e.deleted = 0
         ORDER BY v.entry_date, v.entry_id LIMIT :limit`,
      );
      this.linesOf = this.db.prepare(LINES_OF);
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  /** The next `limit` entries with their lines, in the order the export writes them; [] at the end. */
  next(limit: number): JournalEntryView[] {
    // The row value seeks the date index where the last page ended: each page costs its own rows
    // (a BETWEEN on the date alone scanned from the range's start every time).
    const rows = this.page.all({
      dateTo: this.range.dateTo,
      afterDate: this.after.date,
      afterId: this.after.id,
      limit,
    }) as EntryRow[];
    const last = rows.at(-1);
    if (!last) return [];
    this.after = { date: last.entry_date, id: last.id };
    const lines = this.linesOf.all(JSON.stringify(rows.map((r) => r.id))) as LineRow[];
    return withLines(rows, lines);
  }

  close(): void {
    if (this.db.inTransaction) this.db.exec('COMMIT');
    this.db.close();
  }
}
