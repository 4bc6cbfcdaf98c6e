import type { OpeningBalanceRow } from '../../../shared/ipc/reports-contract.ts';
import type { AppDatabase } from '../app-database.ts';

/** `book_opening` and `book_opening_balances`: the books' 期首残高, one set (migration 18). */
export class OpeningBalanceStore {
  private readonly db: AppDatabase;

  constructor(db: AppDatabase) {
    this.db = db;
  }

  /** The first day of the books (the opening balances' date), or null before any were saved. */
  asOf(): string | null {
    const row = this.db.prepare('SELECT as_of FROM book_opening WHERE id = 1').get() as
      { as_of: string } | undefined;
    return row?.as_of ?? null;
  }

  rows(): OpeningBalanceRow[] {
    return this.db
      .prepare(
        `SELECT title_code AS titleCode, sub_title AS subTitle, debit, credit FROM book_opening_balances
         ORDER BY title_code, sub_title`,
      )
      .all() as OpeningBalanceRow[];
  }

  /** One title's (or one 補助科目's) opening balance, debit − credit; every 補助科目 when `subTitle` is undefined. */
  netOf(titleCode: string, subTitle?: string): number {
    const row = this.db
      .prepare(
        `SELECT coalesce(sum(debit - credit), 0) AS net FROM book_opening_balances
         WHERE title_code = ? AND (? IS NULL OR sub_title = ?)`,
      )
      .get(titleCode, subTitle ?? null, subTitle ?? null) as { net: number };
    return row.net;
  }

  /** The oldest entry's date, which a new start may not be after. */
  oldestEntryDate(): string | null {
    const row = this.db.prepare('SELECT min(entry_date) AS d FROM journal_lines').get() as {
      d: string | null;
    };
    return row.d;
  }

  /** Replaces the whole set (the caller checked it and runs this in a transaction). */
  replace(asOf: string, rows: readonly OpeningBalanceRow[], at: string): void {
    this.db.prepare('DELETE FROM book_opening_balances').run();
    const insert = this.db.prepare(
      'INSERT INTO book_opening_balances (title_code, sub_title, debit, credit) VALUES (?, ?, ?, ?)',
    );
    for (const r of rows)
      if (r.debit !== 0 || r.credit !== 0) insert.run(r.titleCode, r.subTitle, r.debit, r.credit);
    this.db
      .prepare(
        `INSERT INTO book_opening (id, as_of, saved_at) VALUES (1, ?, ?)
         ON CONFLICT (id) DO UPDATE SET as_of = excluded.as_of, saved_at = excluded.saved_at`,
      )
      .run(asOf, at);
  }
}
