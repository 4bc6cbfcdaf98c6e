import { z } from 'zod';
import { ACCOUNT_FIELDS, isoDate as date, signedDigits, timeOfDay as timeWithOffset } from './bank-fields.ts';

/**
 * GMO Aozora Net Bank's published account API (corporate and personal alike), field by field from
 * its OpenAPI-generated SDK — gmoaozora/gmo-aozora-api-nodejs, client/corporate/src/model/
 * Account.js, Balance.js, Transaction.js, TransactionsResponse.js, ErrorResponse.js and
 * client/personal/docs/AccountApi.md. What the spec marks optional ("該当しない場合は項目自体を
 * 設定しません") is optional here; amounts and balances are strings of digits, "マイナス含む".
 * Unknown fields are ignored (zod strips them), so a bank that adds one breaks nothing.
 */
/** 外貨残高: "少数点および小数部最大3桁 マイナス含む". */
const signedDecimal = z.string().regex(/^-?\d{1,15}(\.\d{1,3})?$/, 'must be a decimal number');
/** 口座ID "半角英数字", minLength 12, maxLength 29 (AccountApi.md). */
const accountId = z.string().regex(/^[0-9A-Za-z]{12,29}$/);

const GmoAccountSchema = z.object({
  accountId,
  // branchCode, branchName, accountNumber and accountName only for 01/02 (普通預金); accountTypeCode
  // 01 普通預金（有利息）, 02 普通預金（決済用）, 11 円定期預金, 51 外貨普通預金, 81 証券コネクト口座.
  ...ACCOUNT_FIELDS,
  primaryAccountCode: z.string().max(2).optional(),
  primaryAccountCodeName: z.string().max(40).optional(),
  accountNameKana: z.string().max(200).optional(),
  currencyCode: z.string().regex(/^[A-Z]{3}$/),
  currencyName: z.string().max(40),
  transferLimitAmount: signedDigits.optional(),
});

export const GmoAccountsSchema = z.object({ accounts: z.array(GmoAccountSchema).max(1000) });

const GmoBalanceSchema = z.object({
  accountId,
  accountTypeCode: z.string().max(4),
  accountTypeName: z.string().max(40),
  /** 現在残高: for 01, 02, 11 and 81; not for 51 (外貨普通預金). */
  balance: signedDigits.optional(),
  baseDate: date,
  baseTime: timeWithOffset,
  withdrawableAmount: signedDigits.optional(),
  previousDayBalance: signedDigits.optional(),
  previousMonthBalance: signedDigits.optional(),
  currencyCode: z.string().regex(/^[A-Z]{3}$/),
  currencyName: z.string().max(40),
  /** 51 only: the foreign balance, its TTB rate and the yen equivalent. */
  fcyTotalBalance: signedDecimal.optional(),
  ttb: signedDecimal.optional(),
  baseRateDate: date.optional(),
  baseRateTime: timeWithOffset.optional(),
  yenEquivalent: signedDigits.optional(),
});

export const GmoBalancesSchema = z.object({ balances: z.array(GmoBalanceSchema).max(1000) });

const GmoTransactionSchema = z.object({
  transactionDate: date,
  valueDate: date,
  transactionType: z.enum(['1', '2']),
  amount: signedDigits,
  /** 摘要内容: "該当データがない場合は項目自体を設定しません". */
  remarks: z.string().max(500).optional(),
  balance: signedDigits,
  /** 明細キー (a timestamp in µs) for 01/02 accounts; otherwise absent. */
  itemKey: z.string().min(1).max(64).optional(),
});

export const GmoTransactionsSchema = z.object({
  accountId,
  currencyCode: z.string().regex(/^[A-Z]{3}$/),
  currencyName: z.string().max(40),
  dateFrom: date,
  dateTo: date,
  baseDate: date,
  baseTime: timeWithOffset,
  hasNext: z.boolean(),
  /** Absent when hasNext is false. */
  nextItemKey: z.string().min(1).max(24).optional(),
  count: z.string().regex(/^\d{1,6}$/),
  transactions: z.array(GmoTransactionSchema).max(5000).optional(),
});

export const GmoErrorSchema = z.object({ errorCode: z.string().max(64) });
