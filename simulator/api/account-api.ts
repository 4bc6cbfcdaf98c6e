import { z } from 'zod';
import {
  TRANSACTIONS_PAGE_SIZE,
  type AccountsResponse,
  type ApiAccount,
  type TransactionsResponse,
} from '../../shared/bank/api-types.ts';
import { isJstDate, type JstDate } from '../../shared/dates.ts';
import {
  hasStatement,
  type BankAccount,
  type CustomerStore,
  type StatementAccount,
} from '../customers/customer-store.ts';
import type { LedgerStore } from '../ledger/ledger-store.ts';
import { andThen, mapInTurn, type MaybePromise } from '../maybe-promise.ts';
import { ACCOUNT_TYPE_NAMES, CURRENCY } from './account-names.ts';
import { failures } from './api-errors.ts';
import { balancesJson } from './balances-json.ts';
import type { WrittenJson } from './written-json.ts';
import type { ApiCaller } from './bearer-auth.ts';
import { jstStampOf, type JstStamp } from './jst-stamp.ts';

export interface AccountApiDeps {
  customers: CustomerStore;
  ledger: LedgerStore;
}

const ITEM_KEY_DIGITS = 10;

const itemKeyOf = (seq: number): string => String(seq).padStart(ITEM_KEY_DIGITS, '0');
const digits = (yen: number): string => String(yen);

const date = z.string().refine(isJstDate, 'must be a date written YYYY-MM-DD');
const TransactionsQuery = z.object({
  accountId: z.string().regex(/^\d{12}$/, 'must be the 12-digit accountId from /accounts'),
  dateFrom: date.optional(),
  dateTo: date.optional(),
  nextItemKey: z.string().max(40).optional(),
});
const BalancesQuery = z.object({ accountId: z.string().max(40).optional() });

/** What a schema makes of an empty query, kept once it passed: most polls send no parameter. */
const emptyQueries = new WeakMap<z.ZodType, Readonly<unknown>>();

function parse<T>(schema: z.ZodType<T>, query: URLSearchParams): Readonly<T> {
  const empty = query.size === 0;
  if (empty && emptyQueries.has(schema)) return emptyQueries.get(schema) as Readonly<T>;
  const result = schema.safeParse(Object.fromEntries(query));
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw failures.invalidParameter(`${issue.path.join('.')}: ${issue.message}`);
  }
  if (empty) emptyQueries.set(schema, Object.freeze(result.data));
  return result.data;
}

/** The caller's shared accounts of every kind (holdings too), in the order the bank lists them. */
export function sharedHoldingsAndAccounts(
  deps: AccountApiDeps,
  caller: ApiCaller,
): MaybePromise<BankAccount[]> {
  return andThen(deps.customers.accountsOf(caller.customerId), (all) =>
    all.filter((a) => caller.accountIds.includes(a.id)),
  );
}

/** The caller's shared 普通/当座 accounts: this dialect knows no other kind (01/02 only). */
function sharedAccounts(deps: AccountApiDeps, caller: ApiCaller) {
  return andThen(sharedHoldingsAndAccounts(deps, caller), (shared) => shared.filter(hasStatement));
}

/** One shared account, or 404 — the same answer for another customer's account as for none at all. */
function sharedAccount(deps: AccountApiDeps, caller: ApiCaller, accountId: string) {
  return andThen(sharedAccounts(deps, caller), (shared) => {
    const account = shared.find((a) => a.id === accountId);
    if (!account) throw failures.accountNotFound();
    return account;
  });
}

export async function listAccounts(deps: AccountApiDeps, caller: ApiCaller): Promise<AccountsResponse> {
  const all = (await deps.customers.accountsOf(caller.customerId)).filter(hasStatement);
  const accounts = (await sharedAccounts(deps, caller)).map((a): ApiAccount => ({
    accountId: a.id,
    branchCode: a.branchCode,
    branchName: a.branchName,
    accountTypeCode: a.accountTypeCode,
    accountTypeName: ACCOUNT_TYPE_NAMES[a.accountTypeCode],
    accountNumber: a.accountNumber,
    primaryAccountCode: a.id === all[0]?.id ? '1' : '2',
    accountName: a.accountName,
    accountNameKana: a.accountNameKana,
    ...CURRENCY,
  }));
  return { accounts };
}

/**
 * The shared accounts' balances (BalancesResponse), written as JSON (balances-json.ts). Partners poll
 * it, so on one process (accounts, ledger state and the day's closing balances in memory) it answers
 * at once, without a promise; else once read.
 */
export function listBalances(
  deps: AccountApiDeps,
  caller: ApiCaller,
  query: URLSearchParams,
  now: number,
): MaybePromise<WrittenJson> {
  if (!caller.scopes.has('balances:read')) throw failures.insufficientScope('balances:read', caller.scheme);
  const { accountId } = parse(BalancesQuery, query);
  const stamp = jstStampOf(now);
  const accounts =
    accountId === undefined
      ? sharedAccounts(deps, caller)
      : andThen(sharedAccount(deps, caller, accountId), (account) => [account]);
  return accounts instanceof Promise
    ? accounts.then((list) => balancesAnswer(deps.ledger, list, stamp))
    : balancesAnswer(deps.ledger, accounts, stamp);
}

/**
 * The accounts' balances on the stamp's day, once the ledger has generated that day, written as
 * JSON: at once when the ledger knows it has and holds the figures. Named steps rather than nested
 * callbacks, so the answer from memory makes no closure beyond mapInTurn's.
 */
function balancesAnswer(
  ledger: LedgerStore,
  accounts: readonly StatementAccount[],
  stamp: JstStamp,
): MaybePromise<WrittenJson> {
  const generated = ledger.ensureThrough(stamp.date);
  return generated instanceof Promise
    ? generated.then(() => writtenBalances(ledger, accounts, stamp))
    : writtenBalances(ledger, accounts, stamp);
}

function writtenBalances(
  ledger: LedgerStore,
  accounts: readonly StatementAccount[],
  stamp: JstStamp,
): MaybePromise<WrittenJson> {
  const facts = mapInTurn(accounts, (a) => ledger.balances(a.id, stamp.date));
  return facts instanceof Promise
    ? facts.then((known) => balancesJson(accounts, known, stamp))
    : balancesJson(accounts, facts, stamp);
}

/**
 * A page of an account's statement, oldest first. No dates means today; only dateFrom means up to
 * today; only dateTo means that one day. History older than two years is not served: the range is
 * cut to the last two years.
 */
export async function listTransactions(
  deps: AccountApiDeps,
  caller: ApiCaller,
  query: URLSearchParams,
  now: number,
): Promise<TransactionsResponse> {
  if (!caller.scopes.has('transactions:read'))
    throw failures.insufficientScope('transactions:read', caller.scheme);
  const q = parse(TransactionsQuery, query);
  const account = await sharedAccount(deps, caller, q.accountId);
  const { date: today, time } = jstStampOf(now);
  const dateTo: JstDate = q.dateTo ?? today;
  const dateFrom: JstDate = q.dateFrom ?? (q.dateTo ? q.dateTo : today);
  if (dateFrom > dateTo) throw failures.invalidParameter('dateFrom is after dateTo');
  if (dateTo > today) throw failures.invalidParameter('dateTo is in the future');
  const servedFrom = deps.ledger.servedFrom(today);
  const effectiveFrom = dateFrom < servedFrom ? servedFrom : dateFrom;

  await deps.ledger.ensureThrough(today);
  const range =
    effectiveFrom <= dateTo ? await deps.ledger.seqRange(account.id, effectiveFrom, dateTo) : undefined;
  let startSeq = range?.first ?? 0;
  if (q.nextItemKey !== undefined) {
    const seq = /^\d{10}$/.test(q.nextItemKey) ? Number(q.nextItemKey) : NaN;
    if (!range || !(seq >= range.first && seq < range.last)) throw failures.invalidNextItemKey();
    startSeq = seq + 1;
  }
  const rows = range
    ? await deps.ledger.rows(account.id, startSeq, range.last, TRANSACTIONS_PAGE_SIZE + 1)
    : [];
  const hasNext = rows.length > TRANSACTIONS_PAGE_SIZE;
  const page = hasNext ? rows.slice(0, TRANSACTIONS_PAGE_SIZE) : rows;
  return {
    accountId: account.id,
    ...CURRENCY,
    dateFrom: effectiveFrom,
    dateTo,
    baseDate: today,
    baseTime: time,
    hasNext,
    ...(hasNext ? { nextItemKey: itemKeyOf(page[page.length - 1]!.seq) } : {}),
    count: String(page.length),
    transactions: page.map((r) => ({
      itemKey: itemKeyOf(r.seq),
      transactionDate: r.transactionDate,
      valueDate: r.valueDate,
      transactionType: r.type,
      amount: digits(r.amount),
      remarks: r.remarks,
      balance: digits(r.balance),
    })),
  };
}
