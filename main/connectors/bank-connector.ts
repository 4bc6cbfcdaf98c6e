import type { AccessTokenSource } from './bank-http.ts';

/**
 * The seam between the sync engine and a bank: what the engine asks of any bank, in the app's
 * words. One connector per API dialect (connector-factory.ts) turns a bank's paths, headers,
 * fields and error codes into these; the engine never sees them.
 */
export interface BankConnector {
  accounts(): Promise<BankAccount[]>;
  balances(): Promise<BankBalance[]>;
  /**
   * One page of an account's statement from `dateFrom` to today, oldest first. With a refused
   * `nextItemKey` it throws a BankRefusal of kind `bad-key`, whatever the bank's code for it.
   */
  transactionsPage(query: {
    accountId: string;
    dateFrom: string;
    nextItemKey?: string;
  }): Promise<TransactionsPage>;
}

export interface ConnectorOptions {
  apiBase: string;
  tokens: AccessTokenSource;
  onRetryWait?: (waitMs: number, status: number | undefined) => void;
}

/** An account as any bank lists it. What a bank leaves out for some account types stays absent. */
export interface BankAccount {
  accountId: string;
  accountTypeCode: string;
  accountTypeName: string;
  branchCode?: string;
  branchName?: string;
  accountNumber?: string;
  /** The holder's name (口座名義). */
  accountName?: string;
  /** ISO 4217; JPY where the bank does not say. */
  currencyCode: string;
  /** Whether the bank serves this account's statement (GMO: 普通預金 only). */
  servesStatements: boolean;
}

export interface BankBalance {
  accountId: string;
  /** Integer yen: the balance, or a foreign-currency account's yen equivalent; absent if not sent. */
  balance?: number;
  /** A foreign-currency account's balance as the bank wrote it (decimal string), with its currency. */
  foreignBalance?: string;
  currencyCode: string;
  /** JST. */
  baseDate: string;
  /** JST, `HH:MM` or `HH:MM:SS` (an offset the bank sent is applied). */
  baseTime?: string;
}

/**
 * A statement row. Amounts and balances stay the API's strings of digits (a leading minus where the
 * dialect allows one) and become integer yen where they are stored: this runs on 100,000 rows.
 */
export interface BankTransaction {
  itemKey: string;
  transactionDate: string;
  valueDate: string;
  transactionType: '1' | '2';
  amount: string;
  remarks?: string | undefined;
  balance: string;
}

export interface TransactionsPage {
  /** The last day the page's run covers (the bank's dateTo). */
  dateTo: string;
  hasNext: boolean;
  nextItemKey?: string | undefined;
  transactions: BankTransaction[];
}
