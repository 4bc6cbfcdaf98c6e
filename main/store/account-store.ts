import type { BankAccount, BankBalance } from '../connectors/bank-connector.ts';
import { preparedOnce, type AppDatabase } from './app-database.ts';

/** An account as the store knows it: the app's id beside the bank's. */
export interface StoredAccount {
  id: number;
  bankAccountId: string;
  /** Whether the bank serves its statement (a 円定期預金 at GMO shows its balance only). */
  servesStatements: boolean;
}

/** The `accounts` table's account and balance columns (the sync cursor is sync-state-store.ts's). */
export class AccountStore {
  private readonly db: AppDatabase;

  constructor(db: AppDatabase) {
    this.db = db;
  }

  /** Adds the accounts the bank lists and refreshes their names; returns them with the app's ids. */
  upsert(connectionId: string, accounts: readonly BankAccount[]): StoredAccount[] {
    // What a bank leaves out for some account types (GMO: branch, number and holder only for
    // 普通預金) is stored as '' in the columns that were NOT NULL before such banks were linked.
    const upsert = preparedOnce(
      this.db,
      `INSERT INTO accounts (connection_id, bank_account_id, branch_code, branch_name, account_type_code,
         account_type_name, account_number, account_name, currency_code, serves_statements)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (connection_id, bank_account_id) DO UPDATE SET
         branch_code = excluded.branch_code, branch_name = excluded.branch_name,
         account_type_code = excluded.account_type_code, account_type_name = excluded.account_type_name,
         account_number = excluded.account_number, account_name = excluded.account_name,
         currency_code = excluded.currency_code, serves_statements = excluded.serves_statements
       RETURNING id`,
    );
    return this.db.transaction(() =>
      accounts.map((a) => ({
        id: (
          upsert.get(
            connectionId,
            a.accountId,
            a.branchCode ?? null,
            a.branchName ?? '',
            a.accountTypeCode,
            a.accountTypeName,
            a.accountNumber ?? '',
            a.accountName ?? '',
            a.currencyCode,
            a.servesStatements ? 1 : 0,
          ) as { id: number }
        ).id,
        bankAccountId: a.accountId,
        servesStatements: a.servesStatements,
      })),
    )();
  }

  of(connectionId: string): StoredAccount[] {
    return (
      this.db
        .prepare(
          `SELECT id, bank_account_id AS bankAccountId, serves_statements AS serves
           FROM accounts WHERE connection_id = ? ORDER BY id`,
        )
        .all(connectionId) as Array<{ id: number; bankAccountId: string; serves: number }>
    ).map(({ id, bankAccountId, serves }) => ({ id, bankAccountId, servesStatements: serves === 1 }));
  }

  /** The holder names (口座名義) of a connection's accounts: whose link it is. */
  holderNames(connectionId: string): string[] {
    const rows = this.db
      .prepare(`SELECT account_name AS name FROM accounts WHERE connection_id = ? ORDER BY id`)
      .all(connectionId) as Array<{ name: string }>;
    return [...new Set(rows.map((r) => r.name).filter((name) => name !== ''))];
  }

  updateBalances(connectionId: string, balances: readonly BankBalance[]): void {
    const update = preparedOnce(
      this.db,
      `UPDATE accounts SET balance = ?, foreign_balance = ?, balance_base_date = ?, balance_base_time = ?
       WHERE connection_id = ? AND bank_account_id = ?`,
    );
    this.db.transaction(() => {
      for (const b of balances) {
        update.run(
          b.balance ?? null,
          b.foreignBalance ?? null,
          b.baseDate,
          b.baseTime ?? null,
          connectionId,
          b.accountId,
        );
      }
    })();
  }
}
