import type { Statement } from 'better-sqlite3';
import { foldKana } from '../../shared/kana.ts';
import type { BankTransaction } from '../connectors/bank-connector.ts';
import type { AppDatabase } from './app-database.ts';
import { PageUpkeep } from './page-upkeep.ts';

const MAX_FOLDED_REMARKS = 10_000;

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
  writePage(
    accountId: number,
    rows: readonly BankTransaction[],
    next: RunContinuation,
  ): number | Promise<number>;
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
    this.saveCursor = db.prepare(
      'UPDATE accounts SET run_date_from = ?, next_item_key = ?, next_seq = ? WHERE id = ?',
    );
  }

  /**
   * Writes one page's rows — or several pages' in the order they came, the sync writing a few at a
   * time — with where the run goes on from after the last of them; returns the rows that were new.
   */
  writePage(accountId: number, rows: readonly BankTransaction[], next: RunContinuation): number {
    return this.db.transaction(() => {
      const firstSeq = this.nextSeq.get(accountId) as number;
      let seq = firstSeq;
      let added = 0;
      if (rows.length > 0) {
        this.upkeep.write(accountId, firstSeq, (staged) => {
          for (const t of rows) {
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
    })();
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
