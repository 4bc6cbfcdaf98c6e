import type { AppDatabase } from './app-database.ts';
import { PageDayColumns, type PageDayRow } from './statement-columns.ts';

/**
 * The triggers that keep the structures derived from `transactions` as each row is inserted
 * (migrations 9, 10, 13): the books' record of a known line the bank changed, the search index
 * and the 明細 totals with the day columns' invalidation, the review queue. Done row by row over
 * a 100,000-row first sync they cost three times the inserts themselves (issue 24); done once
 * per write, with a run per group of the write's rows (a day's remark, a day) and a statement for
 * the queue, a small part of them (docs/benchmarks.md, bench:sync). Where the trigger only dropped a
 * day's columns, the write builds them (PageDayColumns), so that a ledger the sync wrote never
 * waits for them on a first filter by amount.
 */
export const ROW_INSERT_TRIGGERS = [
  'bank_line_changed',
  'transactions_totals_added',
  'books_queue_line_added',
];

/**
 * The schema step whose trigger bodies the statements below repeat (step 13's totals, with step 9's
 * and step 10's books triggers). Before it the triggers did other work: a ledger at an older step —
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
 * bank_line_changed's work for one row the ledger had already (an `INSERT OR IGNORE` that changed
 * nothing): a known line sent again with other content is recorded for the books. Per row, as the
 * trigger did, but only for the rows sent again — none in a first sync, the few days a repeat sync
 * asks again — after the ignored insert, against the row the ledger keeps: a read first (a key
 * lookup), the write only for a line that did change.
 */
const CHANGED_LINE = {
  differs: `SELECT 1 FROM transactions
     WHERE account_id = ? AND item_key = ?
       AND (transaction_date IS NOT ? OR type IS NOT ? OR amount IS NOT ? OR remarks IS NOT ?)`,
  record: `INSERT OR REPLACE INTO bank_line_changes
     (bank_account_id, item_key, line_date, line_type, line_amount, line_remarks, seen_at)
   SELECT bank_account_id, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
   FROM accounts WHERE id = ?`,
};

/**
 * transactions_totals_added's statements, a run per group of the write's new rows (summed in
 * AddedRows) instead of a run per row: the remark's id first, then the totals that name it.
 */
const TOTALS_STATEMENTS = {
  term: 'INSERT OR IGNORE INTO remarks_terms (folded) VALUES (?)',
  termId: 'SELECT id FROM remarks_terms WHERE folded = ?',
  totals: `INSERT INTO statement_totals (transaction_date, term_id, account_id, type, row_count, amount)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET row_count = row_count + excluded.row_count, amount = amount + excluded.amount`,
  dayTotals: `INSERT INTO statement_day_totals (transaction_date, account_id, type, row_count, amount)
     VALUES (?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET row_count = row_count + excluded.row_count, amount = amount + excluded.amount`,
  termTotals: `INSERT INTO statement_term_totals (term_id, account_id, type, row_count, amount)
     VALUES (?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET row_count = row_count + excluded.row_count, amount = amount + excluded.amount`,
};

/**
 * books_queue_line_added, set-based: a new line waits for review unless a review already names it
 * (step 19: nor when the account is left out of the books — EXCLUDED_ACCOUNTS below). The write's
 * new rows are found again in transactions_by_account_date: each has a seq from @fromSeq on (the
 * account's next_seq when the write began) and a date from @fromDate to @toDate (the earliest and
 * the latest of them: the range is the write's own days, whatever order the bank sends them in). A
 * row another writer put there with such a seq passes the same conditions its own trigger applied,
 * and INSERT OR IGNORE keeps the queue's rows once: the statement can only add what a
 * recomputation has.
 */
const QUEUE_STATEMENT = `INSERT OR IGNORE INTO books_queue (account_id, item_key, line_date)
   SELECT t.account_id, t.item_key, t.transaction_date
   FROM transactions t JOIN accounts a ON a.id = t.account_id
   WHERE t.account_id = @account AND t.transaction_date BETWEEN @fromDate AND @toDate
     AND t.seq >= @fromSeq
     AND NOT EXISTS (SELECT 1 FROM line_reviews r
                     WHERE r.bank_account_id = a.bank_account_id AND r.item_key = t.item_key)
     /*excluded*/`;

/**
 * Step 19's condition on the queue's statement: a line of an account left out of the books
 * (book_excluded_accounts) never waits for review, as step 19's books_queue_line_added says.
 * Added where the table exists, so a ledger at an older step (tests build them) keeps step 10's.
 */
const EXCLUDED_ACCOUNTS = `AND NOT EXISTS (SELECT 1 FROM book_excluded_accounts x
                     WHERE x.bank_account_id = a.bank_account_id)`;

interface Sum {
  rows: number;
  /** Yen; a bigint once the sum passes what a number holds exactly (15-digit amounts may). */
  amount: number | bigint;
}

/** Adds `rows` rows summing `amount` to the group `key` of `sums`, exactly. */
function addTo<K>(sums: Map<K, Sum>, key: K, rows: number, amount: number | bigint): void {
  const sum = sums.get(key);
  if (!sum) {
    sums.set(key, { rows, amount });
    return;
  }
  sum.rows += rows;
  const total = typeof sum.amount === 'number' && typeof amount === 'number' ? sum.amount + amount : NaN;
  sum.amount = Number.isSafeInteger(total) ? total : BigInt(sum.amount) + BigInt(amount);
}

/** The map `outer` holds under `key`, made on first use. */
function inner<K, V>(outer: Map<K, Map<string, V>>, key: K): Map<string, V> {
  let map = outer.get(key);
  if (!map) outer.set(key, (map = new Map()));
  return map;
}

/**
 * The rows a write added, summed as the 明細 totals keep them: by day, remark and 入払区分 (the
 * totals' finest grain; the day's and the remark's sums follow from it). Counted from the rows the
 * inserts reported new, never read back, so a row another writer added is never counted twice.
 */
class AddedRows {
  /** Day → folded remarks → 入払区分 → sum. */
  readonly byDay = new Map<string, Map<string, Map<string, Sum>>>();
  /** Day → the rows in the order they were numbered (one account, seq ascending), for its columns. */
  readonly rowsByDay = new Map<string, Array<{ row: PageRow; seq: number }>>();
  earliestDate: string | undefined;
  latestDate: string | undefined;

  add(row: PageRow, seq: number): void {
    addTo(inner(inner(this.byDay, row.transactionDate), row.remarksFolded), row.type, 1, row.amount);
    let rows = this.rowsByDay.get(row.transactionDate);
    if (!rows) this.rowsByDay.set(row.transactionDate, (rows = []));
    rows.push({ row, seq });
    if (this.earliestDate === undefined || row.transactionDate < this.earliestDate) {
      this.earliestDate = row.transactionDate;
    }
    if (this.latestDate === undefined || row.transactionDate > this.latestDate) {
      this.latestDate = row.transactionDate;
    }
  }
}

/**
 * Writes a page's rows with the structures derived from them kept per page, never per row. SQLite
 * cannot turn a trigger off for one writer (a condition in the trigger does not help: the trigger's
 * program still runs for every row, which costs as much as its work), so the write's transaction
 * drops the row-insert triggers, inserts, does their work for all of the write's rows at once, and
 * creates them again from their own text before it commits: every other connection and every other
 * write (a test's INSERT, the QA's, a deleted link's rows, which have triggers of their own) sees
 * them always there, and a crash anywhere rolls the write back whole, triggers included.
 */
export class PageUpkeep {
  private readonly db: AppDatabase;
  private prepared: ReturnType<PageUpkeep['prepare']> | undefined;

  constructor(db: AppDatabase) {
    this.db = db;
  }

  /**
   * Inside the write's transaction: runs `insert`, which inserts each row of `accountId` (new rows
   * numbered from `firstSeq`) and reports it with `staged` — with its seq when it was new, undefined
   * when the ledger had it —, with the row triggers off, then brings every derived structure up to
   * date.
   */
  write(
    accountId: number,
    firstSeq: number,
    insert: (staged: (row: PageRow, addedAs: number | undefined) => void) => void,
  ): void {
    if ((this.db.pragma('user_version', { simple: true }) as number) < SET_BASED_FROM_STEP) {
      insert(() => {});
      return;
    }
    const prepared = (this.prepared ??= this.prepare());
    const dropped = prepared.triggers.all(...ROW_INSERT_TRIGGERS) as Array<{ name: string; sql: string }>;
    if (dropped.length !== ROW_INSERT_TRIGGERS.length) {
      // A later step renamed or dropped one: this code is out of step with the schema.
      throw new Error(`row triggers found: ${dropped.map((t) => t.name).join(', ')}`);
    }
    for (const { name } of dropped) this.db.exec(`DROP TRIGGER ${name}`);
    const added = new AddedRows();
    insert((row, addedAs) => {
      if (addedAs !== undefined) added.add(row, addedAs);
      else {
        const line = [row.transactionDate, row.type, row.amount, row.remarks] as const;
        if (prepared.changedLine.differs.get(row.accountId, row.itemKey, ...line) !== undefined) {
          prepared.changedLine.record.run(row.itemKey, ...line, row.accountId);
        }
      }
    });
    if (added.earliestDate !== undefined) {
      this.keepTotals(accountId, added);
      prepared.queue.run({
        account: accountId,
        fromDate: added.earliestDate,
        toDate: added.latestDate,
        fromSeq: firstSeq,
      });
    }
    for (const { sql } of dropped) this.db.exec(sql);
  }

  /** The 明細 totals, the remarks' search terms and the days' columns, a run per group. */
  private keepTotals(accountId: number, added: AddedRows): void {
    const { totals, dayColumns } = this.prepared!;
    const termIds = new Map<string, number>();
    const byTerm = new Map<number, Map<string, Sum>>();
    for (const [date, byRemarks] of added.byDay) {
      const byType = new Map<string, Sum>();
      for (const [folded, sums] of byRemarks) {
        let termId = termIds.get(folded);
        if (termId === undefined) {
          totals.term.run(folded);
          termId = totals.termId.get(folded) as number;
          termIds.set(folded, termId);
        }
        for (const [type, { rows, amount }] of sums) {
          totals.totals.run(date, termId, accountId, type, rows, amount);
          addTo(byType, type, rows, amount);
          addTo(inner(byTerm, termId), type, rows, amount);
        }
      }
      for (const [type, { rows, amount }] of byType) {
        totals.dayTotals.run(date, accountId, type, rows, amount);
      }
    }
    for (const [termId, sums] of byTerm) {
      for (const [type, { rows, amount }] of sums) {
        totals.termTotals.run(termId, accountId, type, rows, amount);
      }
    }
    // The days' columns, after the day totals they are checked against (PageDayColumns).
    const columnRows = new Map<string, PageDayRow[]>();
    for (const [date, rows] of added.rowsByDay) {
      columnRows.set(
        date,
        rows.map(({ row, seq }) => [
          accountId,
          seq,
          Number(row.type),
          row.amount,
          termIds.get(row.remarksFolded)!,
        ]),
      );
    }
    dayColumns.write(columnRows);
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
      changedLine: {
        differs: db.prepare(CHANGED_LINE.differs).pluck(),
        record: db.prepare(CHANGED_LINE.record),
      },
      totals: {
        term: db.prepare(TOTALS_STATEMENTS.term),
        termId: db.prepare(TOTALS_STATEMENTS.termId).pluck(),
        totals: db.prepare(TOTALS_STATEMENTS.totals),
        dayTotals: db.prepare(TOTALS_STATEMENTS.dayTotals),
        termTotals: db.prepare(TOTALS_STATEMENTS.termTotals),
      },
      dayColumns: new PageDayColumns(db),
      queue: db.prepare(QUEUE_STATEMENT.replace('/*excluded*/', excluding ? EXCLUDED_ACCOUNTS : '')),
    };
  }
}
