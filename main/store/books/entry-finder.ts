import type { EntryFilter } from '../../../shared/ipc/books-contract.ts';
import type { AppDatabase } from '../app-database.ts';

/**
 * `book_entry_finder`, `book_finder_counterparties` and `book_counterparty_balances` (migration 23):
 * each live entry's 取引日, 取引先 and amount, the 取引先 they name, and each 取引先's sums on
 * 売掛金 and 買掛金 — kept by triggers as the entries are written. A ledger an older version wrote
 * has its entries read into them in slices (`backfillSlice`, main/books/finder-backfill.ts); until
 * then `ready()` is false and the readers read the journal itself, as before.
 */
export class EntryFinder {
  private readonly db: AppDatabase;
  /**
   * A search by 取引先 that finds at most this many entries reads them by the 取引先's index and
   * sorts them; one that finds more walks the date index in order, its matches dense enough that
   * the page's 200 come after a few thousand rows (63,043 of 454,695 in bench:books at 1M).
   */
  static sortedUpTo = 20_000;

  constructor(db: AppDatabase) {
    this.db = db;
  }

  /** Whether every entry is in the finder (no entry of an older ledger still to be read). */
  ready(): boolean {
    return (
      (this.db.prepare('SELECT next_id > last_id FROM book_finder_backfill WHERE id = 1').pluck().get() ??
        1) === 1
    );
  }

  /**
   * Reads up to `size` of the entries still to be read (the oldest ids first) into the finder and
   * the balances, as they stand now, and moves the mark past them in the same transaction (the
   * triggers then keep them). Answers how many ids it covered and whether none is left.
   */
  backfillSlice(size: number): { entries: number; finished: boolean } {
    return this.db
      .transaction(() => {
        const mark = this.db
          .prepare('SELECT next_id, last_id FROM book_finder_backfill WHERE id = 1')
          .get() as { next_id: number; last_id: number } | undefined;
        if (!mark || mark.next_id > mark.last_id) return { entries: 0, finished: true };
        const to = Math.min(mark.last_id, mark.next_id + size - 1);
        this.db
          .prepare(
            `INSERT INTO book_entry_finder (entry_id, version, entry_date, counterparty, amount)
             SELECT e.id, e.version, v.entry_date, v.counterparty,
                    sum(CASE WHEN l.side = 'debit' THEN l.amount ELSE 0 END)
             FROM book_entries e
             JOIN book_entry_versions v ON v.entry_id = e.id AND v.version = e.version
             JOIN book_entry_lines l ON l.entry_id = e.id AND l.version = e.version
             WHERE e.id BETWEEN ? AND ? AND e.deleted = 0
             GROUP BY e.id`,
          )
          .run(mark.next_id, to);
        // The slice's entries first (CROSS JOIN): by the lines' title index SQLite read every line
        // of the two titles from the slice on, ~90 ms a slice at a million entries.
        this.db
          .prepare(
            `INSERT INTO book_counterparty_balances (title_code, counterparty, debit, credit, lines)
             SELECT l.title_code, v.counterparty,
                    sum(CASE WHEN l.side = 'debit' THEN l.amount ELSE 0 END),
                    sum(CASE WHEN l.side = 'credit' THEN l.amount ELSE 0 END), count(*)
             FROM book_entries e
             CROSS JOIN book_entry_versions v ON v.entry_id = e.id AND v.version = e.version
             CROSS JOIN book_entry_lines l ON l.entry_id = e.id AND l.version = e.version
             WHERE e.id BETWEEN ? AND ? AND e.deleted = 0 AND l.title_code IN ('receivables', 'payables')
             GROUP BY l.title_code, v.counterparty
             ON CONFLICT (title_code, counterparty) DO UPDATE SET
               debit = debit + excluded.debit, credit = credit + excluded.credit, lines = lines + excluded.lines`,
          )
          .run(mark.next_id, to);
        this.db.prepare('UPDATE book_finder_backfill SET next_id = ? WHERE id = 1').run(to + 1);
        return { entries: to - mark.next_id + 1, finished: to >= mark.last_id };
      })
      .immediate();
  }

  /**
   * The filter's entries as the finder holds them: the count and debits' sum, and the ids of one
   * page, oldest first (by 取引日, then id) — what JournalQueries.found's scan of every version of
   * the period answers, from two ranges of an index.
   */
  page(filter: EntryFilter, offset: number, limit: number): { total: number; amount: number; ids: number[] } {
    const { where, params } = this.where(filter);
    const { n, amount } = this.db
      .prepare(
        `SELECT count(*) AS n, coalesce(sum(f.amount), 0) AS amount FROM book_entry_finder f WHERE ${where}`,
      )
      .get(...params) as { n: number; amount: number };
    if (n === 0 || offset >= n) return { total: n, amount, ids: [] };
    const byDate = !filter.counterparty || n > EntryFinder.sortedUpTo;
    const ids = this.db
      .prepare(
        `SELECT f.entry_id FROM book_entry_finder f
         INDEXED BY ${byDate ? 'book_entry_finder_by_date' : 'book_entry_finder_by_counterparty'}
         WHERE ${where} ORDER BY f.entry_date, f.entry_id LIMIT ? OFFSET ?`,
      )
      .pluck()
      .all(...params, limit, offset) as number[];
    return { total: n, amount, ids };
  }

  /** Every entry the filter keeps, oldest first. */
  all(filter: EntryFilter): number[] {
    const { where, params } = this.where(filter);
    return this.db
      .prepare(
        `SELECT f.entry_id FROM book_entry_finder f INDEXED BY book_entry_finder_by_date
         WHERE ${where} ORDER BY f.entry_date, f.entry_id`,
      )
      .pluck()
      .all(...params) as number[];
  }

  /**
   * The filter as JournalQueries.found states it, over the finder: the same comparisons (instr on
   * lower(): a typed % or _ is a character to find), the 取引先 tested once per name.
   */
  private where(filter: EntryFilter): { where: string; params: (string | number)[] } {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (filter.dateFrom) {
      where.push('f.entry_date >= ?');
      params.push(filter.dateFrom);
    }
    if (filter.dateTo) {
      where.push('f.entry_date <= ?');
      params.push(filter.dateTo);
    }
    if (filter.amountMin !== undefined) {
      where.push('f.amount >= ?');
      params.push(filter.amountMin);
    }
    if (filter.amountMax !== undefined) {
      where.push('f.amount <= ?');
      params.push(filter.amountMax);
    }
    if (filter.counterparty) {
      where.push(
        `f.counterparty IN (SELECT c.counterparty FROM book_finder_counterparties c
           WHERE c.entries > 0 AND instr(lower(c.counterparty), lower(?)) > 0)`,
      );
      params.push(filter.counterparty);
    }
    if (filter.text) {
      where.push(
        `EXISTS (SELECT 1 FROM book_entry_versions v WHERE v.entry_id = f.entry_id AND v.version = f.version
           AND (instr(lower(v.counterparty), lower(?)) > 0 OR instr(lower(v.memo), lower(?)) > 0))`,
      );
      params.push(filter.text, filter.text);
    }
    if (filter.titleCode) {
      where.push(
        `EXISTS (SELECT 1 FROM book_entry_lines t
           WHERE t.entry_id = f.entry_id AND t.version = f.version AND t.title_code = ?)`,
      );
      params.push(filter.titleCode);
    }
    return { where: where.length ? where.join(' AND ') : 'true', params };
  }
}
