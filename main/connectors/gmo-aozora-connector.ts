import crypto from 'node:crypto';
import type {
  BankAccount,
  BankBalance,
  BankConnector,
  ConnectorOptions,
  TransactionsPage,
} from './bank-connector.ts';
import { BankHttp, type HttpDialect } from './bank-http.ts';
import { toJstBaseTime } from './bank-time.ts';
import { refusedKey } from './bankdemo-connector.ts';
import {
  GmoAccountsSchema,
  GmoBalancesSchema,
  GmoErrorSchema,
  GmoTransactionsSchema,
} from './gmo-aozora-schemas.ts';

/** The account types whose statement GMO serves (入出金明細照会: "円普通預金口座" — 01 and 02). */
const STATEMENT_TYPES = new Set(['01', '02']);

/**
 * GMO Aozora's words for a refusal. The token goes in `x-access-token`; WG_ERR_105 is the token
 * refused, WG_ERR_154 the request limit (429), WG_ERR_300 maintenance, WG_ERR_110 a validation
 * error — which, to a request carrying a saved page key, is that key refused (refusedKey()).
 */
export const GMO_AOZORA_DIALECT: HttpDialect = {
  // The header names no scheme: a bound token is known as one at the bank, and its proof rides along.
  authorize: (token) => ({ 'x-access-token': token }),
  errorCode: (body) => {
    const parsed = GmoErrorSchema.safeParse(body);
    return parsed.success ? parsed.data.errorCode : undefined;
  },
  errors: [
    { status: 401, kind: 'token' },
    { status: 429, kind: 'wait' },
    { status: 503, kind: 'unavailable' },
    { code: 'WG_ERR_154', kind: 'wait' },
    { code: 'WG_ERR_300', kind: 'unavailable' },
  ],
  noTokenCodes: /^WG_ERR_\d{3}$/,
};

/**
 * GMO Aozora Net Bank's corporate (`…/ganb/api/corporation/v1`) and personal
 * (`…/ganb/api/personal/v1`) account API: the same paths and fields under either base.
 */
export function gmoAozoraConnector(options: ConnectorOptions): BankConnector {
  const http = new BankHttp({ ...options, dialect: GMO_AOZORA_DIALECT });
  return {
    async accounts(): Promise<BankAccount[]> {
      const { accounts } = await http.get('/accounts', {}, GmoAccountsSchema);
      return accounts.map((a) => ({
        accountId: a.accountId,
        accountTypeCode: a.accountTypeCode,
        accountTypeName: a.accountTypeName,
        currencyCode: a.currencyCode,
        servesStatements: STATEMENT_TYPES.has(a.accountTypeCode),
        ...(a.branchCode === undefined ? {} : { branchCode: a.branchCode }),
        ...(a.branchName === undefined ? {} : { branchName: a.branchName }),
        ...(a.accountNumber === undefined ? {} : { accountNumber: a.accountNumber }),
        ...(a.accountName === undefined ? {} : { accountName: a.accountName }),
      }));
    },
    async balances(): Promise<BankBalance[]> {
      const { balances } = await http.get('/accounts/balances', {}, GmoBalancesSchema);
      return balances.map((b) => {
        // A foreign-currency account (51) has no 現在残高; its yen equivalent stands for it.
        const yen = b.balance ?? b.yenEquivalent;
        return {
          accountId: b.accountId,
          currencyCode: b.currencyCode,
          ...toJstBaseTime(b.baseDate, b.baseTime),
          ...(yen === undefined ? {} : { balance: Number(yen) }),
          ...(b.fcyTotalBalance === undefined ? {} : { foreignBalance: b.fcyTotalBalance }),
        };
      });
    },
    async transactionsPage({ accountId, dateFrom, nextItemKey }): Promise<TransactionsPage> {
      const params: Record<string, string> = { accountId, dateFrom };
      if (nextItemKey) params.nextItemKey = nextItemKey;
      let page;
      try {
        page = await http.get('/accounts/transactions', params, GmoTransactionsSchema);
      } catch (error) {
        throw refusedKey(error, nextItemKey);
      }
      const rows = page.transactions ?? [];
      return {
        dateTo: page.dateTo,
        hasNext: page.hasNext,
        nextItemKey: page.nextItemKey,
        // Rows pass through as they are when each has its key (the common case, 100,000 rows).
        transactions: rows.every(hasItemKey)
          ? rows
          : rows.map((t) => ({ ...t, itemKey: t.itemKey ?? contentKey(t) })),
      };
    },
  };
}

const hasItemKey = <T extends { itemKey?: string | undefined }>(t: T): t is T & { itemKey: string } =>
  t.itemKey !== undefined;

/**
 * A row the bank gave no 明細キー: a key from its content, so that a later sync overlapping it
 * finds it again. The balance after the row is part of it, so two like rows on one day differ.
 */
export function contentKey(t: {
  transactionDate: string;
  valueDate: string;
  transactionType: string;
  amount: string;
  balance: string;
  remarks?: string | undefined;
}): string {
  const content = [t.transactionDate, t.valueDate, t.transactionType, t.amount, t.balance, t.remarks ?? ''];
  return `~${crypto.createHash('sha256').update(content.join('\u0000')).digest('base64url').slice(0, 24)}`;
}
