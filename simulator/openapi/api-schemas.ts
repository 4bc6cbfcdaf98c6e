import { z } from 'zod';

/**
 * The account API's answers in both dialects, as zod schemas: the source of the OpenAPI documents
 * (openapi-documents.ts, via z.toJSONSchema). Every object is strict, so a field the bank starts
 * sending without its document saying so fails the contract test (test/simulator/openapi-contract).
 * The TypeScript types the handlers build (shared/bank/api-types.ts, api/gmo/gmo-schema.ts) are
 * checked against these by `satisfies` in openapi-documents.ts: types, schemas and documents move together.
 */
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .describe('YYYY-MM-DD, JST');
const digits = z
  .string()
  .regex(/^-?\d+$/)
  .describe('yen, a string of digits');
const time = z
  .string()
  .regex(/^\d{2}:\d{2}:\d{2}$/)
  .describe('HH:MM:SS, JST');
const gmoTime = z
  .string()
  .regex(/^\d{2}:\d{2}:\d{2}\+09:00$/)
  .describe('HH:MM:SS+09:00');
const accountType = z.enum(['01', '02']).describe('01 普通, 02 当座');

export const ApiErrorSchema = z
  .object({
    errorCode: z.string().describe('a stable code (INVALID_TOKEN, WG_ERR_105…)'),
    errorMessage: z.string().describe('Japanese, then English in our dialect; Japanese in GMO’s'),
  })
  .strict();

// ── Ours: /api/v1 ─────────────────────────────────────────────────────────────────────────────

export const AccountsSchema = z
  .object({
    accounts: z.array(
      z
        .object({
          accountId: z.string(),
          branchCode: z.string(),
          branchName: z.string(),
          accountTypeCode: accountType,
          accountTypeName: z.string(),
          accountNumber: z.string(),
          primaryAccountCode: z.enum(['1', '2']),
          accountName: z.string(),
          accountNameKana: z.string(),
          currencyCode: z.literal('JPY'),
          currencyName: z.string(),
        })
        .strict(),
    ),
  })
  .strict();

export const BalancesSchema = z
  .object({
    balances: z.array(
      z
        .object({
          accountId: z.string(),
          accountTypeCode: accountType,
          accountTypeName: z.string(),
          balance: digits,
          withdrawableAmount: digits,
          previousDayBalance: digits,
          previousMonthBalance: digits,
          baseDate: date,
          baseTime: time,
          currencyCode: z.literal('JPY'),
          currencyName: z.string(),
        })
        .strict(),
    ),
  })
  .strict();

export const TransactionsSchema = z
  .object({
    accountId: z.string(),
    currencyCode: z.literal('JPY'),
    currencyName: z.string(),
    dateFrom: date,
    dateTo: date,
    baseDate: date,
    baseTime: time,
    hasNext: z.boolean(),
    nextItemKey: z.string().optional().describe('only when hasNext: pass it back for the next page'),
    count: z.string().regex(/^\d+$/),
    transactions: z.array(
      z
        .object({
          itemKey: z.string(),
          transactionDate: date,
          valueDate: date,
          transactionType: z.enum(['1', '2']).describe('1 入金, 2 出金'),
          amount: digits,
          remarks: z.string().describe('half-width katakana as printed; "" when none'),
          balance: digits,
        })
        .strict(),
    ),
  })
  .strict();

// ── GMO Aozora's: /ganb/api/{corporation,personal}/v1 ──────────────────────────────────────────

const gmoAccountType = z.enum(['01', '02', '11', '51']).describe('01/02 普通, 11 円定期, 51 外貨普通');

export const GmoAccountsSchema = z
  .object({
    baseDate: date,
    baseTime: gmoTime,
    accounts: z.array(
      z
        .object({
          accountId: z.string(),
          branchCode: z.string().optional(),
          branchName: z.string().optional(),
          accountTypeCode: gmoAccountType,
          accountTypeName: z.string(),
          accountNumber: z.string().optional(),
          primaryAccountCode: z.enum(['1', '2']).optional(),
          primaryAccountCodeName: z.string().optional(),
          accountName: z.string().optional(),
          accountNameKana: z.string().optional(),
          currencyCode: z.string(),
          currencyName: z.string(),
        })
        .strict(),
    ),
  })
  .strict();

export const GmoBalancesSchema = z
  .object({
    balances: z.array(
      z
        .object({
          accountId: z.string(),
          accountTypeCode: gmoAccountType,
          accountTypeName: z.string(),
          balance: digits.optional(),
          baseDate: date,
          baseTime: gmoTime,
          withdrawableAmount: digits.optional(),
          previousDayBalance: digits.optional(),
          previousMonthBalance: digits.optional(),
          currencyCode: z.string(),
          currencyName: z.string(),
          fcyTotalBalance: z
            .string()
            .regex(/^-?\d+(\.\d{1,3})?$/)
            .optional(),
          ttb: z
            .string()
            .regex(/^\d+(\.\d+)?$/)
            .optional(),
          baseRateDate: date.optional(),
          baseRateTime: gmoTime.optional(),
          yenEquivalent: digits.optional(),
        })
        .strict(),
    ),
  })
  .strict();

export const GmoTransactionsSchema = z
  .object({
    accountId: z.string(),
    currencyCode: z.string(),
    currencyName: z.string(),
    dateFrom: date,
    dateTo: date,
    baseDate: date,
    baseTime: gmoTime,
    hasNext: z.boolean(),
    nextItemKey: z
      .string()
      .regex(/^\d{20}$/)
      .optional(),
    count: z.string().regex(/^\d+$/),
    transactions: z.array(
      z
        .object({
          transactionDate: date,
          valueDate: date,
          transactionType: z.enum(['1', '2']),
          amount: digits,
          remarks: z.string().optional().describe('left out when the row has none'),
          balance: digits,
          itemKey: z
            .string()
            .regex(/^\d{20}$/)
            .optional(),
        })
        .strict(),
    ),
  })
  .strict();
