import { describe, expect, it } from 'vitest';
import { decideRetry, parseRetryAfter, type RetryPolicy } from '../../main/connectors/retry-policy.ts';
import {
  askedWholeOverlap,
  HISTORY_DAYS,
  OVERLAP_DAYS,
  OVERLAP_RECHECK_MS,
  planRun,
  type SyncCursor,
} from '../../main/sync/sync-window.ts';
import { linkExpiresAt } from '../../main/auth/connection-tokens.ts';
import { callbackPage } from '../../main/auth/callback-page.ts';
import { APP_ERROR_CODES, APP_ERROR_TEXT, AppError, toAppErrorInfo } from '../../shared/app-errors.ts';
import { dayWindow } from '../../main/store/day-window.ts';

const policy: RetryPolicy = { maxAttempts: 4, maxWaitMs: 10_000, baseDelayMs: 500 };
const NOW = Date.parse('2026-11-24T03:00:00Z');

describe('Retry-After', () => {
  it('reads delta-seconds and HTTP-dates, and ignores nonsense', () => {
    expect(parseRetryAfter('3', NOW)).toBe(3000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
    expect(parseRetryAfter('Tue, 24 Nov 2026 03:00:05 GMT', NOW)).toBe(5000);
    expect(parseRetryAfter('Tue, 24 Nov 2026 02:00:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
  });

  it('waits what the bank asked, backs off when it did not, and stops with the time it named', () => {
    expect(decideRetry(policy, 1, 2000, NOW)).toEqual({ retry: true, waitMs: 2000 });
    expect(decideRetry(policy, 1, undefined, NOW)).toEqual({ retry: true, waitMs: 500 });
    expect(decideRetry(policy, 3, undefined, NOW)).toEqual({ retry: true, waitMs: 2000 });
    expect(decideRetry(policy, 4, 1000, NOW)).toEqual({ retry: false, retryAt: NOW + 1000 });
    expect(decideRetry(policy, 1, 60_000, NOW)).toEqual({ retry: false, retryAt: NOW + 60_000 });
    expect(decideRetry(policy, 4, undefined, NOW)).toEqual({ retry: false });
  });
});

describe('where a sync run starts', () => {
  const TODAY = '2026-11-24';
  const NOON = Date.parse('2026-11-24T03:00:00Z');
  const cursor = (over: Partial<SyncCursor>): SyncCursor => ({
    runDateFrom: null,
    nextItemKey: null,
    syncedThrough: null,
    latestRowDate: null,
    overlapCheckedAt: null,
    ...over,
  });

  it('a first sync asks for the two years the bank serves', () => {
    expect(planRun(cursor({}), TODAY, NOON)).toEqual({ dateFrom: '2024-11-25' });
    expect(HISTORY_DAYS).toBe(730);
  });

  it('an incremental sync in a newly started app asks the whole overlap: 3 days before the last whole check ended', () => {
    expect(
      planRun(cursor({ syncedThrough: '2026-11-20', latestRowDate: '2026-11-20' }), TODAY, NOON),
    ).toEqual({
      dateFrom: '2026-11-17',
    });
    expect(OVERLAP_DAYS).toBe(3);
  });

  it('a run that stopped mid-way resumes at its page', () => {
    expect(
      planRun(
        cursor({ runDateFrom: '2024-11-25', nextItemKey: '0000012345', overlapCheckedAt: NOON }),
        TODAY,
        NOON,
      ),
    ).toEqual({ dateFrom: '2024-11-25', nextItemKey: '0000012345' });
  });

  // The rule against the clock: [minutes since the last whole check, syncedThrough, latestRowDate] → dateFrom.
  it.each([
    [
      'within the hour it asks from the last day the ledger has',
      10,
      '2026-11-24',
      '2026-11-24',
      '2026-11-24',
    ],
    ['a minute before the hour is still within it', 59, '2026-11-24', '2026-11-24', '2026-11-24'],
    ['an hour after, the whole overlap again', 60, '2026-11-24', '2026-11-24', '2026-11-21'],
    ['the last day is yesterday when nothing came today yet', 10, '2026-11-24', '2026-11-23', '2026-11-23'],
    [
      'past midnight, from the last day, the whole check having ended yesterday',
      10,
      '2026-11-23',
      '2026-11-24',
      '2026-11-24',
    ],
    [
      'a whole check that ended two days ago is not lately, whatever the clock',
      10,
      '2026-11-22',
      '2026-11-24',
      '2026-11-19',
    ],
    [
      'never from before the overlap, an account quiet for a week',
      10,
      '2026-11-24',
      '2026-11-15',
      '2026-11-21',
    ],
    ['a row dated past today counts as today', 10, '2026-11-24', '2026-11-26', '2026-11-24'],
  ])('%s', (_why, minutesAgo, syncedThrough, latestRowDate, dateFrom) => {
    const checked = cursor({ syncedThrough, latestRowDate, overlapCheckedAt: NOON - minutesAgo * 60_000 });
    expect(planRun(checked, TODAY, NOON)).toEqual({ dateFrom });
    expect(OVERLAP_RECHECK_MS).toBe(60 * 60_000);
  });

  it('asks the whole overlap when the ledger has no row, or the clock went back past the last check', () => {
    const base = { syncedThrough: TODAY, overlapCheckedAt: NOON - 60_000 };
    expect(planRun(cursor({ ...base, latestRowDate: null }), TODAY, NOON)).toEqual({
      dateFrom: '2026-11-21',
    });
    expect(planRun(cursor({ ...base, latestRowDate: TODAY }), TODAY, NOON - 120_000)).toEqual({
      dateFrom: '2026-11-21',
    });
  });

  it.each([
    ['a first sync (no cursor yet) asked it all', null, '2024-11-25', true],
    ['a cursor past today was mended by a run over the whole history', '2026-12-31', '2024-11-25', true],
    ['a run from where the overlap begins asked it whole', '2026-11-20', '2026-11-17', true],
    ['a run from earlier did too', '2026-11-20', '2026-11-10', true],
    ['a run from the last day did not', '2026-11-20', '2026-11-24', false],
    ['a run whose start is unknown is taken as not', '2026-11-20', null, false],
  ])(
    'moves the whole check’s end only after a run that asked it whole: %s',
    (_why, syncedThrough, runDateFrom, whole) => {
      expect(askedWholeOverlap({ syncedThrough }, runDateFrom, TODAY)).toBe(whole);
    },
  );
});

describe('small pieces of the link', () => {
  it('the link expiry comes from refresh_token_expires_in, and only from a sane number', () => {
    expect(linkExpiresAt({ access_token: 'a', refresh_token_expires_in: 7_776_000 }, NOW)).toEqual(
      new Date(NOW + 90 * 86_400_000),
    );
    expect(linkExpiresAt({ access_token: 'a', refresh_token_expires_in: '90' }, NOW)).toBeUndefined();
    expect(linkExpiresAt({ access_token: 'a', refresh_token_expires_in: -1 }, NOW)).toBeUndefined();
  });

  it('the tab’s page after the callback says what happened and carries no script', () => {
    expect(callbackPage('done')).toContain('連携が完了しました。アプリに戻ってください');
    expect(callbackPage('cancelled')).toContain('キャンセル');
    expect(callbackPage('<script>')).toContain('連携できませんでした');
    expect(callbackPage('done')).not.toContain('<script');
  });

  it('every error code has Japanese and English words and one fix action; unknown errors say nothing inside', () => {
    for (const code of APP_ERROR_CODES) {
      expect(APP_ERROR_TEXT[code].ja).toMatch(/[ぁ-んァ-ヶ一-龯]/);
      expect(APP_ERROR_TEXT[code].en.length).toBeGreaterThan(10);
    }
    expect(APP_ERROR_TEXT.CONSENT_EXPIRED.action).toBe('relink');
    expect(toAppErrorInfo(new Error('secret detail at /home/x'))).toEqual({ code: 'INTERNAL' });
    expect(
      toAppErrorInfo(new AppError('RATE_LIMITED', 'slow', { retryAt: '2026-11-24T03:10:00.000Z' })),
    ).toEqual({
      code: 'RATE_LIMITED',
      detail: 'slow',
      retryAt: '2026-11-24T03:10:00.000Z',
    });
  });
});

describe('where a page of the statement falls among its days', () => {
  // Three days of 3, 0 and 4 matching rows, in the page's order.
  const days: Array<[string, number]> = [
    ['d1', 3],
    ['d2', 0],
    ['d3', 4],
  ];
  it.each([
    [0, 2, { first: 'd1', last: 'd1', skip: 0 }],
    [0, 3, { first: 'd1', last: 'd1', skip: 0 }],
    [0, 4, { first: 'd1', last: 'd3', skip: 0 }],
    [2, 1, { first: 'd1', last: 'd1', skip: 2 }],
    [2, 2, { first: 'd1', last: 'd3', skip: 2 }],
    [3, 1, { first: 'd3', last: 'd3', skip: 0 }],
    [6, 1, { first: 'd3', last: 'd3', skip: 3 }],
    [5, 9, { first: 'd3', last: 'd3', skip: 2 }],
    [7, 1, undefined],
  ])('from row %i, %i rows: %o', (offset, limit, window) => {
    expect(dayWindow(days, offset, limit)).toEqual(window);
  });

  it('reads the days only as far as the page', () => {
    const read: string[] = [];
    function* counted() {
      for (const day of days) {
        read.push(day[0]);
        yield day;
      }
    }
    dayWindow(counted(), 0, 3);
    expect(read).toEqual(['d1']);
  });
});
