/**
 * The account-information API's JSON (`/api/v1`), in the shape Japanese banks publish (GMO Aozora
 * style): amounts and counts are strings of digits, dates `YYYY-MM-DD` in JST, and a field that does
 * not apply is left out, never null.
 */
type AccountTypeCode = '01' | '02';

export interface ApiAccount {
  accountId: string;
  branchCode: string;
  branchName: string;
  accountTypeCode: AccountTypeCode;
  accountTypeName: string;
  accountNumber: string;
  /** "1" for the customer's main (代表) account, "2" for the others. */
  primaryAccountCode: '1' | '2';
  accountName: string;
  /** Half-width katakana. */
  accountNameKana: string;
  currencyCode: 'JPY';
  currencyName: string;
}

export interface AccountsResponse {
  accounts: ApiAccount[];
}

interface ApiBalance {
  accountId: string;
  accountTypeCode: AccountTypeCode;
  accountTypeName: string;
  balance: string;
  withdrawableAmount: string;
  previousDayBalance: string;
  previousMonthBalance: string;
  baseDate: string;
  baseTime: string;
  currencyCode: 'JPY';
  currencyName: string;
}

export interface BalancesResponse {
  balances: ApiBalance[];
}

/** "1" 入金 (deposit), "2" 出金 (withdrawal). */
type TransactionType = '1' | '2';

interface ApiTransaction {
  itemKey: string;
  transactionDate: string;
  valueDate: string;
  transactionType: TransactionType;
  amount: string;
  /** As the bank prints it, half-width katakana (ﾌﾘｺﾐ ﾔﾏﾀﾞ ﾀﾛｳ). */
  remarks: string;
  /** The balance right after this transaction. */
  balance: string;
}

export interface TransactionsResponse {
  accountId: string;
  currencyCode: 'JPY';
  currencyName: string;
  dateFrom: string;
  dateTo: string;
  baseDate: string;
  baseTime: string;
  hasNext: boolean;
  /** Present only when hasNext: pass it back to get the next page. */
  nextItemKey?: string;
  count: string;
  transactions: ApiTransaction[];
}

export type ApiErrorCode =
  | 'INVALID_PARAMETER'
  | 'INVALID_NEXT_ITEM_KEY'
  | 'TOKEN_REQUIRED'
  | 'INVALID_TOKEN'
  | 'LINK_EXPIRED'
  | 'INSUFFICIENT_SCOPE'
  | 'ACCOUNT_NOT_FOUND'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'TOO_MANY_REQUESTS'
  | 'INTERNAL_ERROR'
  | 'SERVICE_UNAVAILABLE'
  | 'MAINTENANCE';

export interface ApiError {
  errorCode: ApiErrorCode;
  errorMessage: string;
}

/** Transactions per page: the most a client receives at once. */
export const TRANSACTIONS_PAGE_SIZE = 500;
