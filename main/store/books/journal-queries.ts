import type { JournalEntryView } from '../../../shared/ipc/books-contract.ts';
import type { AppDatabase } from '../app-database.ts';
import { ENTRY_SELECT, toEntryView, type EntryRow } from './book-rows.ts';

/** Reads only, over many entries: the 仕訳帳's pages, an export's range, 月次推移's sums per title. */
export class JournalQueries {
  private readonly db: AppDatabase;

  constructor(db: AppDatabase) {
    this.db = db;
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
