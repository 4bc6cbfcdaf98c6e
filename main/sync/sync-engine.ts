import { AppError, toAppErrorInfo } from '../../shared/app-errors.ts';
import { jstDate } from '../../shared/dates.ts';
import type { AccountSyncResult, AppEvent, SyncOutcome } from '../../shared/ipc/contract.ts';
import type { BankConnector, TransactionsPage } from '../connectors/bank-connector.ts';
import { BankRefusal } from '../connectors/bank-http.ts';
import type { AccountStore, StoredAccount } from '../store/account-store.ts';
import type { ConnectionRecord, ConnectionStore } from '../store/connection-store.ts';
import type { PageWriter } from '../store/statement-writer.ts';
import type { SyncStateStore } from '../store/sync-state-store.ts';
import { log } from '../log/logger.ts';
import { RunGuard } from './run-guard.ts';
import { planRun } from './sync-window.ts';

/** How far ahead of ours a bank's clock may be when it dates its statement (around midnight JST). */
const CLOCK_SLACK_MS = 10 * 60_000;

/** The stores a sync writes to, one per concern. */
export interface SyncStores {
  connections: ConnectionStore;
  accounts: AccountStore;
  syncState: SyncStateStore;
  statements: PageWriter;
}

export interface SyncDeps {
  stores: SyncStores;
  emit(event: AppEvent): void;
  now?: () => number;
}

/**
 * How many rows the sync gathers (whole pages, fetched and checked) before it writes them in one
 * transaction with the cursor after the last: eight of the bank's 500-row pages. Each write drops
 * and re-creates the row triggers and commits the pages the derived structures touch once for all
 * of its rows: four pages a write cost 15 % less than one, eight 10 % less than four (replaying
 * CORP9000's pages, docs/benchmarks.md, bench:sync). The write runs on the writer's thread, so its
 * length holds only another writer waiting for SQLite's lock (some 30 ms); a crash loses at most
 * the pages not yet written, fetched again by the next sync.
 */
export const ROWS_PER_WRITE = 4_000;

/**
 * How many rows may wait, staged on the writer's thread, while it writes the ones before: the pages
 * go on coming while a write is under way, and the next write takes them all. Past this the run
 * waits for the writer, so that a bank faster than SQLite never piles up rows in memory.
 */
export const MAX_STAGED_ROWS = 3 * ROWS_PER_WRITE;

/** Errors that are about the connection, not one account: the run stops for all its accounts. */
const CONNECTION_WIDE = new Set(['CONSENT_EXPIRED', 'KEYCHAIN_UNAVAILABLE']);

/**
 * One sync of one connection through its bank's connector: accounts → balances → each account's
 * transactions, page by page. An account's failure is recorded on that account and the others go
 * on; an expired link or a locked keychain ends the whole run. Throws only for failures before any
 * account could start. The engine knows no bank's codes: the connector says what a refusal means.
 */
export async function syncConnection(
  connection: ConnectionRecord,
  bank: BankConnector,
  deps: SyncDeps,
): Promise<SyncOutcome> {
  const { stores } = deps;
  const now = deps.now ?? Date.now;
  const startedAt = new Date(now()).toISOString();
  const accounts = stores.accounts.upsert(connection.id, await bank.accounts());
  if (connection.scopes.includes('balances:read')) {
    stores.accounts.updateBalances(connection.id, await bank.balances());
  }

  const results: AccountSyncResult[] = [];
  let connectionError: AppError | undefined;
  for (const account of accounts) {
    if (connectionError) {
      results.push({ accountId: String(account.id), newTransactions: 0, error: connectionError.toInfo() });
      continue;
    }
    // Not allowed by the link, or an account whose statement the bank does not serve (a 円定期預金):
    // shown with its balance only.
    if (!connection.scopes.includes('transactions:read') || !account.servesStatements) {
      results.push({ accountId: String(account.id), newTransactions: 0 });
      continue;
    }
    try {
      const added = await syncAccountTransactions(connection.id, account, bank, deps, now);
      results.push({ accountId: String(account.id), newTransactions: added });
    } catch (error) {
      // Pages the writer took ahead of a write the run never asked: never in a later run's.
      stores.statements.discardStaged?.(account.id);
      const info = toAppErrorInfo(error);
      log[error instanceof AppError ? 'warn' : 'error']('sync.account-failed', {
        connectionId: connection.id,
        accountId: account.id,
        error: info,
        cause: error,
      });
      stores.syncState.setError(account.id, info);
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
  stores.connections.recordSync(outcome);
  return outcome;
}

/**
 * Pages through one account's statement from where its cursor says; returns the rows that were new.
 * Three things overlap: the bank prepares the next page, this thread checks the last one, and the
 * writer (a thread of its own in the app: statement-write-thread.ts) writes the ones before. Pages
 * are written in order, a few in a transaction (ROWS_PER_WRITE) with the cursor after the last, one
 * write at a time, so a crash still leaves whole pages; while a write is under way the pages go on
 * coming, staged on the writer's thread for the next (up to MAX_STAGED_ROWS). A page that fails
 * validation is never written (those before it are): the account's run ends with that error, as it
 * does when a write fails.
 */
async function syncAccountTransactions(
  connectionId: string,
  account: StoredAccount,
  bank: BankConnector,
  deps: SyncDeps,
  now: () => number,
): Promise<number> {
  const { syncState, statements } = deps.stores;
  const fetchPage = (dateFrom: string, nextItemKey: string | undefined): Promise<TransactionsPage> => {
    const request = bank.transactionsPage({
      accountId: account.bankAccountId,
      dateFrom,
      ...(nextItemKey ? { nextItemKey } : {}),
    });
    // Awaited later, or dropped when a write fails first: never an unhandled rejection.
    request.catch(() => {});
    return request;
  };

  const today = jstDate(now());
  let start = planRun(syncState.cursor(account.id), today);
  let page: TransactionsPage;
  try {
    page = await fetchPage(start.dateFrom, start.nextItemKey);
  } catch (error) {
    // A resumed run whose page key the bank refuses, in whatever words, starts over from the
    // cursor's last finished day; itemKey keeps that free of duplicates.
    if (!(start.nextItemKey && error instanceof BankRefusal && error.kind === 'bad-key')) throw error;
    syncState.abandonRun(account.id);
    start = planRun(syncState.cursor(account.id), today);
    page = await fetchPage(start.dateFrom, undefined);
  }

  const guard = new RunGuard(start, jstDate(now() + CLOCK_SLACK_MS));
  let added = 0;
  let pages = 0;
  let rows = 0;
  /**
   * Pages fetched and checked, not yet written: written together, `next` the key after the last.
   * Those the writer staged (its thread took them as they came) are counted here, not held.
   */
  let pending: TransactionsPage[] = [];
  let pendingPages = 0;
  let pendingRows = 0;
  /**
   * The write under way (on the writer's thread, while this one fetches and checks the next pages):
   * at most one, so that writes keep their order and a failed one stops the run before the next.
   */
  let writing: Promise<void> = Promise.resolve();
  /** Whether `writing` is still under way. */
  let writeBusy = false;
  /**
   * Whether this run has asked a write yet: only a run that has is long enough to stage its pages
   * on the writer's thread. A repeat sync's few pages wait here for the one write that ends the
   * run, which then goes on this thread (statement-write-thread.ts): staged on a thread still up
   * from an earlier sync, they cost a copy each and the write a round trip, and nothing overlaps.
   */
  let wroteBefore = false;
  /**
   * Tells the UI a page came and checked out: the pages and rows so far, and the day the run reached
   * (the page's last row's; the last page's own end). Told as each page comes, not as its write
   * ends: eight pages go in a write, and a sync of a few thousand rows would show nothing between
   * its start and its end.
   */
  const received = (page: TransactionsPage, next: string | null) => {
    pages += 1;
    rows += page.transactions.length;
    deps.emit({
      type: 'sync:progress',
      connectionId,
      accountId: String(account.id),
      pages,
      rows,
      dateFrom: start.dateFrom,
      reachedDate: next ? (page.transactions.at(-1)?.transactionDate ?? start.dateFrom) : page.dateTo,
    });
  };
  /** Starts writing the pending pages once the write before has ended; throws what that one threw. */
  const writePending = async (next: string | null) => {
    await writing;
    if (pendingPages === 0) return;
    const batch = pending;
    pending = [];
    pendingPages = 0;
    pendingRows = 0;
    const write = Promise.resolve(
      statements.writePage(
        account.id,
        batch.length === 1 ? batch[0]!.transactions : batch.flatMap((p) => p.transactions),
        { runDateFrom: start.dateFrom, nextItemKey: next },
      ),
    ).then(
      (newRows) => {
        added += newRows;
        writeBusy = false;
      },
      (error: unknown) => {
        writeBusy = false;
        throw error;
      },
    );
    writeBusy = true;
    wroteBefore = true;
    // Awaited by the next write or the run's end; never an unhandled rejection meanwhile.
    write.catch(() => {});
    writing = write;
  };
  /** The pending pages written, and every write before them ended: where a run stops. */
  const writeAll = async (next: string | null) => {
    await writePending(next);
    await writing;
  };
  /** The key of the page being checked: the cursor after the pages still pending. */
  let pageKey: string | null = start.nextItemKey ?? null;
  for (;;) {
    let next: string | null;
    try {
      next = guard.check(page);
    } catch (error) {
      // The pages checked before it are kept, as they were when each was written as it came; but a
      // run the bank broke is not resumed where it was: the next sync starts it over.
      await writeAll(pageKey);
      syncState.abandonRun(account.id);
      throw error;
    }
    const following = next ? fetchPage(start.dateFrom, next) : undefined;
    received(page, next);
    // Staged only behind no held page, so that a write keeps the bank's order.
    const staged = wroteBefore && pending.length === 0 && statements.stage?.(account.id, page.transactions);
    if (!staged) pending.push(page);
    pendingPages += 1;
    pendingRows += page.transactions.length;
    if (!following) await writeAll(next);
    else if (
      pendingRows >= ROWS_PER_WRITE &&
      !(writeBusy && pending.length === 0 && pendingRows < MAX_STAGED_ROWS)
    ) {
      // Pages the writer staged need not wait for its write under way: the next write takes them all.
      await writePending(next);
    }
    if (!following) {
      // Never a cursor past today, even by the slack a bank's clock is allowed.
      const through = page.dateTo < today ? page.dateTo : today;
      syncState.finishRun(account.id, through, new Date(now()).toISOString());
      return added;
    }
    try {
      page = await following;
    } catch (error) {
      // The pages already checked are kept, with the cursor that follows them: the next sync
      // goes on from there, as it would have had each page been written as it came.
      await writeAll(next);
      throw error;
    }
    pageKey = next;
  }
}
