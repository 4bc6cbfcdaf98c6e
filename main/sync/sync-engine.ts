import { AppError, toAppErrorInfo } from '../../shared/app-errors.ts';
import { jstDate } from '../../shared/dates.ts';
import type { AccountSyncResult, AppEvent, SyncOutcome } from '../../shared/ipc/contract.ts';
import { BankRefusal, type BankApiClient } from '../bank-api/bank-api-client.ts';
import type { TransactionsPage } from '../bank-api/api-schemas.ts';
import type { ConnectionRecord, LedgerAccount, LedgerStore } from '../ledger/ledger-store.ts';
import { log } from '../log/logger.ts';
import { planRun } from './sync-window.ts';

export interface SyncDeps {
  ledger: LedgerStore;
  emit(event: AppEvent): void;
  now?: () => number;
}

/** Errors that are about the connection, not one account: the run stops for all its accounts. */
const CONNECTION_WIDE = new Set(['CONSENT_EXPIRED', 'KEYCHAIN_UNAVAILABLE']);

/**
 * One sync of one connection: accounts → balances → each account's transactions, page by page.
 * An account's failure is recorded on that account and the others go on; an expired link or a
 * locked keychain ends the whole run. Throws only for failures before any account could start.
 */
export async function syncConnection(
  connection: ConnectionRecord,
  api: BankApiClient,
  deps: SyncDeps,
): Promise<SyncOutcome> {
  const now = deps.now ?? Date.now;
  const startedAt = new Date(now()).toISOString();
  const bankAccounts = await api.accounts();
  const accounts = deps.ledger.upsertAccounts(connection.id, bankAccounts);
  if (connection.scopes.includes('balances:read')) {
    deps.ledger.updateBalances(connection.id, await api.balances());
  }

  const results: AccountSyncResult[] = [];
  let connectionError: AppError | undefined;
  for (const account of accounts) {
    if (connectionError) {
      results.push({ accountId: String(account.id), newTransactions: 0, error: connectionError.toInfo() });
      continue;
    }
    if (!connection.scopes.includes('transactions:read')) {
      results.push({ accountId: String(account.id), newTransactions: 0 });
      continue;
    }
    try {
      const added = await syncAccountTransactions(connection.id, account, api, deps, now);
      results.push({ accountId: String(account.id), newTransactions: added });
    } catch (error) {
      const info = toAppErrorInfo(error);
      log[error instanceof AppError ? 'warn' : 'error']('sync.account-failed', {
        connectionId: connection.id,
        accountId: account.id,
        error: info,
        cause: error,
      });
      deps.ledger.setAccountError(account.id, info);
      results.push({ accountId: String(account.id), newTransactions: 0, error: info });
      if (error instanceof AppError && CONNECTION_WIDE.has(error.code)) connectionError = error;
    }
  }

  const outcome: SyncOutcome = {
    connectionId: connection.id,
    startedAt,
    finishedAt: new Date(now()).toISOString(),
    accounts: results,
    ...(connectionError ? { error: connectionError.toInfo() } : {}),
  };
  deps.ledger.recordSync(outcome);
  return outcome;
}

/**
 * Pages through one account's statement from where its cursor says; returns the rows that were new.
 * The next page is already being fetched while this one is written (the bank's time and SQLite's
 * overlap); writes stay in order, each page with its cursor, so a crash still leaves whole pages.
 */
async function syncAccountTransactions(
  connectionId: string,
  account: LedgerAccount,
  api: BankApiClient,
  deps: SyncDeps,
  now: () => number,
): Promise<number> {
  const fetchPage = (dateFrom: string, nextItemKey: string | undefined): Promise<TransactionsPage> => {
    const request = api.transactions({
      accountId: account.bankAccountId,
      dateFrom,
      ...(nextItemKey ? { nextItemKey } : {}),
    });
    // Awaited later, or dropped when a write fails first: never an unhandled rejection.
    request.catch(() => {});
    return request;
  };

  let start = planRun(deps.ledger.cursor(account.id), jstDate(now()));
  let page: TransactionsPage;
  try {
    page = await fetchPage(start.dateFrom, start.nextItemKey);
  } catch (error) {
    // A resumed run whose position the bank no longer accepts starts over from the cursor's last
    // finished day; itemKey keeps that free of duplicates.
    if (!(start.nextItemKey && error instanceof BankRefusal && error.bankCode === 'INVALID_NEXT_ITEM_KEY')) {
      throw error;
    }
    deps.ledger.abandonRun(account.id);
    start = planRun(deps.ledger.cursor(account.id), jstDate(now()));
    page = await fetchPage(start.dateFrom, undefined);
  }

  let added = 0;
  let pages = 0;
  let rows = 0;
  for (;;) {
    const next = page.hasNext && page.nextItemKey ? page.nextItemKey : null;
    if (page.hasNext && !next) {
      throw new AppError('BANK_ERROR', 'the bank said there is more but gave no nextItemKey');
    }
    const following = next ? fetchPage(start.dateFrom, next) : undefined;
    added += deps.ledger.writePage(account.id, page.transactions, {
      runDateFrom: start.dateFrom,
      nextItemKey: next,
    });
    pages += 1;
    rows += page.transactions.length;
    deps.emit({
      type: 'sync:progress',
      connectionId,
      accountId: String(account.id),
      pages,
      rows,
      dateFrom: start.dateFrom,
      reachedDate: following ? (page.transactions.at(-1)?.transactionDate ?? start.dateFrom) : page.dateTo,
    });
    if (!following) {
      deps.ledger.finishRun(account.id, page.dateTo, new Date(now()).toISOString());
      return added;
    }
    page = await following;
  }
}
