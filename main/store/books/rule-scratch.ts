import type { Statement } from 'better-sqlite3';
import type { AppDatabase } from '../app-database.ts';
import { RANGE_KEYS, rangeOf } from './bank-lines.ts';

/**
 * The rule application's lines apart, in the connection's own TEMP tables rather than on the JS
 * heap: the 未処理 lines of the amounts a transfer's halves may have (the candidates the transfer
 * matcher pairs, an amount at a time), and the held lines — both halves of each pair found, and the
 * payments of open items waiting for their 消込 — that no rule may register (batch-registration.ts
 * leaves them out of every batch, compound-rule-application.ts too).
 *
 * On a million-line queue nearly every line is a candidate and ~770,000 are held: kept as a JS
 * object a line, for the whole application and after it (the last registration kept them for a
 * retake), they were ~65 MB of the core's heap, and each full garbage collection over them paused
 * every IPC call for 40–120 ms (bench:blocking). Here they are SQLite's pages, off the heap.
 *
 * One application's scratch at a time per connection: a new one (another application, in slices
 * or in one go, run between two steps of this one) empties the tables, and `current` tells the one
 * it replaced, which then prepares again rather than register by tables it no longer owns.
 */
/** A queue line's key (batch-registration.ts's QueueKey). */
type QueueKey = { accountId: number; itemKey: string };

export class RuleScratch {
  private readonly db: AppDatabase;
  private readonly generation: number;
  private readonly addCandidates: Statement;
  private readonly candidates: Statement;
  private readonly dropAmount: Statement;
  private readonly holdKeys: Statement;
  private readonly heldKey: Statement;

  constructor(db: AppDatabase) {
    this.db = db;
    this.generation = (generations.get(db) ?? 0) + 1;
    generations.set(db, this.generation);
    db.exec(`
      CREATE TEMP TABLE IF NOT EXISTS held_lines (
        account_id INTEGER NOT NULL, item_key TEXT NOT NULL, PRIMARY KEY (account_id, item_key));
      CREATE TEMP TABLE IF NOT EXISTS transfer_candidates (
        amount INTEGER NOT NULL, account_id INTEGER NOT NULL, item_key TEXT NOT NULL,
        date TEXT NOT NULL, type TEXT NOT NULL, PRIMARY KEY (amount, account_id, item_key)) WITHOUT ROWID;
      DELETE FROM temp.held_lines;
      DELETE FROM temp.transfer_candidates;
    `);
    this.addCandidates = db.prepare(
      `INSERT INTO temp.transfer_candidates (amount, account_id, item_key, date, type)
       SELECT t.amount, t.account_id, t.item_key, t.transaction_date, t.type FROM ${RANGE_KEYS}
       WHERE t.amount IN (SELECT value FROM json_each(?))`,
    );
    this.candidates = db.prepare(
      `SELECT account_id AS accountId, item_key AS itemKey, date, type
       FROM temp.transfer_candidates WHERE amount = ? ORDER BY account_id, item_key`,
    );
    this.dropAmount = db.prepare('DELETE FROM temp.transfer_candidates WHERE amount = ?');
    this.holdKeys = db.prepare(
      `INSERT OR IGNORE INTO temp.held_lines (account_id, item_key)
       SELECT value ->> 0, value ->> 1 FROM json_each(?)`,
    );
    this.heldKey = db.prepare('SELECT 1 FROM temp.held_lines WHERE account_id = ? AND item_key = ?').pluck();
  }

  /** Whether the tables are still this application's (no other began since). */
  get current(): boolean {
    return generations.get(this.db) === this.generation;
  }

  /**
   * The 未処理 lines of `amounts` (a JSON array) among the next `size` queue keys after `after`
   * kept as candidates, copied by SQL (queue-scan.ts's ranges); answers how many.
   */
  addCandidatesIn(after: QueueKey | undefined, size: number, amounts: string): number {
    return this.addCandidates.run(...rangeOf(after, size), amounts).changes;
  }

  /**
   * The candidates of one amount, in the queue's key order, taken out of the table: its rows are
   * kept by amount (a group is read from consecutive pages: read through the amount's index from
   * a table in the order of the queue, a group of 4,000 took 400 ms of page reads at a million
   * lines), and each group goes once read, so the table empties as the matching goes.
   */
  takeCandidatesOf(amount: number): { accountId: number; itemKey: string; date: string; type: '1' | '2' }[] {
    const group = this.candidates.all(amount) as {
      accountId: number;
      itemKey: string;
      date: string;
      type: '1' | '2';
    }[];
    this.dropAmount.run(amount);
    return group;
  }

  /** Holds these lines (a transfer's halves, 消込's payments). */
  hold(keys: readonly QueueKey[]): void {
    if (keys.length > 0) this.holdKeys.run(JSON.stringify(keys.map((k) => [k.accountId, k.itemKey])));
  }

  isHeld(key: QueueKey): boolean {
    return this.heldKey.get(key.accountId, key.itemKey) !== undefined;
  }

  /** The application is over: both tables emptied, unless another application owns them now. */
  release(): void {
    if (!this.current) return;
    this.db.exec('DELETE FROM temp.held_lines; DELETE FROM temp.transfer_candidates;');
  }
}

/** Per connection, how many scratches began: the newest owns the tables. A number, nothing held. */
const generations = new WeakMap<AppDatabase, number>();
