import type { Statement } from 'better-sqlite3';
import { foldKana } from '../../shared/kana.ts';
import type { BankTransaction } from '../connectors/bank-connector.ts';
import type { AppDatabase } from './app-database.ts';
import { PageUpkeep } from './page-upkeep.ts';

const MAX_FOLDED_REMARKS = 10_000;

/** A row as the ledger keeps it, the fields the bank may change. */
interface KeptLine {
  itemKey: string;
  transactionDate: string;
  type: string;
  amount: number;
  remarks: string;
}

/** Where a run of a statement goes on from after a write: its first day, the bank's next page key. */
export interface RunContinuation {
  runDateFrom: string;
  nextItemKey: string | null;
}

/**
 * What the sync writes its pages through: the StatementWriter itself, or the thread that runs one
 * off the main process's thread (statement-write-thread.ts).
 */
export interface PageWriter {
  /** Writes the account's staged rows, if any, then `rows`, with the cursor `next`. */
  writePage(
    accountId: number,
    rows: readonly BankTransaction[],
    next: RunContinuation,
  ): number | Promise<number>;
  /**
   * Takes a checked page's rows now for the account's next write, when the writer can (true);
   * false: the caller keeps them and passes them to writePage.
   */
  stage?(accountId: number, rows: readonly BankTransaction[]): boolean;
  /** The account's staged rows are not to be written: its run ended without their write. */
  discardStaged?(accountId: number): void;
}

/**
 * Writes the bank's statement rows. A page and the cursor that follows it are one transaction:
 * after a crash the store holds whole pages and a cursor that matches them. Each new row gets the
 * account's next sequence number as it arrives — the order the bank sent the rows in, whatever its
 * itemKey looks like — and the statement view orders a day's rows by it. The structures derived from
 * the rows (search index, 明細 totals, day columns, review queue, changed lines) are kept in the
 * same transaction, set-based for the whole write, never per row (page-upkeep.ts).
 */
export class StatementWriter implements PageWriter {
  private readonly db: AppDatabase;
  private readonly insertRow: Statement;
  private readonly nextSeq: Statement;
  private readonly isKept: Statement;
  private readonly keptOfDays: Statement;
  private readonly saveCursor: Statement;
  private readonly upkeep: PageUpkeep;
  /**
   * Folded remarks by remarks. Statements repeat a few remarks (ﾌﾘｺﾐﾃｽｳﾘﾖｳ after every transfer),
   * so a 100,000-row sync folds each distinct one once instead of running NFKC on every row.
   */
  private readonly folded = new Map<string, string>();

  constructor(db: AppDatabase) {
    this.db = db;
    this.insertRow = db.prepare(
      `INSERT OR IGNORE INTO transactions
         (account_id, item_key, seq, transaction_date, value_date, type, amount, remarks, remarks_folded, balance)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.upkeep = new PageUpkeep(db);
    this.nextSeq = db.prepare('SELECT next_seq AS seq FROM accounts WHERE id = ?').pluck();
    this.isKept = db.prepare('SELECT 1 FROM transactions WHERE account_id = ? AND item_key = ?').pluck();
    this.keptOfDays = db.prepare(
      `SELECT item_key AS itemKey, transaction_date AS transactionDate, type, amount, remarks
       FROM transactions WHERE account_id = ? AND transaction_date BETWEEN ? AND ?`,
    );
    this.saveCursor = db.prepare(
      'UPDATE accounts SET run_date_from = ?, next_item_key = ?, next_seq = ? WHERE id = ?',
    );
  }

  /**
   * Writes one page's rows — or several pages' in the order they came, the sync writing a few at a
   * time — with where the run goes on from after the last of them; returns the rows that were new.
   */
  writePage(accountId: number, rows: readonly BankTransaction[], next: RunContinuation): number {
    // IMMEDIATE: the write lock from the start. A deferred transaction reads first (next_seq), and
    // when another connection (the main process's, beside the writer thread's) commits between
    // that read and the first insert, SQLite refuses the upgrade at once with SQLITE_BUSY instead
    // of waiting its busy timeout: a first sync failed so, beside the days' columns being built.
    return this.db
      .transaction(() => {
        const firstSeq = this.nextSeq.get(accountId) as number;
        let seq = firstSeq;
        let added = 0;
        const toWrite = this.withoutKeptAsSent(accountId, rows);
        if (toWrite.length > 0) {
          this.upkeep.write(accountId, firstSeq, (staged) => {
            for (const t of toWrite) {
              const row = {
                accountId,
                itemKey: t.itemKey,
                transactionDate: t.transactionDate,
                type: t.transactionType,
                amount: Number(t.amount),
                remarks: t.remarks ?? '',
                remarksFolded: this.fold(t.remarks ?? ''),
              };
              const changes = this.insertRow.run(
                accountId,
                row.itemKey,
                seq,
                row.transactionDate,
                t.valueDate,
                row.type,
                row.amount,
                row.remarks,
                row.remarksFolded,
                Number(t.balance),
              ).changes;
              staged(row, changes > 0 ? seq : undefined);
              seq += changes;
              added += changes;
            }
          });
        }
        this.saveCursor.run(next.runDateFrom, next.nextItemKey, seq, accountId);
        return added;
      })
      .immediate();
  }

  /**
   * The rows less those the ledger keeps exactly as sent: a repeat sync asks its overlap again, a
   * day to three of rows the ledger has (5,500 at 1,369 movements a day), and each was an ignored
   * insert and a second look-up to tell it unchanged. When the write's first row is known, the
   * kept rows of the write's days are read in one statement and compared here; a row found changed,
   * or not found (a date the bank moved), goes the insert's way, which records the change. A first
   * sync pays one look-up a write.
   */
  private withoutKeptAsSent(accountId: number, rows: readonly BankTransaction[]): readonly BankTransaction[] {
    if (rows.length === 0 || this.isKept.get(accountId, rows[0]!.itemKey) === undefined) return rows;
    let from = rows[0]!.transactionDate;
    let to = from;
    for (const { transactionDate } of rows) {
      if (transactionDate < from) from = transactionDate;
      if (transactionDate > to) to = transactionDate;
    }
    const kept = new Map<string, KeptLine>();
    for (const line of this.keptOfDays.iterate(accountId, from, to) as Iterable<KeptLine>) {
      kept.set(line.itemKey, line);
    }
    return rows.filter((t) => {
      const line = kept.get(t.itemKey);
      return !(
        line &&
        line.transactionDate === t.transactionDate &&
        line.type === t.transactionType &&
        line.amount === Number(t.amount) &&
        line.remarks === (t.remarks ?? '')
      );
    });
  }

  private fold(remarks: string): string {
    let folded = this.folded.get(remarks);
    if (folded === undefined) {
      if (this.folded.size >= MAX_FOLDED_REMARKS) this.folded.clear();
      folded = foldKana(remarks);
      this.folded.set(remarks, folded);
    }
    return folded;
  }
}
