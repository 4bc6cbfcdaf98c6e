import type { EntryFilter, JournalEntryView, TaxCode } from '../../../shared/ipc/books-contract.ts';
import type { AppDatabase } from '../app-database.ts';
import { ENTRY_SELECT, LINES_OF, withLines, type EntryRow, type LineRow } from './book-rows.ts';
import { EntryFinder } from './entry-finder.ts';

/** The bank side's titles: the other side of a bank entry is the one that is not one of these. */
const BANK_TITLES = "'ordinary_deposit', 'checking_deposit'";

/**
 * Reads only, over many entries' current versions (deleted ones left out): the 仕訳帳's pages and
 * its search, an export's range, 月次推移's sums per title (through the `journal_lines` view,
 * migration 16, as the reports read it), and what past registrations teach a waiting line.
 */
export class JournalQueries {
  private readonly db: AppDatabase;
  private readonly finder: EntryFinder;

  constructor(db: AppDatabase) {
    this.db = db;
    this.finder = new EntryFinder(db);
  }

  /**
   * What lines like a waiting one were registered as (issue 21, item 4's learning): the other side
   * most often booked for registered bank lines of these kana-folded remarks and direction, or —
   * `by: 'counterparty'` — for bank entries of this 取引先 and direction, with how many. One range
   * of an index (migration 19), not a scan of the registered lines. Read from each entry's current
   * version: a corrected entry teaches what it says now, a deleted one nothing.
   */
  learned(
    by: 'remarks' | 'counterparty',
    key: string,
    type: '1' | '2',
  ): { titleCode: string; subTitle: string | null; taxCode: TaxCode; lines: number } | undefined {
    // A 入金 (type 1) debits the bank: what it was booked as is on the credit side, and the reverse.
    const from =
      by === 'remarks'
        ? `FROM line_reviews r
           JOIN book_entries e ON e.id = r.entry_id AND e.deleted = 0 AND e.source = 'bank'
           JOIN book_entry_lines l ON l.entry_id = e.id AND l.version = e.version
           WHERE r.status = 'registered' AND r.line_remarks_folded = ? AND r.line_type = ?
             AND l.side = CASE r.line_type WHEN '1' THEN 'credit' ELSE 'debit' END`
        : `FROM book_entry_versions v
           JOIN book_entries e ON e.id = v.entry_id AND e.version = v.version AND e.deleted = 0
             AND e.source = 'bank'
           JOIN book_entry_lines l ON l.entry_id = e.id AND l.version = e.version
           WHERE v.counterparty = ? AND l.side = CASE ? WHEN '1' THEN 'credit' ELSE 'debit' END
             AND l.title_code NOT IN (${BANK_TITLES})`;
    return this.db
      .prepare(
        `SELECT l.title_code AS titleCode, l.sub_title AS subTitle, l.tax_code AS taxCode, count(*) AS lines
         ${from}
         GROUP BY 1, 2, 3 ORDER BY lines DESC, max(e.id) DESC LIMIT 1`,
      )
      .get(key, type) as
      { titleCode: string; subTitle: string | null; taxCode: TaxCode; lines: number } | undefined;
  }

  /**
   * The title codes some entry books, in any version (a chart switch keeps them, and an entry's
   * history must still name its titles).
   */
  titleCodesInUse(): Set<string> {
    return new Set(
      this.db.prepare('SELECT DISTINCT title_code FROM book_entry_lines').pluck().all() as string[],
    );
  }

  /**
   * The ids, dates and amounts (debit totals) of the live entries a filter keeps: 取引日, amount
   * and 取引先 ranges combine (電子帳簿保存法's search by 取引年月日・金額・取引先, any two at once).
   */
  private found(filter: EntryFilter): { sql: string; params: (string | number)[] } {
    const where: string[] = ['e.deleted = 0'];
    const params: (string | number)[] = [];
    if (filter.dateFrom) {
      where.push('v.entry_date >= ?');
      params.push(filter.dateFrom);
    }
    if (filter.dateTo) {
      where.push('v.entry_date <= ?');
      params.push(filter.dateTo);
    }
    if (filter.titleCode) {
      where.push(
        'EXISTS (SELECT 1 FROM book_entry_lines t WHERE t.entry_id = e.id AND t.version = e.version AND t.title_code = ?)',
      );
      params.push(filter.titleCode);
    }
    // instr, not LIKE: a typed % or _ is a character to find, not a pattern.
    if (filter.text) {
      where.push('(instr(lower(v.counterparty), lower(?)) > 0 OR instr(lower(v.memo), lower(?)) > 0)');
      params.push(filter.text, filter.text);
    }
    if (filter.counterparty) {
      where.push('instr(lower(v.counterparty), lower(?)) > 0');
      params.push(filter.counterparty);
    }
    const bounds: string[] = [];
    if (filter.amountMin !== undefined) {
      bounds.push('amount >= ?');
      params.push(filter.amountMin);
    }
    if (filter.amountMax !== undefined) {
      bounds.push('amount <= ?');
      params.push(filter.amountMax);
    }
    const sql = `SELECT * FROM (
        SELECT e.id, v.entry_date,
          (SELECT coalesce(sum(l.amount), 0) FROM book_entry_lines l
           WHERE l.entry_id = e.id AND l.version = e.version AND l.side = 'debit') AS amount
        FROM book_entry_versions v JOIN book_entries e ON e.id = v.entry_id AND e.version = v.version
        WHERE ${where.join(' AND ')})
      ${bounds.length ? `WHERE ${bounds.join(' AND ')}` : ''}`;
    return { sql, params };
  }

  /**
   * One page of the 仕訳帳, oldest first, with the count and the amount of every entry the filter
   * keeps: from the finder (migration 23) once it holds every entry, else from the journal itself.
   */
  page(
    filter: EntryFilter,
    offset: number,
    limit: number,
  ): { total: number; amount: number; rows: JournalEntryView[] } {
    if (this.finder.ready()) {
      const { total, amount, ids } = this.finder.page(filter, offset, limit);
      return { total, amount, rows: this.entries(ids) };
    }
    return this.pageFromJournal(filter, offset, limit);
  }

  /** page() read from the versions and lines themselves (a scan of the period's versions). */
  pageFromJournal(
    filter: EntryFilter,
    offset: number,
    limit: number,
  ): { total: number; amount: number; rows: JournalEntryView[] } {
    const { sql, params } = this.found(filter);
    const { n, amount } = this.db
      .prepare(`SELECT count(*) AS n, coalesce(sum(amount), 0) AS amount FROM (${sql})`)
      .get(...params) as { n: number; amount: number };
    const ids = this.db
      .prepare(`SELECT id FROM (${sql}) ORDER BY entry_date, id LIMIT ? OFFSET ?`)
      .pluck()
      .all(...params, limit, offset) as number[];
    return { total: n, amount, rows: this.entries(ids) };
  }

  /** Every entry a filter keeps, oldest first (the search's CSV). */
  all(filter: EntryFilter): JournalEntryView[] {
    if (this.finder.ready()) return this.entries(this.finder.all(filter));
    const { sql, params } = this.found(filter);
    const ids = this.db
      .prepare(`SELECT id FROM (${sql}) ORDER BY entry_date, id`)
      .pluck()
      .all(...params) as number[];
    return this.entries(ids);
  }

  /** These entries, in this order, with their current lines. */
  private entries(ids: readonly number[]): JournalEntryView[] {
    if (ids.length === 0) return [];
    const json = JSON.stringify(ids);
    const rows = this.db
      .prepare(`${ENTRY_SELECT} JOIN json_each(?) j ON j.value = e.id ORDER BY j.key`)
      .all(json) as EntryRow[];
    return withLines(rows, this.db.prepare(LINES_OF).all(json) as LineRow[]);
  }

  /** Every live entry of a range, oldest first, for an export (no change flag: a file has no place for it). */
  forExport(dateFrom: string, dateTo: string): JournalEntryView[] {
    const rows = this.db
      .prepare(
        `SELECT e.id, v.entry_date, e.recorded_on, e.version, v.counterparty, v.memo, e.source, v.rule_id,
           0 AS changed
         FROM book_entry_versions v JOIN book_entries e ON e.id = v.entry_id AND e.version = v.version
         WHERE v.entry_date BETWEEN ? AND ? AND e.deleted = 0 ORDER BY v.entry_date, e.id`,
      )
      .all(dateFrom, dateTo) as EntryRow[];
    const lines = this.db
      .prepare(
        `SELECT l.entry_id, l.side, l.title_code, l.sub_title, l.tax_code, l.amount
         FROM book_entry_versions v JOIN book_entries e ON e.id = v.entry_id AND e.version = v.version
         JOIN book_entry_lines l ON l.entry_id = e.id AND l.version = e.version
         WHERE v.entry_date BETWEEN ? AND ? AND e.deleted = 0 ORDER BY l.entry_id, l.line_no`,
      )
      .all(dateFrom, dateTo) as LineRow[];
    return withLines(rows, lines);
  }

  /** Debit and credit sums per title and month, over `journal_lines`. */
  monthlyTitleSums(
    dateFrom: string,
    dateTo: string,
  ): { month: string; titleCode: string; debit: number; credit: number }[] {
    return this.db
      .prepare(
        `SELECT substr(entry_date, 1, 7) AS month, title_code AS titleCode,
           sum(CASE side WHEN 'debit' THEN amount ELSE 0 END) AS debit,
           sum(CASE side WHEN 'credit' THEN amount ELSE 0 END) AS credit
         FROM journal_lines WHERE entry_date BETWEEN ? AND ?
         GROUP BY month, title_code ORDER BY month, title_code`,
      )
      .all(dateFrom, dateTo) as {
      month: string;
      titleCode: string;
      debit: number;
      credit: number;
    }[];
  }
}
