import type { Statement } from 'better-sqlite3';
import type { AppDatabase } from '../app-database.ts';
import type { BankLine } from './bank-lines.ts';

type LineKey = Pick<BankLine, 'bankAccountId' | 'itemKey'>;

/**
 * `line_reviews` and what follows a review: the line out of the 未処理 queue (`books_queue`,
 * migration 11) and the bank's later version of a reviewed line (`bank_line_changes`, written by
 * migration 9's trigger, read here).
 */
export class ReviewStore {
  private readonly db: AppDatabase;
  /** Prepared once: a registration of many lines writes a review per line. */
  private readonly insertReview: Statement;
  private readonly dequeue: Statement;

  constructor(db: AppDatabase) {
    this.db = db;
    this.insertReview = db.prepare(
      `INSERT INTO line_reviews (bank_account_id, item_key, status, entry_id, line_date, line_type, line_amount,
         line_remarks, reviewed_at, line_remarks_folded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.dequeue = db.prepare(
      `DELETE FROM books_queue WHERE item_key = ?
         AND account_id IN (SELECT id FROM accounts WHERE bank_account_id = ?)`,
    );
  }

  /** A line reviewed: its review written, and the line out of the 未処理 queue (migration 11). */
  review(line: BankLine, status: 'registered' | 'ignored', entryId: number | null, at: string): void {
    this.insertReview.run(
      line.bankAccountId,
      line.itemKey,
      status,
      entryId,
      line.date,
      line.type,
      line.amount,
      line.remarks,
      at,
      line.remarksFolded,
    );
    this.dequeue.run(line.itemKey, line.bankAccountId);
  }

  of(line: LineKey): { status: 'registered' | 'ignored'; entryId: number | null } | undefined {
    return this.db
      .prepare(
        'SELECT status, entry_id AS entryId FROM line_reviews WHERE bank_account_id = ? AND item_key = ?',
      )
      .get(line.bankAccountId, line.itemKey) as
      { status: 'registered' | 'ignored'; entryId: number | null } | undefined;
  }

  /**
   * Back to 未処理: the review goes, and with it every review naming the same entry (a transfer's
   * other line); the queue takes the lines back by trigger. Answers whether there was a review,
   * and the entry it named, which the caller deletes as a new version (entry-store.ts): an entry
   * is never removed.
   */
  reopen(line: LineKey): { entryId: number | null } | undefined {
    const review = this.of(line);
    if (!review) return undefined;
    if (review.entryId !== null)
      this.db.prepare('DELETE FROM line_reviews WHERE entry_id = ?').run(review.entryId);
    this.db
      .prepare('DELETE FROM line_reviews WHERE bank_account_id = ? AND item_key = ?')
      .run(line.bankAccountId, line.itemKey);
    return { entryId: review.entryId };
  }

  /** The bank lines an entry was registered from (none for a 振替伝票 typed by hand). */
  linesOfEntry(entryId: number): { bankAccountId: string; itemKey: string }[] {
    return this.db
      .prepare(
        'SELECT bank_account_id AS bankAccountId, item_key AS itemKey FROM line_reviews WHERE entry_id = ?',
      )
      .all(entryId) as { bankAccountId: string; itemKey: string }[];
  }

  /** The bank's later version of a line, when the bank sent it again otherwise. */
  changeOf(line: LineKey): { date: string; type: '1' | '2'; amount: number; remarks: string } | undefined {
    return this.db
      .prepare(
        `SELECT line_date AS date, line_type AS type, line_amount AS amount, line_remarks AS remarks
         FROM bank_line_changes WHERE bank_account_id = ? AND item_key = ?`,
      )
      .get(line.bankAccountId, line.itemKey) as
      { date: string; type: '1' | '2'; amount: number; remarks: string } | undefined;
  }

  /** How many entries came from lines of these bank accounts. */
  entriesOfAccounts(bankAccountIds: readonly string[]): number {
    if (bankAccountIds.length === 0) return 0;
    const { n } = this.db
      .prepare(
        `SELECT count(DISTINCT entry_id) AS n FROM line_reviews
         WHERE status = 'registered' AND bank_account_id IN (${bankAccountIds.map(() => '?').join(',')})`,
      )
      .get(...bankAccountIds) as { n: number };
    return n;
  }
}
