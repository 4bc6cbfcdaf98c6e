import type { AppDatabase } from '../app-database.ts';
import { LINE_COLUMNS, type BankLine, type LineKind } from './bank-lines.ts';

/**
 * The 未処理 lines of one kind (bank-lines.ts's unreviewedKindsIn), each with its own amount: what a
 * rule with fixed lines needs, since whether it applies depends on each line's amount (its fixed
 * parts must leave the title something) and its entry is written a line at a time.
 */
export function queuedLinesOfKind(db: AppDatabase, kind: LineKind, byAmount: boolean): BankLine[] {
  return db
    .prepare(
      `SELECT ${LINE_COLUMNS} FROM books_queue q JOIN transactions t USING (account_id, item_key)
       JOIN accounts a ON a.id = t.account_id
       WHERE t.account_id = ? AND t.remarks = ? AND t.type = ? ${byAmount ? 'AND t.amount = ?' : ''}
       ORDER BY q.account_id, q.item_key`,
    )
    .all(kind.accountId, kind.remarks, kind.type, ...(byAmount ? [kind.amount] : [])) as BankLine[];
}
