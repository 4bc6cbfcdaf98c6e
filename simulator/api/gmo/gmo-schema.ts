/**
 * GMO Aozora Net Bank's account-information API as GMO publishes it — the response shapes, which
 * fields are optional, the base paths, the token header and the error codes. Written from GMO's
 * own OpenAPI-generated SDKs (spec version 1.1.12):
 *
 * - base paths, token header, date ranges, paging: gmoaozora/gmo-aozora-api-python
 *   `docs/corporate/AccountApi.md` ("All URIs are relative to …/ganb/api/corporation/v1"),
 *   `docs/personal/AccountApi.md` (…/ganb/api/personal/v1); every operation takes `x_access_token`
 *   (header `x-access-token`, 1–128 characters); transactions: at most 500 a page, ascending,
 *   `nextItemKey` passed back, dateFrom > dateTo = 400, only 科目 01/02 accepted.
 * - accounts: `docs/corporate/Account.md`, `docs/corporate/AccountsResponse.md`,
 *   `docs/personal/AccountsResponse.md` (baseDate/baseTime beside the list; spAccounts only when
 *   つかいわけ口座 exist — we have none, so it is left out).
 * - balances: `docs/corporate/Balance.md`, gmoaozora/gmo-aozora-api-nodejs
 *   `client/personal/docs/Balance.md`, `docs/personal/BalancesResponse.md`.
 * - transactions: `docs/corporate/TransactionsResponse.md`, `docs/corporate/Transaction.md`.
 * - errors: gmoaozora/gmo-aozora-api-nodejs `client/corporate/src/model/ErrorResponse.js`
 *   (`errorCode`, `errorMessage`, both required).
 *
 * "該当しない場合は項目自体を設定しません": a field that does not apply is left out, never null.
 * Times are `HH:MM:SS+09:00`. Amounts are strings of digits (a minus sign allowed by the spec).
 */

/** Both channels' APIs, as the SDKs' base paths name them. */
export const GMO_BASE_PATHS = {
  corporate: '/ganb/api/corporation/v1',
  personal: '/ganb/api/personal/v1',
} as const;

/** 科目コード: GMO lists 01, 02, 11, 51 and 81 (証券コネクト口座, which this bank does not offer). */
type GmoAccountTypeCode = '01' | '02' | '11' | '51';

export interface GmoAccount {
  accountId: string;
  /** Only for 01/02, as are every optional field below but the currency's. */
  branchCode?: string;
  branchName?: string;
  accountTypeCode: GmoAccountTypeCode;
  accountTypeName: string;
  accountNumber?: string;
  /** '1' 代表口座, '2' 追加口座. */
  primaryAccountCode?: '1' | '2';
  primaryAccountCodeName?: string;
  accountName?: string;
  accountNameKana?: string;
  currencyCode: string;
  currencyName: string;
  // transferLimitAmount (振込限度額, 01/02 only) is optional and belongs to the transfer API, which
  // this bank does not offer: it is left out.
}

export interface GmoAccountsResponse {
  baseDate: string;
  baseTime: string;
  accounts: GmoAccount[];
}

export interface GmoBalance {
  accountId: string;
  accountTypeCode: GmoAccountTypeCode;
  accountTypeName: string;
  /** 01, 02, 11 (and 81); not 51, which has fcyTotalBalance instead. */
  balance?: string;
  baseDate: string;
  baseTime: string;
  /** 01/02 only. */
  withdrawableAmount?: string;
  previousDayBalance?: string;
  previousMonthBalance?: string;
  currencyCode: string;
  currencyName: string;
  /** 51 only: the foreign-currency balance (up to 3 decimals), its TTB rate, when the rate was set, in yen. */
  fcyTotalBalance?: string;
  ttb?: string;
  baseRateDate?: string;
  baseRateTime?: string;
  yenEquivalent?: string;
}

export interface GmoBalancesResponse {
  balances: GmoBalance[];
}

export interface GmoTransaction {
  transactionDate: string;
  valueDate: string;
  transactionType: '1' | '2';
  amount: string;
  /** Left out when the row has no 摘要. */
  remarks?: string;
  balance: string;
  /** Digits, unique per account (GMO: the row's timestamp in µs). */
  itemKey?: string;
}

export interface GmoTransactionsResponse {
  accountId: string;
  currencyCode: string;
  currencyName: string;
  dateFrom: string;
  dateTo: string;
  baseDate: string;
  baseTime: string;
  hasNext: boolean;
  /** Only when hasNext. */
  nextItemKey?: string;
  count: string;
  transactions: GmoTransaction[];
}

export interface GmoErrorResponse {
  errorCode: string;
  errorMessage: string;
}

/**
 * GMO's error codes. The SDKs name only the body's two fields; the codes are GMO's as answered by
 * their API and quoted in integrations of it:
 * - WG_ERR_110 (400): a request that fails validation — a missing or malformed parameter, a
 *   nextItemKey that is not one GMO gave — answered by GMO's sandbox (sunabar).
 * - WG_ERR_105 (401): the access token is missing, invalid or expired; GMO's OAuth sample client
 *   refreshes the token on exactly "401 and WG_ERR_105".
 * - WG_ERR_154 (429): over the API's request limit (GMO's API specification PDF, 共通仕様).
 * - WG_ERR_300 (503): maintenance.
 * - WG_ERR_019 (404/405): no such operation (sunabar's gateway).
 * Not found in the published material, so chosen here, in GMO's form: WG_ERR_106 (403, the
 * customer did not allow this operation) and WG_ERR_999 (500).
 */
export const GMO_ERROR_CODES = {
  validation: 'WG_ERR_110',
  token: 'WG_ERR_105',
  scope: 'WG_ERR_106',
  noSuchOperation: 'WG_ERR_019',
  tooManyRequests: 'WG_ERR_154',
  unavailable: 'WG_ERR_300',
  internal: 'WG_ERR_999',
} as const;

/** The JSON content type GMO's operations declare. */
export const GMO_CONTENT_TYPE = 'application/json;charset=UTF-8';
