import { z } from 'zod';

/**
 * デモ信用金庫's dialect (shared/bank/api-types.ts is the simulator's side of it): checked here
 * before it reaches the store. No transforms or custom refinements: this runs on every one of
 * 100,000 rows, and zod's plain checks are about ten times cheaper (bench:sync).
 */
const digits = z.string().regex(/^-?\d{1,15}$/, 'must be a string of digits');
const date = z.iso.date();
const bankAccountId = z.string().regex(/^[0-9A-Za-z-]{1,40}$/);

export const AccountSchema = z.object({
  accountId: bankAccountId,
  branchCode: z.string().max(10).optional(),
  branchName: z.string().max(100).optional(),
  accountTypeCode: z.string().max(4),
  accountTypeName: z.string().max(40),
  accountNumber: z
    .string()
    .regex(/^\d{1,20}$/)
    .optional(),
  accountName: z.string().max(200).optional(),
});

export const AccountsSchema = z.object({ accounts: z.array(AccountSchema).max(1000) });

export const BalancesSchema = z.object({
  balances: z
    .array(
      z.object({
        accountId: bankAccountId,
        balance: digits,
        baseDate: date,
        baseTime: z.string().regex(/^\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?$/),
      }),
    )
    .max(1000),
});

export const TransactionsPageSchema = z.object({
  accountId: bankAccountId,
  dateFrom: date,
  dateTo: date,
  hasNext: z.boolean(),
  nextItemKey: z.string().max(64).optional(),
  transactions: z
    .array(
      z.object({
        itemKey: z.string().min(1).max(64),
        transactionDate: date,
        valueDate: date,
        transactionType: z.enum(['1', '2']),
        amount: digits,
        remarks: z.string().max(500).optional(),
        balance: digits,
      }),
    )
    .max(5000),
});

export const ApiErrorSchema = z.object({ errorCode: z.string().max(64) });
