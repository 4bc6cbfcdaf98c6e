import { z } from 'zod';

/**
 * The bank's JSON is input like any other: checked here before it reaches the ledger. Amounts stay
 * the API's strings of digits (at most 15, so Number() is exact) and become integer yen where they
 * are stored. No transforms or custom refinements: this runs on every one of 100,000 rows, and
 * zod's plain checks are about ten times cheaper (bench:sync).
 */
const digits = z.string().regex(/^-?\d{1,15}$/, 'must be a string of digits');
const date = z.iso.date();
const bankAccountId = z.string().regex(/^[0-9A-Za-z-]{1,40}$/);

export const AccountSchema = z.object({
  accountId: bankAccountId,
  branchCode: z.string().max(10),
  branchName: z.string().max(100),
  accountTypeCode: z.string().max(4),
  accountTypeName: z.string().max(40),
  accountNumber: z.string().regex(/^\d{1,20}$/),
  accountName: z.string().max(200),
});
export type BankAccountData = z.output<typeof AccountSchema>;

export const AccountsSchema = z.object({ accounts: z.array(AccountSchema).max(1000) });

export const BalanceSchema = z.object({
  accountId: bankAccountId,
  balance: digits,
  baseDate: date,
  baseTime: z.string().regex(/^\d{2}:\d{2}(:\d{2})?$/),
});
export type BankBalanceData = z.output<typeof BalanceSchema>;

export const BalancesSchema = z.object({ balances: z.array(BalanceSchema).max(1000) });

export const TransactionSchema = z.object({
  itemKey: z.string().min(1).max(64),
  transactionDate: date,
  valueDate: date,
  transactionType: z.enum(['1', '2']),
  amount: z.string().regex(/^\d{1,15}$/, 'must be a string of digits'),
  remarks: z.string().max(500),
  balance: digits,
});
export type BankTransactionData = z.output<typeof TransactionSchema>;

export const TransactionsPageSchema = z.object({
  accountId: bankAccountId,
  dateFrom: date,
  dateTo: date,
  hasNext: z.boolean(),
  nextItemKey: z.string().max(64).optional(),
  transactions: z.array(TransactionSchema).max(5000),
});
export type TransactionsPage = z.output<typeof TransactionsPageSchema>;

export const ApiErrorSchema = z.object({ errorCode: z.string().max(64), errorMessage: z.string().max(1000) });
