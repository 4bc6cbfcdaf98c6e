import type { Statement } from 'better-sqlite3';
import type { AppDatabase } from './app-database.ts';
import { PageDayColumns } from './statement-columns.ts';

/**
 * The triggers that keep the structures derived from `transactions` as each row is inserted
 * (migrations 9, 10, 13): the books' record of a known line the bank changed, the search index
 * and the 明細 totals with the day columns' invalidation, the review queue. Done row by row over
 * a 100,000-row first sync they cost three times the inserts themselves (issue 24); done once
 * per page, with a statement per structure over the page's rows, next to nothing. Where the
 * trigger only dropped a day's columns, the page writes them (PageDayColumns), so that a ledger
 * the sync wrote never waits for them to be built.
 */
export const ROW_INSERT_TRIGGERS = [
  'bank_line_changed',
  'transactions_totals_added',
  'books_queue_line_added',
];

/**
 * The schema step whose trigger bodies PAGE_STATEMENTS repeat (step 13's totals, with step 9's and
 * step 10's books triggers). Before it the triggers did other work: a ledger at an older step —
 * only tests build one, the app migrates first — keeps its rows' own triggers.
 */
export const SET_BASED_FROM_STEP = 13;

/** One row of a page as the bank sent it, folded remarks included. */
export interface PageRow {
  accountId: number;
  itemKey: string;
  transactionDate: string;
  type: string;
  amount: number;
  remarks: string;
  remarksFolded: string;
}

/**
 * The work of ROW_INSERT_TRIGGERS, set-based, over the page's rows held in a temporary table
 * (`added` = 1 for a row the page inserted, 0 for one the ledger had already). Each statement is
 * the trigger's own, applied to all of the page's rows at once.
 */
const PAGE_STATEMENTS = [
  // bank_line_changed: a known line sent again with other content is recorded for the books.
  `INSERT OR REPLACE INTO bank_line_changes
     (bank_account_id, item_key, line_date, line_type, line_amount, line_remarks, seen_at)
   SELECT a.bank_account_id, p.item_key, p.transaction_date, p.type, p.amount, p.remarks,
          strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
   FROM temp.page_rows p
   JOIN transactions t ON t.account_id = p.account_id AND t.item_key = p.item_key
   JOIN accounts a ON a.id = p.account_id
   WHERE p.added = 0
     AND (t.transaction_date IS NOT p.transaction_date OR t.type IS NOT p.type
          OR t.amount IS NOT p.amount OR t.remarks IS NOT p.remarks)
   ORDER BY p.rowid`,
  // transactions_totals_added: the remark's id first, then the totals that name it.
  `INSERT OR IGNORE INTO remarks_terms (folded)
   SELECT DISTINCT remarks_folded FROM temp.page_rows WHERE added = 1`,
  `INSERT INTO statement_totals (transaction_date, term_id, account_id, type, row_count, amount)
   SELECT p.transaction_date, r.id, p.account_id, p.type, count(*), sum(p.amount)
   FROM temp.page_rows p JOIN remarks_terms r ON r.folded = p.remarks_folded
   WHERE p.added = 1
   GROUP BY p.transaction_date, r.id, p.account_id, p.type
   ON CONFLICT DO UPDATE SET row_count = row_count + excluded.row_count, amount = amount + excluded.amount`,
  `INSERT INTO statement_day_totals (transaction_date, account_id, type, row_count, amount)
   SELECT transaction_date, account_id, type, count(*), sum(amount)
   FROM temp.page_rows WHERE added = 1
   GROUP BY transaction_date, account_id, type
   ON CONFLICT DO UPDATE SET row_count = row_count + excluded.row_count, amount = amount + excluded.amount`,
  `INSERT INTO statement_term_totals (term_id, account_id, type, row_count, amount)
   SELECT r.id, p.account_id, p.type, count(*), sum(p.amount)
   FROM temp.page_rows p JOIN remarks_terms r ON r.folded = p.remarks_folded
   WHERE p.added = 1
   GROUP BY r.id, p.account_id, p.type
   ON CONFLICT DO UPDATE SET row_count = row_count + excluded.row_count, amount = amount + excluded.amount`,
  // books_queue_line_added: a new line waits for review unless a review already names it.
  // (step 19: nor when the account is left out of the books — EXCLUDED_ACCOUNTS below).
  `INSERT OR IGNORE INTO books_queue (account_id, item_key, line_date)
   SELECT p.account_id, p.item_key, p.transaction_date
   FROM temp.page_rows p JOIN accounts a ON a.id = p.account_id
   WHERE p.added = 1
     AND NOT EXISTS (SELECT 1 FROM line_reviews r
                     WHERE r.bank_account_id = a.bank_account_id AND r.item_key = p.item_key)
     /*excluded*/`,
];

/**
 * Step 19's condition on the queue's statement: a line of an account left out of the books
 * (book_excluded_accounts) never waits for review, as step 19's books_queue_line_added says.
 * Added where the table exists, so a ledger at an older step (tests build them) keeps step 10's.
 */
const EXCLUDED_ACCOUNTS = `AND NOT EXISTS (SELECT 1 FROM book_excluded_accounts x
                     WHERE x.bank_account_id = a.bank_account_id)`;

/**
 * Writes a page's rows with the structures derived from them kept set-based. SQLite cannot turn a
 * trigger off for one writer, so the page's transaction drops the row-insert triggers, inserts,
 * does their work for the whole page, and creates them again from their own text before it
 * commits: every other connection and every other write (a test's INSERT, the QA's, a deleted
 * link's rows, which have triggers of their own) sees them always there, and a crash anywhere
 * rolls the page back whole, triggers included.
 */
export class PageUpkeep {
  private readonly db: AppDatabase;
  private prepared:
    | {
        triggers: Statement;
        stage: Statement;
        statements: Statement[];
        dayColumns: PageDayColumns;
        clear: Statement;
      }
    | undefined;

  constructor(db: AppDatabase) {
    this.db = db;
    // Here, not in a page's transaction: a page rolled back would take the table with it.
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS page_rows (
      account_id INTEGER NOT NULL, item_key TEXT NOT NULL, transaction_date TEXT NOT NULL,
      type TEXT NOT NULL, amount INTEGER NOT NULL, remarks TEXT NOT NULL,
      remarks_folded TEXT NOT NULL, added INTEGER NOT NULL)`);
  }

  /**
   * Inside the page's transaction: runs `insert`, which inserts each row and reports it with
   * `staged`, with the row triggers off, then brings every derived structure up to date.
   */
  write(insert: (staged: (row: PageRow, added: boolean) => void) => void): void {
    if ((this.db.pragma('user_version', { simple: true }) as number) < SET_BASED_FROM_STEP) {
      insert(() => {});
      return;
    }
    const { triggers, stage, statements, dayColumns, clear } = (this.prepared ??= this.prepare());
    const dropped = triggers.all(...ROW_INSERT_TRIGGERS) as Array<{ name: string; sql: string }>;
    if (dropped.length !== ROW_INSERT_TRIGGERS.length) {
      // A later step renamed or dropped one: this code is out of step with the schema.
      throw new Error(`row triggers found: ${dropped.map((t) => t.name).join(', ')}`);
    }
    for (const { name } of dropped) this.db.exec(`DROP TRIGGER ${name}`);
    insert((row, added) =>
      stage.run(
        row.accountId,
        row.itemKey,
        row.transactionDate,
        row.type,
        row.amount,
        row.remarks,
        row.remarksFolded,
        added ? 1 : 0,
      ),
    );
    for (const statement of statements) statement.run();
    // The days' columns: the trigger's part only dropped them; the page writes them (issue 24).
    dayColumns.write();
    clear.run();
    for (const { sql } of dropped) this.db.exec(sql);
  }

  private prepare() {
    const { db } = this;
    const excluding =
      db
        .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'book_excluded_accounts'")
        .get() !== undefined;
    return {
      triggers: db.prepare(
        `SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'transactions'
           AND name IN (${ROW_INSERT_TRIGGERS.map(() => '?').join(', ')})`,
      ),
      stage: db.prepare('INSERT INTO temp.page_rows VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      statements: PAGE_STATEMENTS.map((sql) =>
        db.prepare(sql.replace('/*excluded*/', excluding ? EXCLUDED_ACCOUNTS : '')),
      ),
      dayColumns: new PageDayColumns(db),
      clear: db.prepare('DELETE FROM temp.page_rows'),
    };
  }
}
