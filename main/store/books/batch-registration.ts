import type { Statement } from 'better-sqlite3';
import { baseTaxOf, categoryInForce, type SellerRegistration } from '../../../shared/tax-periods.ts';
import type { AppDatabase } from '../app-database.ts';
import type { LineKind } from './bank-lines.ts';
import { jstDate } from '../../../shared/dates.ts';
import type { JournalSide, TaxCode } from '../../../shared/ipc/books-contract.ts';
import type { NewEntry } from './book-rows.ts';
import type { RuleScratch } from './rule-scratch.ts';

const sideColumns = (side: JournalSide): [string, string | null, TaxCode] => [
  side.titleCode,
  side.subTitle ?? null,
  side.taxCode,
];

/**
 * Rule application's writes, set-based. A rule looks at a line's folded remarks, its direction and
 * (only when some rule has an amount range) its amount, and the entry it makes depends besides on
 * the line's account and its remarks as printed (memo, 取引先); so the rule matcher decides once per
 * such kind of line, in JavaScript, and SQL copies each decision onto the lines of its kind — an
 * entry, a review and the line's removal from the queue per line, a statement each per batch.
 * Writing a line at a time through prepared statements (and a trigger per review) took over five
 * times the one-statement floor of npm run bench:books.
 */

/**
 * What a kind of line becomes: its entry's two sides (entry-lines.ts's bankLineSides), 取引先,
 * 摘要 and rule, less the line's own date and amount; and whether its 取引先 is a registered
 * issuer — the tax category in force depends on each line's date (shared/tax-periods.ts), so SQL
 * asks that function per line.
 */
export type KindOutcome = Pick<LineKind, 'accountId' | 'remarks' | 'type' | 'amount'> &
  Pick<NewEntry, 'counterparty' | 'memo' | 'ruleId'> & {
    debit: JournalSide;
    credit: JournalSide;
    sellerRegistered?: SellerRegistration;
  };

const registeredFlag = (seller: SellerRegistration): 0 | 1 | null =>
  seller === true ? 1 : seller === false ? 0 : null;

/** Whether a kind's category may depend on the line's date: only then is the function asked. */
const byDate = (o: KindOutcome): 0 | 1 =>
  o.sellerRegistered === false || [o.debit, o.credit].some((s) => baseTaxOf(s.taxCode) !== s.taxCode) ? 1 : 0;

export type QueueKey = { accountId: number; itemKey: string };

/**
 * A batch's queue keys: the next :size after (:afterAccount, :afterKey), read from the queue's
 * primary key. Bounded by the last key instead, (after, last], SQLite searched by the account
 * alone — every key of the account, a third of the queue, read per batch.
 */
const BATCH_KEYS = `SELECT account_id, item_key FROM books_queue
  WHERE (account_id, item_key) > (:afterAccount, :afterKey) ORDER BY account_id, item_key LIMIT :size`;

/**
 * Decisions written to the scratch table per transaction while it is prepared: a thousand took
 * 12–35 ms a step on the busy 2-core machine (bench:blocking), so a quarter of that.
 */
const SCRATCH_CHUNK = 250;

export class BatchRegistration {
  private readonly db: AppDatabase;
  private readonly outcomes: readonly KindOutcome[];
  private readonly scratch: RuleScratch;
  private readonly byAmount: boolean;
  private readonly nextBatchEnd: Statement;
  private readonly lastEntryId: Statement;
  private readonly unregistrable: Statement;
  /** The lines a 自動登録 rule won but no entry can hold, as the batches so far met them. */
  readonly skipped: QueueKey[] = [];
  private readonly statements: Statement[];

  /**
   * `byAmount`: whether a kind includes the amount (some rule has an amount range); `outcomes`:
   * the decisions, the kinds a 自動登録 rule wins and what each becomes; `scratch`: the application's
   * held lines, which no batch registers (rule-scratch.ts), its TEMP tables created first.
   */
  constructor(db: AppDatabase, byAmount: boolean, outcomes: readonly KindOutcome[], scratch: RuleScratch) {
    this.db = db;
    this.byAmount = byAmount;
    this.outcomes = outcomes;
    this.scratch = scratch;
    // Connection-private scratch tables: the decisions, and one batch's won lines numbered in key
    // order (so an entry and its line's review take their id from one numbering), each with what
    // the entry and the review copy from it, so the bank's rows are read once.
    db.exec(`
      CREATE TEMP TABLE IF NOT EXISTS kind_outcomes (
        id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, remarks TEXT NOT NULL, type TEXT NOT NULL,
        amount INTEGER NOT NULL, debit_title TEXT NOT NULL, debit_sub TEXT, debit_tax TEXT NOT NULL,
        credit_title TEXT NOT NULL, credit_sub TEXT, credit_tax TEXT NOT NULL, counterparty TEXT NOT NULL,
        memo TEXT NOT NULL, rule_id INTEGER, seller_registered INTEGER, by_date INTEGER NOT NULL,
        UNIQUE (account_id, remarks, type, amount));
      CREATE TEMP TABLE IF NOT EXISTS batch_won (
        n INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, item_key TEXT NOT NULL, outcome_id INTEGER NOT NULL,
        bank_account_id TEXT NOT NULL, line_date TEXT NOT NULL, line_type TEXT NOT NULL,
        line_amount INTEGER NOT NULL, line_remarks TEXT NOT NULL);
    `);
    // The one rule for the category in force, called by SQL for each line's date.
    db.function('books_tax_in_force', { deterministic: true }, (date, registered, tax) =>
      categoryInForce(
        String(date),
        registered === null ? null : registered === 1,
        tax as Parameters<typeof categoryInForce>[2],
      ),
    );
    this.nextBatchEnd = db.prepare(
      `SELECT accountId, itemKey FROM (
         SELECT account_id AS accountId, item_key AS itemKey FROM books_queue
         WHERE (account_id, item_key) > (?, ?) ORDER BY account_id, item_key LIMIT ?)
       ORDER BY accountId DESC, itemKey DESC LIMIT 1`,
    );
    // A line no entry can hold (a negative amount, which GMO's dialect allows, where an entry's
    // amount is never negative) is left 未処理 and reported, not allowed to fail the whole batch.
    this.unregistrable = db.prepare(
      `SELECT q.account_id AS accountId, q.item_key AS itemKey
       FROM (${BATCH_KEYS}) q CROSS JOIN transactions t USING (account_id, item_key)
       WHERE t.amount < 0
         AND EXISTS (SELECT 1 FROM temp.kind_outcomes o WHERE o.account_id = t.account_id
           AND o.remarks = t.remarks AND o.type = t.type AND o.amount = ${byAmount ? 't.amount' : '0'})
       ORDER BY q.account_id, q.item_key`,
    );
    this.lastEntryId = db.prepare('SELECT coalesce(max(id), 0) AS id FROM book_entries').pluck();
    this.statements = [
      db.prepare('DELETE FROM temp.batch_won'),
      db.prepare(
        `INSERT INTO temp.batch_won (account_id, item_key, outcome_id, bank_account_id, line_date, line_type,
           line_amount, line_remarks)
         SELECT q.account_id, q.item_key, o.id, a.bank_account_id, t.transaction_date, t.type, t.amount, t.remarks
         FROM (${BATCH_KEYS}) q CROSS JOIN transactions t USING (account_id, item_key)
         JOIN accounts a ON a.id = t.account_id
         JOIN temp.kind_outcomes o ON o.account_id = t.account_id AND o.remarks = t.remarks
           AND o.type = t.type AND o.amount = ${byAmount ? 't.amount' : '0'}
         WHERE t.amount >= 0
           -- A line before the opening balances is in them already (BOOKS_DATE_BEFORE_OPENING): left 未処理.
           AND t.transaction_date >= coalesce((SELECT as_of FROM book_opening WHERE id = 1), '')
           AND NOT EXISTS (SELECT 1 FROM temp.held_lines h
             WHERE h.account_id = q.account_id AND h.item_key = q.item_key)
         ORDER BY q.account_id, q.item_key`,
      ),
      // Ids follow the largest, as SQLite itself gives them (the table has no AUTOINCREMENT): the
      // batch's n-th won line makes entry :base + n, and its review names that entry.
      db.prepare(
        `INSERT INTO book_entries (id, source, recorded_on, created_at, version, deleted)
         SELECT :base + w.n, 'bank', :on, :at, 1, 0 FROM temp.batch_won w`,
      ),
      db.prepare(
        `INSERT INTO book_entry_versions (entry_id, version, change, entry_date, counterparty, memo, rule_id,
           reason, written_at)
         SELECT :base + w.n, 1, 'registered', w.line_date, o.counterparty, o.memo, o.rule_id, '', :at
         FROM temp.batch_won w JOIN temp.kind_outcomes o ON o.id = w.outcome_id`,
      ),
      // Two lines of the line's amount each: balanced by construction (entry-lines.ts lays them out).
      ...(['debit', 'credit'] as const).map((side, i) =>
        db.prepare(
          `INSERT INTO book_entry_lines (entry_id, version, line_no, side, title_code, sub_title, tax_code, amount)
           SELECT :base + w.n, 1, ${i + 1}, '${side}', o.${side}_title, o.${side}_sub,
             CASE o.by_date WHEN 1 THEN books_tax_in_force(w.line_date, o.seller_registered, o.${side}_tax)
               ELSE o.${side}_tax END,
             w.line_amount
           FROM temp.batch_won w JOIN temp.kind_outcomes o ON o.id = w.outcome_id`,
        ),
      ),
      db.prepare(
        `INSERT INTO line_reviews (bank_account_id, item_key, status, entry_id, line_date, line_type,
           line_amount, line_remarks, reviewed_at, line_remarks_folded)
         SELECT w.bank_account_id, w.item_key, 'registered', :base + w.n, w.line_date, w.line_type,
           w.line_amount, w.line_remarks, :at,
           (SELECT t.remarks_folded FROM transactions t WHERE t.account_id = w.account_id AND t.item_key = w.item_key)
         FROM temp.batch_won w`,
      ),
      db.prepare(
        `DELETE FROM books_queue WHERE (account_id, item_key) IN
           (SELECT account_id, item_key FROM temp.batch_won)`,
      ),
    ];
  }

  /**
   * Writes the decisions into the scratch table before the first batch, a chunk per step (each
   * chunk one transaction: the table is this connection's own, TEMP, so a step between chunks
   * shows no other call half of it); `budgetMs` sizes the steps by the clock, Infinity writes
   * them in one step. Yields the decisions each step wrote.
   */
  *prepareInSteps(budgetMs: number): Generator<number, void> {
    const { outcomes } = this;
    const insert = this.db.prepare(
      `INSERT INTO temp.kind_outcomes (account_id, remarks, type, amount, debit_title, debit_sub,
         debit_tax, credit_title, credit_sub, credit_tax, counterparty, memo, rule_id, seller_registered, by_date)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.db.prepare('DELETE FROM temp.kind_outcomes').run();
    let started = performance.now();
    let written = 0;
    for (let from = 0; from < outcomes.length; from += SCRATCH_CHUNK) {
      this.db.transaction(() => {
        for (const o of outcomes.slice(from, from + SCRATCH_CHUNK)) this.insertOutcome(insert, o);
      })();
      written += Math.min(SCRATCH_CHUNK, outcomes.length - from);
      if (performance.now() - started >= budgetMs) {
        yield written;
        written = 0;
        started = performance.now();
      }
    }
  }

  private insertOutcome(insert: Statement, o: KindOutcome): void {
    insert.run(
      o.accountId,
      o.remarks,
      o.type,
      this.byAmount ? o.amount : 0,
      ...sideColumns(o.debit),
      ...sideColumns(o.credit),
      o.counterparty,
      o.memo,
      o.ruleId ?? null,
      registeredFlag(o.sellerRegistered),
      byDate(o),
    );
  }

  /** The last queue key of the next `size` after `after`: a batch's upper bound, or none left. */
  batchEnd(after: QueueKey | undefined, size: number): QueueKey | undefined {
    return this.nextBatchEnd.get(after?.accountId ?? -1, after?.itemKey ?? '', size) as QueueKey | undefined;
  }

  /**
   * Registers the won lines among the next `size` queue keys after `after` (batchEnd's range, asked
   * in the same turn) — the caller's transaction makes it all or none — and answers how many.
   */
  registerBatch(after: QueueKey | undefined, size: number, at: string): number {
    const [clear, pick, heads, versions, debits, credits, reviews, dequeue] = this.statements as [
      Statement,
      Statement,
      Statement,
      Statement,
      Statement,
      Statement,
      Statement,
      Statement,
    ];
    // Another application began between two of this one's steps: its decisions and held lines
    // are in the tables now (the caller prepares again when `scratch.current` says so).
    if (!this.scratch.current)
      throw new Error('rule application: the scratch tables are another application’s');
    clear.run();
    const range = { afterAccount: after?.accountId ?? -1, afterKey: after?.itemKey ?? '', size };
    this.skipped.push(...(this.unregistrable.all(range) as QueueKey[]));
    const won = pick.run(range).changes;
    if (won === 0) return 0;
    const base = this.lastEntryId.get() as number;
    heads.run({ base, at, on: jstDate(new Date(at)) });
    versions.run({ base, at });
    debits.run({ base });
    credits.run({ base });
    reviews.run({ base, at });
    dequeue.run();
    return won;
  }
}
