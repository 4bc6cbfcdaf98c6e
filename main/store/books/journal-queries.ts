import type { JournalEntryView, TaxCode } from '../../../shared/ipc/books-contract.ts';
import type { AppDatabase } from '../app-database.ts';
import { ENTRY_SELECT, toEntryView, type EntryRow } from './book-rows.ts';

/** The bank side's titles: the other side of a bank entry is the one that is not one of these. */
const BANK_TITLES = "'ordinary_deposit', 'checking_deposit'";

/** Reads only, over many entries: the 仕訳帳's pages, an export's range, 月次推移's sums per title. */
export class JournalQueries {
  private readonly db: AppDatabase;

  constructor(db: AppDatabase) {
    this.db = db;
  }

  /**
   * What lines like a waiting one were registered as (issue 21, item 4's learning): the other side
   * most often booked for registered bank lines of these kana-folded remarks and direction, or —
   * `by: 'counterparty'` — for bank entries of this 取引先 and direction, with how many. One range
   * of an index (migration 19), not a scan of the registered lines.
   */
  learned(
    by: 'remarks' | 'counterparty',
    key: string,
    type: '1' | '2',
  ): { titleCode: string; subTitle: string | null; taxCode: TaxCode; lines: number } | undefined {
    const other = (column: 'title' | 'sub' | 'tax') =>
      `CASE WHEN ${by === 'remarks' ? "r.line_type = '1'" : 'e.debit_title IN (' + BANK_TITLES + ')'}
         THEN e.credit_${column} ELSE e.debit_${column} END`;
    const from =
      by === 'remarks'
        ? `FROM line_reviews r JOIN journal_entries e ON e.id = r.entry_id
           WHERE r.status = 'registered' AND r.line_remarks_folded = ? AND r.line_type = ? AND e.source = 'bank'`
        : `FROM journal_entries e
           WHERE e.source = 'bank' AND e.counterparty = ?
             AND (e.debit_title IN (${BANK_TITLES})) = (? = '1')`;
    return this.db
      .prepare(
        `SELECT ${other('title')} AS titleCode, ${other('sub')} AS subTitle, ${other('tax')} AS taxCode,
           count(*) AS lines ${from}
         GROUP BY 1, 2, 3 ORDER BY lines DESC, max(e.id) DESC LIMIT 1`,
      )
      .get(key, type) as
      { titleCode: string; subTitle: string | null; taxCode: TaxCode; lines: number } | undefined;
  }

  /** The title codes some entry books, on either side (a chart switch keeps them). */
  titleCodesInUse(): Set<string> {
    return new Set(
      this.db
        .prepare(
          'SELECT debit_title AS code FROM journal_entries UNION SELECT credit_title FROM journal_entries',
        )
        .pluck()
        .all() as string[],
    );
  }

  /** One page of the 仕訳帳, oldest first, with the count and the amount of every entry the filter keeps. */
  page(
    filter: { dateFrom?: string; dateTo?: string; titleCode?: string; text?: string },
    offset: number,
    limit: number,
  ): { total: number; amount: number; rows: JournalEntryView[] } {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (filter.dateFrom) {
      where.push('e.entry_date >= ?');
      params.push(filter.dateFrom);
    }
    if (filter.dateTo) {
      where.push('e.entry_date <= ?');
      params.push(filter.dateTo);
    }
    if (filter.titleCode) {
      where.push('(e.debit_title = ? OR e.credit_title = ?)');
      params.push(filter.titleCode, filter.titleCode);
    }
    if (filter.text) {
      // instr, not LIKE: a typed % or _ is a character to find, not a pattern.
      where.push('(instr(lower(e.counterparty), lower(?)) > 0 OR instr(lower(e.memo), lower(?)) > 0)');
      params.push(filter.text, filter.text);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const { n, amount } = this.db
      .prepare(`SELECT count(*) AS n, coalesce(sum(e.amount), 0) AS amount FROM journal_entries e ${clause}`)
      .get(...params) as { n: number; amount: number };
    const rows = this.db
      .prepare(`${ENTRY_SELECT} ${clause} ORDER BY e.entry_date, e.id LIMIT ? OFFSET ?`)
      .all(...params, limit, offset) as EntryRow[];
    return { total: n, amount, rows: rows.map(toEntryView) };
  }

  /** Every entry of a range, oldest first, for an export (no change flag: a file has no place for it). */
  forExport(dateFrom: string, dateTo: string): JournalEntryView[] {
    return (
      this.db
        .prepare(
          'SELECT e.*, 0 AS changed FROM journal_entries e WHERE e.entry_date BETWEEN ? AND ? ORDER BY e.entry_date, e.id',
        )
        .all(dateFrom, dateTo) as EntryRow[]
    ).map(toEntryView);
  }

  /** Debit and credit sums per title and month. */
  monthlyTitleSums(
    dateFrom: string,
    dateTo: string,
  ): { month: string; titleCode: string; debit: number; credit: number }[] {
    return this.db
      .prepare(
        `SELECT month, title AS titleCode, sum(debit) AS debit, sum(credit) AS credit FROM (
           SELECT substr(entry_date, 1, 7) AS month, debit_title AS title, amount AS debit, 0 AS credit
             FROM journal_entries WHERE entry_date BETWEEN @from AND @to
           UNION ALL
           SELECT substr(entry_date, 1, 7), credit_title, 0, amount
             FROM journal_entries WHERE entry_date BETWEEN @from AND @to)
         GROUP BY month, title ORDER BY month, title`,
      )
      .all({ from: dateFrom, to: dateTo }) as {
      month: string;
      titleCode: string;
      debit: number;
      credit: number;
    }[];
  }
}
