import { addDays } from '../../../shared/dates.ts';
import { jstStampOf } from '../jst-stamp.ts';
import type { Channel } from '../../../shared/bank/oauth.ts';
import { hasStatement, type BankAccount } from '../../customers/customer-store.ts';
import { HISTORY_START } from '../../ledger/ledger-store.ts';
import { listTransactions, sharedHoldingsAndAccounts, type AccountApiDeps } from '../account-api.ts';
import type { ApiCall, ApiDialectRoutes } from '../api-handler.ts';
import { failures } from '../api-errors.ts';
import { tokenFromAccessTokenHeader, type ApiCaller } from '../bearer-auth.ts';
import { gmoRefusal } from './gmo-refusals.ts';
import {
  GMO_BASE_PATHS,
  GMO_CONTENT_TYPE,
  type GmoAccount,
  type GmoAccountsResponse,
  type GmoBalance,
  type GmoBalancesResponse,
  type GmoTransactionsResponse,
} from './gmo-schema.ts';

const ACCOUNT_TYPE_NAMES = {
  '01': '普通預金',
  '02': '当座預金',
  '11': '円定期預金',
  '51': '外貨普通預金',
} as const;
const CURRENCY_NAMES: Record<string, string> = { JPY: '日本円', USD: '米ドル' };
/** The bank's TTB in 1/100 yen, set once a day at 10:00 JST (a simulator has no market). */
const TTB_CENTS: Record<string, number> = { USD: 14_952 };
const RATE_TIME = '10:00:00';

const withOffset = (time: string): string => `${time}+09:00`;
const currencyOf = (code: string) => ({ currencyCode: code, currencyName: CURRENCY_NAMES[code] ?? code });
/** Minor units (cents) written with two decimals, as GMO writes foreign amounts. */
const decimal = (minor: number): string =>
  `${Math.trunc(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;

function present(account: BankAccount, primaryId: string | undefined): GmoAccount {
  const common = {
    accountId: account.id,
    accountTypeCode: account.accountTypeCode,
    accountTypeName: ACCOUNT_TYPE_NAMES[account.accountTypeCode],
  };
  if (!hasStatement(account)) return { ...common, ...currencyOf(account.holding?.currencyCode ?? 'JPY') };
  const primary = account.id === primaryId;
  return {
    ...common,
    branchCode: account.branchCode,
    branchName: account.branchName,
    accountNumber: account.accountNumber,
    primaryAccountCode: primary ? '1' : '2',
    primaryAccountCodeName: primary ? '代表口座' : '追加口座',
    accountName: account.accountName,
    accountNameKana: account.accountNameKana,
    ...currencyOf('JPY'),
  };
}

async function listAccounts(
  deps: AccountApiDeps,
  caller: ApiCaller,
  now: number,
): Promise<GmoAccountsResponse> {
  const primaryId = (await deps.customers.accountsOf(caller.customerId)).find(hasStatement)?.id;
  return {
    baseDate: jstStampOf(now).date,
    baseTime: withOffset(jstStampOf(now).time),
    accounts: (await sharedHoldingsAndAccounts(deps, caller)).map((a) => present(a, primaryId)),
  };
}

async function balanceOf(deps: AccountApiDeps, account: BankAccount, now: number): Promise<GmoBalance> {
  const today = jstStampOf(now).date;
  const base = {
    accountId: account.id,
    accountTypeCode: account.accountTypeCode,
    accountTypeName: ACCOUNT_TYPE_NAMES[account.accountTypeCode],
    baseDate: today,
    baseTime: withOffset(jstStampOf(now).time),
  };
  if (hasStatement(account)) {
    const facts = await deps.ledger.balances(account.id, today);
    return {
      ...base,
      balance: String(facts.balance),
      withdrawableAmount: String(facts.balance),
      previousDayBalance: String(facts.previousDayBalance),
      previousMonthBalance: String(facts.previousMonthBalance),
      ...currencyOf('JPY'),
    };
  }
  const { currencyCode, balanceMinor } = account.holding!;
  if (account.accountTypeCode === '11')
    return { ...base, balance: String(balanceMinor), ...currencyOf(currencyCode) };
  const ttb = TTB_CENTS[currencyCode] ?? 100;
  const rateDate = jstStampOf(now).time >= RATE_TIME ? today : addDays(today, -1);
  return {
    ...base,
    ...currencyOf(currencyCode),
    fcyTotalBalance: decimal(balanceMinor),
    ttb: decimal(ttb),
    baseRateDate: rateDate,
    baseRateTime: withOffset(RATE_TIME),
    yenEquivalent: String(Math.floor((balanceMinor * ttb) / 10_000)),
  };
}

async function listBalances(
  deps: AccountApiDeps,
  caller: ApiCaller,
  query: URLSearchParams,
  now: number,
): Promise<GmoBalancesResponse> {
  if (!caller.scopes.has('balances:read')) throw failures.insufficientScope('balances:read');
  const shared = await sharedHoldingsAndAccounts(deps, caller);
  const accountId = query.get('accountId') || undefined;
  const accounts = accountId === undefined ? shared : shared.filter((a) => a.id === accountId);
  if (accounts.length === 0 && accountId !== undefined) throw failures.accountNotFound();
  await deps.ledger.ensureThrough(jstStampOf(now).date);
  const balances: GmoBalance[] = [];
  for (const a of accounts) balances.push(await balanceOf(deps, a, now));
  return { balances };
}

/**
 * GMO's 明細キー are 20 digits that read as the row's time (`20181012090520123456` in their SDK's
 * example); ours are the row's sequence number. Written here as the row's date and its sequence
 * (8 + 12 digits), so an app cannot lean on our own key format; read back to the core's key.
 */
const gmoItemKey = (date: string, coreKey: string): string =>
  `${date.replaceAll('-', '')}${String(Number(coreKey)).padStart(12, '0')}`;
/**
 * The core's key for a GMO key this bank gave for that account. Anything else — our own 10-digit
 * format too — becomes a key the core refuses after its own checks (scope, account) as usual.
 */
async function coreItemKey(deps: AccountApiDeps, accountId: string | null, gmoKey: string): Promise<string> {
  const refused = `not-given:${gmoKey}`;
  const match = /^(\d{4})(\d{2})(\d{2})(\d{12})$/.exec(gmoKey);
  if (!match || accountId === null) return refused;
  const seq = Number(match[4]);
  const row = seq < 1e10 ? (await deps.ledger.rows(accountId, seq, seq, 1))[0] : undefined;
  const date = `${match[1]}-${match[2]}-${match[3]}`;
  return row?.transactionDate === date ? String(seq).padStart(10, '0') : refused;
}

/**
 * GMO's ranges differ from ours in one case: dateTo alone runs from the first transaction (ours:
 * that one day). The page itself comes from the same ledger query as our own dialect.
 */
async function listGmoTransactions(call: ApiCall, caller: ApiCaller): Promise<GmoTransactionsResponse> {
  const accountId = call.query.get('accountId');
  const account = (await sharedHoldingsAndAccounts(call.deps, caller)).find((a) => a.id === accountId);
  if (account && !hasStatement(account) && caller.scopes.has('transactions:read'))
    throw failures.invalidParameter('accountId: 入出金明細は普通預金・当座預金の口座のみ照会できます');
  const query = new URLSearchParams(call.query);
  // GMO: a parameter sent empty is the same as one not sent.
  for (const [name, value] of [...query]) if (value === '') query.delete(name);
  if (query.has('dateTo') && !query.has('dateFrom')) query.set('dateFrom', HISTORY_START);
  const key = query.get('nextItemKey');
  if (key !== null) query.set('nextItemKey', await coreItemKey(call.deps, accountId, key));
  const { nextItemKey, transactions, ...page } = await listTransactions(call.deps, caller, query, call.now);
  const last = transactions.at(-1);
  return {
    ...page,
    baseTime: withOffset(page.baseTime),
    ...(nextItemKey && last ? { nextItemKey: gmoItemKey(last.transactionDate, nextItemKey) } : {}),
    transactions: transactions.map(({ remarks, itemKey, ...row }) => ({
      ...row,
      ...(remarks ? { remarks } : {}),
      itemKey: gmoItemKey(row.transactionDate, itemKey),
    })),
  };
}

const channelOfPath = (pathname: string): { channel: Channel; operation: string } | undefined => {
  for (const channel of ['corporate', 'personal'] as const) {
    const base = GMO_BASE_PATHS[channel];
    if (pathname.startsWith(`${base}/`)) return { channel, operation: pathname.slice(base.length) };
  }
  return undefined;
};

/** GMO Aozora's dialect (BANK_API_DIALECT=gmo): GMO's paths, header, fields and errors. */
export const GMO_ROUTES: ApiDialectRoutes = {
  serves: (url) => channelOfPath(url.split('?', 1)[0]!) !== undefined,
  // GMO takes the token in x-access-token only (with its DPoP proof when bound); our Authorization is not part of it.
  presentedToken: tokenFromAccessTokenHeader,
  async route(call) {
    const { channel, operation } = channelOfPath(call.pathname)!;
    const { caller } = call;
    // Each channel is its own API at GMO: a personal customer's token means nothing to the corporate one.
    if ((await call.deps.customers.findById(caller.customerId))?.channel !== channel)
      throw failures.invalidToken();
    switch (operation) {
      case '/accounts':
        return listAccounts(call.deps, caller, call.now);
      case '/accounts/balances':
        return listBalances(call.deps, caller, call.query, call.now);
      case '/accounts/transactions':
        return listGmoTransactions(call, caller);
      default:
        throw failures.notFound();
    }
  },
  refusal: gmoRefusal,
  headers: { 'Content-Type': GMO_CONTENT_TYPE },
};
