import { jstDate } from '../../../shared/dates.ts';
import { APP_ERROR_TEXT, type AppErrorInfo } from '../../../shared/app-errors.ts';
import type { AppEvent, SyncOutcome } from '../../../shared/ipc/contract.ts';

type ProgressEvent = Extract<AppEvent, { type: 'sync:progress' }>;

/** One account's place in a running sync: its last progress event. */
export type AccountProgress = Pick<ProgressEvent, 'pages' | 'rows' | 'dateFrom' | 'reachedDate'>;

/** What the top bar shows of the syncs that run now and the last one that ended. */
export interface SyncState {
  running: string[];
  /** Per running connection, per account. */
  progress: Record<string, Record<string, AccountProgress>>;
  /** Set while the bank asked the app to wait. */
  waitingUntil: string | undefined;
  last: SyncOutcome | undefined;
  /** The latest outcome of each connection synced in this session. */
  outcomes: Record<string, SyncOutcome>;
}

export const initialSyncState: SyncState = {
  running: [],
  progress: {},
  waitingUntil: undefined,
  last: undefined,
  outcomes: {},
};

const DAY_MS = 86_400_000;

/** How far an account's run has come by date: its first day to today (JST), 0..1. */
export function dateFraction(p: Pick<AccountProgress, 'dateFrom' | 'reachedDate'>, now: number): number {
  const from = Date.parse(p.dateFrom);
  const total = (Date.parse(jstDate(now)) - from) / DAY_MS;
  const done = (Date.parse(p.reachedDate) - from) / DAY_MS;
  if (!(total > 0)) return done >= 0 ? 1 : 0;
  return Math.min(1, Math.max(0, done / total));
}

/**
 * The whole bar: accounts run one after another, so each counts as an equal share, the ones not
 * started yet as 0. `accountCount` is how many accounts the running connections hold (unknown on a
 * first sync: then the accounts seen so far).
 */
export function syncFraction(state: SyncState, accountCount: number, now: number): number {
  const accounts = Object.values(state.progress).flatMap((byAccount) => Object.values(byAccount));
  if (accounts.length === 0) return 0;
  const sum = accounts.reduce((n, p) => n + dateFraction(p, now), 0);
  return sum / Math.max(accountCount, accounts.length);
}

/** What the bar adds once a run has gone far enough to tell: its rows in all and the time left. */
export interface SyncEstimate {
  totalRows: number;
  secondsLeft: number;
}

/**
 * The whole run from the part done: the bank does not say how many rows a statement holds, but a
 * run goes by date, so rows and time scale with the share of the days covered. Undefined until 3%
 * and 2 seconds are behind it (before that a guess swings too far to be worth showing).
 */
export function syncEstimate(fraction: number, elapsedMs: number, rows: number): SyncEstimate | undefined {
  if (fraction < 0.03 || elapsedMs < 2000 || fraction >= 1) return undefined;
  return {
    totalRows: Math.max(rows, Math.round(rows / fraction)),
    secondsLeft: Math.ceil(((elapsedMs / fraction) * (1 - fraction)) / 1000),
  };
}

/** Pages and rows written so far across the running syncs. */
export function syncTotals(state: SyncState): { pages: number; rows: number } {
  const accounts = Object.values(state.progress).flatMap((byAccount) => Object.values(byAccount));
  return {
    pages: accounts.reduce((n, p) => n + p.pages, 0),
    rows: accounts.reduce((n, p) => n + p.rows, 0),
  };
}

/** The core's sync events folded into what the screen shows. */
export function reduceSync(state: SyncState, event: AppEvent): SyncState {
  switch (event.type) {
    case 'sync:started':
      return {
        ...state,
        running: [...state.running.filter((id) => id !== event.connectionId), event.connectionId],
        progress: { ...state.progress, [event.connectionId]: {} },
      };
    case 'sync:progress': {
      const { connectionId, accountId, pages, rows, dateFrom, reachedDate } = event;
      return {
        ...state,
        running: state.running.includes(connectionId) ? state.running : [...state.running, connectionId],
        waitingUntil: undefined,
        progress: {
          ...state.progress,
          [connectionId]: {
            ...state.progress[connectionId],
            [accountId]: { pages, rows, dateFrom, reachedDate },
          },
        },
      };
    }
    case 'sync:waiting':
      return { ...state, waitingUntil: event.retryAt };
    case 'sync:finished': {
      const id = event.outcome.connectionId;
      const progress = Object.fromEntries(Object.entries(state.progress).filter(([key]) => key !== id));
      const running = state.running.filter((r) => r !== id);
      return {
        running,
        progress,
        waitingUntil: running.length === 0 ? undefined : state.waitingUntil,
        last: event.outcome,
        outcomes: { ...state.outcomes, [id]: event.outcome },
      };
    }
    default:
      return state;
  }
}

/** The error a sync ended with, if any: the whole connection's, else the first account's. */
export function outcomeError(outcome: SyncOutcome): AppErrorInfo | undefined {
  return outcome.error ?? outcome.accounts.find((a) => a.error)?.error;
}

function newRows(outcome: SyncOutcome): number {
  return outcome.accounts.reduce((n, a) => n + a.newTransactions, 0);
}

/** What the top bar says of the last syncs: one line over every link's latest outcome. */
export interface SyncSummary {
  finishedAt: string;
  newRows: number;
  /** Failures: each account whose run failed, and each link that failed before its accounts. */
  failed: number;
  /** The first error: a whole link's before an account's. */
  error?: AppErrorInfo;
  /** The latest time a bank asked the app to wait until (RATE_LIMITED, BANK_UNAVAILABLE). */
  notBefore?: string;
}

/**
 * The outcomes of the newest run: the newest outcome and every other that ended after it started
 * (a 同期 of all links runs them side by side). A link synced on its own earlier — the account
 * linked before this one — is another run, and its rows are not this run's 新しい明細.
 */
function newestRun(outcomes: SyncOutcome[]): SyncOutcome[] {
  const newest = outcomes.reduce<SyncOutcome | undefined>(
    (a, o) => (!a || o.finishedAt > a.finishedAt ? o : a),
    undefined,
  );
  return newest ? outcomes.filter((o) => o.finishedAt >= newest.startedAt) : [];
}

/**
 * The top bar's line: the time and new rows of the newest run, and the failures of every link's
 * latest outcome, so that one failed account among links that synced well is never a green
 * "新しい明細 0件". `ended` are the latest outcomes of links disconnected since: their run still
 * happened (the time never goes back), but their errors are no longer anything to fix.
 */
export function summarizeSyncs(outcomes: SyncOutcome[], ended: SyncOutcome[] = []): SyncSummary | undefined {
  const run = newestRun([...outcomes, ...ended]);
  if (run.length === 0) return undefined;
  const errors = outcomes.flatMap((o) =>
    o.error ? [o.error] : o.accounts.flatMap((a) => (a.error ? [a.error] : [])),
  );
  const wholeFirst = outcomes.find((o) => o.error)?.error ?? errors[0];
  const notBefore = errors
    .filter((e) => APP_ERROR_TEXT[e.code].action === 'retry-later' && e.retryAt)
    .map((e) => e.retryAt!)
    .sort()
    .at(-1);
  return {
    finishedAt: run
      .map((o) => o.finishedAt)
      .sort()
      .at(-1)!,
    newRows: run.reduce((n, o) => n + newRows(o), 0),
    failed: outcomes.reduce(
      (n, o) => n + (o.error && o.accounts.length === 0 ? 1 : o.accounts.filter((a) => a.error).length),
      0,
    ),
    ...(wholeFirst ? { error: wholeFirst } : {}),
    ...(notBefore ? { notBefore } : {}),
  };
}
