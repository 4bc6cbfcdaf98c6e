import type { Statement } from 'better-sqlite3';
import type { AppErrorInfo } from '../../shared/app-errors.ts';
import { foldKana } from '../../shared/kana.ts';
import type { ApiScope, Channel } from '../../shared/bank/oauth.ts';
import type {
  AccountView,
  ConnectionStatus,
  ConnectionView,
  StatementPage,
  SyncOutcome,
} from '../../shared/ipc/contract.ts';
import type { BankAccountData, BankBalanceData, BankTransactionData } from '../bank-api/api-schemas.ts';
import type { LedgerDatabase } from './ledger-database.ts';
import { queryStatement, type StatementQuery } from './statement-query.ts';

export interface ConnectionRecord {
  id: string;
  profileId: string;
  bankName: string;
  issuer: string;
  channel: Channel;
  scopes: ApiScope[];
  status: ConnectionStatus;
  linkedAt: string;
  expiresAt: string;
}

export interface SyncCursor {
  runDateFrom: string | null;
  nextItemKey: string | null;
  syncedThrough: string | null;
}

export interface LedgerAccount {
  id: number;
  bankAccountId: string;
}

interface ConnectionRow {
  id: string;
  profile_id: string;
  bank_name: string;
  issuer: string;
  channel: Channel;
  scopes: string;
  status: ConnectionStatus;
  linked_at: string;
  expires_at: string;
  last_sync: string | null;
}

const toRecord = (row: ConnectionRow): ConnectionRecord => ({
  id: row.id,
  profileId: row.profile_id,
  bankName: row.bank_name,
  issuer: row.issuer,
  channel: row.channel,
  scopes: row.scopes.split(' ').filter(Boolean) as ApiScope[],
  status: row.status,
  linkedAt: row.linked_at,
  expiresAt: row.expires_at,
});

const MAX_FOLDED_REMARKS = 10_000;

/**
 * The ledger's reads and writes. Every write that must not be half-done (a page of transactions
 * and its cursor, a connection and its accounts) is one SQLite transaction here.
 */
export class LedgerStore {
  private readonly db: LedgerDatabase;
  private readonly insertTransaction: Statement;
  private readonly saveCursor: Statement;
  /**
   * Folded remarks by remarks. Statements repeat a few remarks (ﾌﾘｺﾐﾃｽｳﾘﾖｳ after every transfer),
   * so a 100,000-row sync folds each distinct one once instead of running NFKC on every row.
   */
  private readonly folded = new Map<string, string>();

  constructor(db: LedgerDatabase) {
    this.db = db;
    this.insertTransaction = db.prepare(
      `INSERT OR IGNORE INTO transactions
         (account_id, item_key, transaction_date, value_date, type, amount, remarks, remarks_folded, balance)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.saveCursor = db.prepare('UPDATE accounts SET run_date_from = ?, next_item_key = ? WHERE id = ?');
  }

  // --- connections ---

  insertConnection(record: ConnectionRecord): void {
    this.db
      .prepare(
        `INSERT INTO connections (id, profile_id, bank_name, issuer, channel, scopes, status, linked_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        record.id,
        record.profileId,
        record.bankName,
        record.issuer,
        record.channel,
        record.scopes.join(' '),
        record.status,
        record.linkedAt,
        record.expiresAt,
      );
  }

  connection(id: string): ConnectionRecord | undefined {
    const row = this.db.prepare('SELECT * FROM connections WHERE id = ?').get(id) as
      ConnectionRow | undefined;
    return row && toRecord(row);
  }

  connections(): ConnectionRecord[] {
    return (this.db.prepare('SELECT * FROM connections ORDER BY linked_at').all() as ConnectionRow[]).map(
      toRecord,
    );
  }

  connectionViews(): ConnectionView[] {
    const rows = this.db.prepare('SELECT * FROM connections ORDER BY linked_at').all() as ConnectionRow[];
    return rows.map((row) => ({
      ...toRecord(row),
      ...(row.last_sync ? { lastSync: JSON.parse(row.last_sync) as SyncOutcome } : {}),
    }));
  }

  setConnectionStatus(id: string, status: ConnectionStatus): void {
    this.db.prepare('UPDATE connections SET status = ? WHERE id = ?').run(status, id);
  }

  /** A new consent on an existing connection (re-link): same id, same accounts, new dates. */
  renewConnection(id: string, link: { scopes: ApiScope[]; linkedAt: string; expiresAt: string }): void {
    this.db
      .prepare(
        `UPDATE connections SET status = 'active', scopes = ?, linked_at = ?, expires_at = ? WHERE id = ?`,
      )
      .run(link.scopes.join(' '), link.linkedAt, link.expiresAt, id);
  }

  setExpiry(id: string, expiresAt: string): void {
    this.db.prepare('UPDATE connections SET expires_at = ? WHERE id = ?').run(expiresAt, id);
  }

  recordSync(outcome: SyncOutcome): void {
    this.db
      .prepare('UPDATE connections SET last_sync = ? WHERE id = ?')
      .run(JSON.stringify(outcome), outcome.connectionId);
  }

  /** Deletes a connection with its accounts and transactions (foreign keys cascade). */
  deleteConnection(id: string): void {
    this.db.prepare('DELETE FROM connections WHERE id = ?').run(id);
  }

  // --- accounts and balances ---

  /** Adds the accounts the bank lists and refreshes their names; returns them with the ledger's ids. */
  upsertAccounts(connectionId: string, accounts: readonly BankAccountData[]): LedgerAccount[] {
    const upsert = this.db.prepare(
      `INSERT INTO accounts (connection_id, bank_account_id, branch_name, account_type_name, account_number, account_name)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (connection_id, bank_account_id) DO UPDATE SET
         branch_name = excluded.branch_name, account_type_name = excluded.account_type_name,
         account_number = excluded.account_number, account_name = excluded.account_name
       RETURNING id`,
    );
    return this.db.transaction(() =>
      accounts.map((a) => ({
        id: (
          upsert.get(
            connectionId,
            a.accountId,
            a.branchName,
            a.accountTypeName,
            a.accountNumber,
            a.accountName,
          ) as { id: number }
        ).id,
        bankAccountId: a.accountId,
      })),
    )();
  }

  accountsOf(connectionId: string): LedgerAccount[] {
    return this.db
      .prepare(
        'SELECT id, bank_account_id AS bankAccountId FROM accounts WHERE connection_id = ? ORDER BY id',
      )
      .all(connectionId) as LedgerAccount[];
  }

  updateBalances(connectionId: string, balances: readonly BankBalanceData[]): void {
    const update = this.db.prepare(
      `UPDATE accounts SET balance = ?, balance_base_date = ?, balance_base_time = ?
       WHERE connection_id = ? AND bank_account_id = ?`,
    );
    this.db.transaction(() => {
      for (const b of balances)
        update.run(Number(b.balance), b.baseDate, b.baseTime, connectionId, b.accountId);
    })();
  }

  accountViews(): AccountView[] {
    const rows = this.db
      .prepare(
        `SELECT a.*, c.bank_name,
           (SELECT count(*) FROM transactions t WHERE t.account_id = a.id) AS transaction_count
         FROM accounts a JOIN connections c ON c.id = a.connection_id
         ORDER BY c.linked_at, a.id`,
      )
      .all() as Array<Record<string, string | number | null>>;
    return rows.map((r): AccountView => {
      const view: AccountView = {
        id: String(r.id),
        connectionId: String(r.connection_id),
        bankName: String(r.bank_name),
        branchName: String(r.branch_name),
        accountTypeName: String(r.account_type_name),
        maskedNumber: `****${String(r.account_number).slice(-4)}`,
        accountName: String(r.account_name),
        transactionCount: Number(r.transaction_count),
      };
      if (r.balance !== null) view.balance = Number(r.balance);
      if (r.balance_base_date !== null) view.balanceBaseDate = String(r.balance_base_date);
      if (r.balance_base_time !== null) view.balanceBaseTime = String(r.balance_base_time);
      if (r.last_synced_at !== null) view.lastSyncedAt = String(r.last_synced_at);
      if (r.last_error !== null) view.lastError = JSON.parse(String(r.last_error)) as AppErrorInfo;
      return view;
    });
  }

  // --- sync cursor and transactions ---

  cursor(accountId: number): SyncCursor {
    return this.db
      .prepare(
        'SELECT run_date_from AS runDateFrom, next_item_key AS nextItemKey, synced_through AS syncedThrough FROM accounts WHERE id = ?',
      )
      .get(accountId) as SyncCursor;
  }

  /**
   * One page of the bank's statement and where the run goes on from, in one transaction: after a
   * crash the ledger holds whole pages and a cursor that matches them. Returns the rows that were new.
   */
  writePage(
    accountId: number,
    rows: readonly BankTransactionData[],
    next: { runDateFrom: string; nextItemKey: string | null },
  ): number {
    return this.db.transaction(() => {
      let added = 0;
      for (const t of rows) {
        added += this.insertTransaction.run(
          accountId,
          t.itemKey,
          t.transactionDate,
          t.valueDate,
          t.transactionType,
          Number(t.amount),
          t.remarks,
          this.fold(t.remarks),
          Number(t.balance),
        ).changes;
      }
      this.saveCursor.run(next.runDateFrom, next.nextItemKey, accountId);
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

  /** The run reached the bank's last page: the next one starts from `syncedThrough`. */
  finishRun(accountId: number, syncedThrough: string, at: string): void {
    this.db
      .prepare(
        `UPDATE accounts SET run_date_from = NULL, next_item_key = NULL, synced_through = ?,
           last_synced_at = ?, last_error = NULL WHERE id = ?`,
      )
      .run(syncedThrough, at, accountId);
  }

  /** Forgets a run's position (the bank no longer knows its nextItemKey): the next run starts over. */
  abandonRun(accountId: number): void {
    this.db
      .prepare('UPDATE accounts SET run_date_from = NULL, next_item_key = NULL WHERE id = ?')
      .run(accountId);
  }

  setAccountError(accountId: number, error: AppErrorInfo | null): void {
    this.db
      .prepare('UPDATE accounts SET last_error = ? WHERE id = ?')
      .run(error ? JSON.stringify(error) : null, accountId);
  }

  /** A page of the 明細 view (statement-query.ts). */
  transactions(query: StatementQuery): StatementPage {
    return queryStatement(this.db, query);
  }
}
