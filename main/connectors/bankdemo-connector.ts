import type {
  BankConnector,
  BankAccount,
  BankBalance,
  ConnectorOptions,
  TransactionsPage,
} from './bank-connector.ts';
import { BankHttp, BankRefusal, type HttpDialect } from './bank-http.ts';
import { toJstBaseTime } from './bank-time.ts';
import {
  AccountsSchema,
  ApiErrorSchema,
  BalancesSchema,
  TransactionsPageSchema,
} from './bankdemo-schemas.ts';

/** デモ信用金庫's words for a refusal (README, "The account-information API"). First match wins. */
export const BANKDEMO_DIALECT: HttpDialect = {
  authorize: (token, scheme) => ({ authorization: `${scheme} ${token}` }),
  errorCode: (body) => {
    const parsed = ApiErrorSchema.safeParse(body);
    return parsed.success ? parsed.data.errorCode : undefined;
  },
  errors: [
    { status: 401, code: 'LINK_EXPIRED', kind: 'expired' },
    { status: 401, kind: 'token' },
    { status: 429, kind: 'wait' },
    { status: 503, kind: 'unavailable' },
    { status: 400, code: 'INVALID_NEXT_ITEM_KEY', kind: 'bad-key' },
    { status: 404, code: 'ACCOUNT_NOT_FOUND', kind: 'not-found' },
  ],
  noTokenCodes: /^(TOKEN_REQUIRED|INVALID_TOKEN)$/,
};

/** The simulator's own dialect: `/accounts`, `/accounts/balances`, `/accounts/transactions` under the API base. */
export function bankdemoConnector(options: ConnectorOptions): BankConnector {
  const http = new BankHttp({ ...options, dialect: BANKDEMO_DIALECT });
  return {
    async accounts(): Promise<BankAccount[]> {
      const { accounts } = await http.get('/accounts', {}, AccountsSchema);
      return accounts.map((a) => ({ ...a, currencyCode: 'JPY', servesStatements: true }));
    },
    async balances(): Promise<BankBalance[]> {
      const { balances } = await http.get('/accounts/balances', {}, BalancesSchema);
      return balances.map((b) => ({
        accountId: b.accountId,
        balance: Number(b.balance),
        currencyCode: 'JPY',
        ...toJstBaseTime(b.baseDate, b.baseTime),
      }));
    },
    async transactionsPage({ accountId, dateFrom, nextItemKey }): Promise<TransactionsPage> {
      const params: Record<string, string> = { accountId, dateFrom };
      if (nextItemKey) params.nextItemKey = nextItemKey;
      try {
        return await http.get('/accounts/transactions', params, TransactionsPageSchema);
      } catch (error) {
        throw refusedKey(error, nextItemKey);
      }
    },
  };
}

/**
 * A 400 to a request that carried a saved page key is the bank refusing that key, whatever code it
 * used (a bank that restarted, or changed its key format, may not say INVALID_NEXT_ITEM_KEY).
 */
export function refusedKey(error: unknown, nextItemKey: string | undefined): unknown {
  if (nextItemKey && error instanceof BankRefusal && error.status === 400 && error.kind !== 'bad-key') {
    return new BankRefusal('bad-key', 400, error.bankCode ?? 'HTTP 400', error.message);
  }
  return error;
}
