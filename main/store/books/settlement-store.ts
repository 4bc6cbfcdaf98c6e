import type { SettlementLink, TitleLineRow } from '../../books/open-items.ts';
import type { AppDatabase } from '../app-database.ts';
import { EntryFinder } from './entry-finder.ts';

/** The titles whose items are settled (消込): 売掛金 and 買掛金. */
export type SettledTitle = 'receivables' | 'payables';

/**
 * `book_settlements` (migration 20): which entry settled which 売掛金/買掛金 item, and how much;
 * and the current lines on those titles the open items are derived from (main/books/open-items.ts).
 * Links are only ever added.
 */
export class SettlementStore {
  private readonly db: AppDatabase;
  private readonly finder: EntryFinder;

  constructor(db: AppDatabase) {
    this.db = db;
    this.finder = new EntryFinder(db);
  }

  /**
   * A 取引先's balance on `title` on its raising side (売掛金 debits less credits, 買掛金 credits
   * less debits) from book_counterparty_balances (migration 23), without reading its lines;
   * undefined while an older ledger's entries are still being read into it.
   */
  balance(title: SettledTitle, counterparty: string): number | undefined {
    if (!this.finder.ready()) return undefined;
    const row = this.db
      .prepare(
        'SELECT debit, credit FROM book_counterparty_balances WHERE title_code = ? AND counterparty = ?',
      )
      .get(title, counterparty) as { debit: number; credit: number } | undefined;
    if (!row) return 0;
    return title === 'receivables' ? row.debit - row.credit : row.credit - row.debit;
  }

  /** The current lines on `title` (of one 取引先, when given), through the reports' view. */
  lines(title: SettledTitle, counterparty?: string): TitleLineRow[] {
    return this.db
      .prepare(
        `SELECT entry_id AS entryId, entry_date AS date, counterparty, memo, side, amount FROM journal_lines
         WHERE title_code = ? ${counterparty === undefined ? '' : 'AND counterparty = ?'}
         ORDER BY entry_date, entry_id, line_no`,
      )
      .all(...(counterparty === undefined ? [title] : [title, counterparty])) as TitleLineRow[];
  }

  /**
   * The links on `title`, in the order they were made; only those of the `settling` entries when
   * given (one 取引先's: a queue page asks per line, so it never reads every link).
   */
  links(title: SettledTitle, settling?: readonly number[]): SettlementLink[] {
    return this.db
      .prepare(
        `SELECT settling_entry_id AS settlingEntryId, settled_entry_id AS settledEntryId, amount
         FROM book_settlements WHERE title_code = ?
         ${settling ? 'AND settling_entry_id IN (SELECT value FROM json_each(?))' : ''}
         ORDER BY settling_entry_id, linked_at, settled_entry_id`,
      )
      .all(...(settling ? [title, JSON.stringify(settling)] : [title])) as SettlementLink[];
  }

  link(
    title: SettledTitle,
    settlingEntryId: number,
    settledEntryId: number,
    amount: number,
    at: string,
  ): void {
    this.db
      .prepare(
        `INSERT INTO book_settlements (settling_entry_id, settled_entry_id, title_code, amount, linked_at)
         VALUES (?, ?, ?, ?, ?)`,
      )
      .run(settlingEntryId, settledEntryId, title, amount, at);
  }
}
