import { describe, expect, it } from 'vitest';
import type { AppEvent, SyncOutcome } from '../../shared/ipc/contract.ts';
import {
  dateFraction,
  initialSyncState,
  outcomeError,
  reduceSync,
  syncFraction,
  summarizeSyncs,
  syncTotals,
  syncEstimate,
} from '../../renderer/src/sync/progress.ts';
import { accountSyncResult } from '../../renderer/src/accounts/sync-result.ts';

// 2026-11-25 12:00 JST.
const now = Date.parse('2026-11-25T03:00:00Z');
const progress = (accountId: string, pages: number, reachedDate: string): AppEvent => ({
  type: 'sync:progress',
  connectionId: 'c1',
  accountId,
  pages,
  rows: pages * 500,
  dateFrom: '2024-11-26',
  reachedDate,
});
const outcome = (extra: Partial<SyncOutcome> = {}): SyncOutcome => ({
  connectionId: 'c1',
  startedAt: '2026-11-25T02:59:00Z',
  finishedAt: '2026-11-25T03:00:00Z',
  accounts: [{ accountId: 'a1', newTransactions: 12 }],
  ...extra,
});
const run = (...events: AppEvent[]) => events.reduce(reduceSync, initialSyncState);

describe('the sync bar by date', () => {
  it.each([
    ['2024-11-26', 0],
    ['2025-11-25', 0.5],
    ['2026-11-25', 1],
    ['2026-12-01', 1],
  ])('an account that reached %s of a two-year run is %d done', (reachedDate, fraction) => {
    expect(dateFraction({ dateFrom: '2024-11-26', reachedDate }, now)).toBeCloseTo(fraction, 2);
  });

  it('counts a run that starts today as done once it reached today', () => {
    expect(dateFraction({ dateFrom: '2026-11-25', reachedDate: '2026-11-25' }, now)).toBe(1);
  });

  it('gives every account of the running links an equal share, the ones not begun as zero', () => {
    const state = run({ type: 'sync:started', connectionId: 'c1' }, progress('a1', 200, '2026-11-25'));
    expect(syncFraction(state, 2, now)).toBeCloseTo(0.5, 2);
    expect(syncFraction(state, 1, now)).toBeCloseTo(1, 2);
    // A first sync: the accounts are not known yet, the ones seen are the whole.
    expect(syncFraction(state, 0, now)).toBeCloseTo(1, 2);
  });

  it('adds pages and rows over the accounts, each account’s latest event counting once', () => {
    const state = run(
      progress('a1', 3, '2025-01-01'),
      progress('a1', 4, '2025-02-01'),
      progress('a2', 1, '2025-01-01'),
    );
    expect(syncTotals(state)).toEqual({ pages: 5, rows: 2500 });
  });
});

describe('the sync events folded into what the top bar shows', () => {
  it('runs from sync:started to sync:finished and then remembers the outcome', () => {
    const started = run({ type: 'sync:started', connectionId: 'c1' });
    expect(started.running).toEqual(['c1']);
    const finished = reduceSync(started, { type: 'sync:finished', outcome: outcome() });
    expect(finished.running).toEqual([]);
    expect(finished.progress).toEqual({});
    expect(finished.last).toEqual(outcome());
  });

  it('counts a sync that was already running when the page opened (progress without started)', () => {
    expect(run(progress('a1', 1, '2025-01-01')).running).toEqual(['c1']);
  });

  it('shows the bank’s wait until the next page comes', () => {
    const waiting = run(
      { type: 'sync:started', connectionId: 'c1' },
      { type: 'sync:waiting', connectionId: 'c1', status: 429, retryAt: '2026-11-25T03:00:05Z' },
    );
    expect(waiting.waitingUntil).toBe('2026-11-25T03:00:05Z');
    expect(reduceSync(waiting, progress('a1', 1, '2025-01-01')).waitingUntil).toBeUndefined();
  });

  it('keeps the other link running when one finishes', () => {
    const state = run(
      { type: 'sync:started', connectionId: 'c1' },
      { type: 'sync:started', connectionId: 'c2' },
      { type: 'sync:finished', outcome: outcome() },
    );
    expect(state.running).toEqual(['c2']);
  });

  it('names the error of a whole link before an account’s', () => {
    const expired = { code: 'CONSENT_EXPIRED' } as const;
    const limited = { code: 'RATE_LIMITED', retryAt: '2026-11-25T03:02:00Z' } as const;
    expect(
      outcomeError(
        outcome({ error: expired, accounts: [{ accountId: 'a1', newTransactions: 0, error: limited }] }),
      ),
    ).toBe(expired);
    expect(
      outcomeError(outcome({ accounts: [{ accountId: 'a1', newTransactions: 0, error: limited }] })),
    ).toBe(limited);
    expect(outcomeError(outcome())).toBeUndefined();
  });
});

describe('an account’s last sync in the accounts table', () => {
  const ok = { lastSyncedAt: '2026-11-25T03:00:00Z' };
  it('is the account’s own run when its link did not fail later', () => {
    expect(accountSyncResult(ok, { lastSync: outcome() })).toEqual({ at: '2026-11-25T03:00:00Z' });
  });
  it('is the link’s later failure, so an old success does not hide it', () => {
    const failed = outcome({ finishedAt: '2026-11-25T04:00:00Z', error: { code: 'BANK_UNAVAILABLE' } });
    expect(accountSyncResult(ok, { lastSync: failed })).toEqual({
      at: '2026-11-25T04:00:00Z',
      error: { code: 'BANK_UNAVAILABLE' },
    });
  });
  it('is nothing for an account never synced', () => {
    expect(accountSyncResult({}, undefined)).toBeUndefined();
  });
});

describe('the last sync in the top bar, over every link', () => {
  const ok = outcome({ connectionId: 'c1', finishedAt: '2026-11-25T03:00:05Z' });
  const accountFailed = outcome({
    connectionId: 'c2',
    finishedAt: '2026-11-25T03:00:01Z',
    accounts: [
      { accountId: 'a2', newTransactions: 3 },
      { accountId: 'a3', newTransactions: 0, error: { code: 'BANK_ERROR' } },
    ],
  });
  const linkFailed = outcome({
    connectionId: 'c3',
    accounts: [],
    error: { code: 'BANK_UNAVAILABLE', retryAt: '2026-11-25T03:05:00Z' },
  });

  it('is a failure when one account failed, even if a link that synced well finished after it', () => {
    expect(summarizeSyncs([accountFailed, ok])).toEqual({
      finishedAt: '2026-11-25T03:00:05Z',
      newRows: 15,
      failed: 1,
      error: { code: 'BANK_ERROR' },
    });
  });

  it('counts a link that failed before its accounts as one failure, names its error first, and keeps the bank’s time', () => {
    expect(summarizeSyncs([ok, accountFailed, linkFailed])).toMatchObject({
      failed: 2,
      error: { code: 'BANK_UNAVAILABLE' },
      notBefore: '2026-11-25T03:05:00Z',
    });
  });

  it('is a success with the new rows of every link when nothing failed, and nothing before any sync', () => {
    expect(summarizeSyncs([ok, outcome({ connectionId: 'c2' })])).toEqual({
      finishedAt: '2026-11-25T03:00:05Z',
      newRows: 24,
      failed: 0,
    });
    expect(summarizeSyncs([])).toBeUndefined();
  });

  it('counts the new rows of the newest run only, not of a link synced on its own before it (issue 21 item 9)', () => {
    const corp9000 = outcome({
      connectionId: 'c1',
      startedAt: '2026-11-25T02:00:00Z',
      finishedAt: '2026-11-25T02:01:00Z',
      accounts: [{ accountId: 'a1', newTransactions: 4460 }],
    });
    const justLinked = outcome({
      connectionId: 'c2',
      startedAt: '2026-11-25T03:00:00Z',
      finishedAt: '2026-11-25T03:00:02Z',
      accounts: [{ accountId: 'a2', newTransactions: 283 }],
    });
    expect(summarizeSyncs([corp9000, justLinked])).toEqual({
      finishedAt: '2026-11-25T03:00:02Z',
      newRows: 283,
      failed: 0,
    });
  });

  it('keeps the newest time after that link is disconnected, and drops its errors', () => {
    const older = outcome({
      connectionId: 'c1',
      startedAt: '2026-11-25T01:00:00Z',
      finishedAt: '2026-11-25T01:00:01Z',
    });
    const disconnected = outcome({
      connectionId: 'c2',
      startedAt: '2026-11-25T03:00:00Z',
      finishedAt: '2026-11-25T03:00:02Z',
      accounts: [{ accountId: 'a2', newTransactions: 283, error: { code: 'BANK_ERROR' } }],
    });
    expect(summarizeSyncs([older], [disconnected])).toEqual({
      finishedAt: '2026-11-25T03:00:02Z',
      newRows: 283,
      failed: 0,
    });
  });
});

describe('the first sync’s total and time left (issue 21 item 15)', () => {
  it('scales the rows and the time taken by the share of the days covered', () => {
    expect(syncEstimate(0.25, 20_000, 1000)).toEqual({ totalRows: 4000, secondsLeft: 60 });
    expect(syncEstimate(0.5, 3_000, 50_000)).toEqual({ totalRows: 100_000, secondsLeft: 3 });
  });

  it('says nothing before 3% and 2 seconds, nor once done', () => {
    expect(syncEstimate(0.02, 60_000, 10)).toBeUndefined();
    expect(syncEstimate(0.5, 1_000, 10)).toBeUndefined();
    expect(syncEstimate(1, 60_000, 10)).toBeUndefined();
  });
});
