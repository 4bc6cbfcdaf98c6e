import path from 'node:path';
import Database from 'better-sqlite3';
import { addDays, jstDate } from '../../shared/dates.ts';
import type { RunningBank } from '../../simulator/bank-server.ts';
import type { BankTransaction } from '../../main/connectors/bank-connector.ts';
import { DATABASE_FILE } from '../../main/store/app-database.ts';

/** One statement line, the same shape on both sides so a test can compare them whole. */
export interface StatementLine {
  itemKey: string;
  transactionDate: string;
  type: string;
  amount: number;
  remarks: string;
  balance: number;
}

/**
 * What the bank holds for an account over the two years its API serves, read from the running
 * simulator's own database: the oracle the client's ledger is compared with.
 */
export function bankStatement(
  bank: Pick<RunningBank, 'db' | 'config'>,
  bankAccountId: string,
): StatementLine[] {
  const servedFrom = addDays(jstDate(Date.now()), -729);
  // The itemKey as the bank's API dialect writes it: ours the sequence in 10 digits, GMO's the
  // row's date and then the sequence in 12 (simulator/api/gmo/gmo-routes.ts).
  const itemKey =
    bank.config.apiDialect === 'gmo-aozora'
      ? `replace(transaction_date, '-', '') || printf('%012d', seq)`
      : `printf('%010d', seq)`;
  return bank.db
    .prepare(
      `SELECT ${itemKey} AS itemKey, transaction_date AS transactionDate, type, amount, remarks, balance
       FROM transactions WHERE account_id = ? AND transaction_date >= ? ORDER BY seq`,
    )
    .all(bankAccountId, servedFrom) as StatementLine[];
}

/** What the desktop app's store holds for that account, in the order it arrived (the bank's). */
export function ledgerStatement(dataDir: string, bankAccountId: string): StatementLine[] {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db
      .prepare(
        `SELECT t.item_key AS itemKey, t.transaction_date AS transactionDate, t.type, t.amount, t.remarks, t.balance
         FROM transactions t JOIN accounts a ON a.id = t.account_id
         WHERE a.bank_account_id = ? ORDER BY t.seq`,
      )
      .all(bankAccountId) as StatementLine[];
  } finally {
    db.close();
  }
}

/** The bank account ids the ledger knows, with the app's own account ids. */
export function ledgerAccounts(dataDir: string): Array<{ id: string; bankAccountId: string }> {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db
      .prepare(`SELECT CAST(id AS TEXT) AS id, bank_account_id AS bankAccountId FROM accounts ORDER BY id`)
      .all() as Array<{
      id: string;
      bankAccountId: string;
    }>;
  } finally {
    db.close();
  }
}

/** A statement line as a bank's API sends it, for a test that writes its own pages (no balance kept). */
export const bankTransaction = (
  itemKey: string,
  date: string,
  type: '1' | '2',
  amount: number,
  remarks: string,
): BankTransaction => ({
  itemKey,
  transactionDate: date,
  valueDate: date,
  transactionType: type,
  amount: String(amount),
  remarks,
  balance: '0',
});
