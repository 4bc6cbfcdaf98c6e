import { describe, expect, it } from 'vitest';
import { decideRetry, parseRetryAfter, type RetryPolicy } from '../../main/connectors/retry-policy.ts';
import { HISTORY_DAYS, OVERLAP_DAYS, planRun } from '../../main/sync/sync-window.ts';
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
  it('a first sync asks for the two years the bank serves', () => {
    expect(planRun({ runDateFrom: null, nextItemKey: null, syncedThrough: null }, '2026-11-24')).toEqual({
      dateFrom: '2024-11-25',
    });
    expect(HISTORY_DAYS).toBe(730);
  });

  it('an incremental sync starts a few days before the last one ended', () => {
    expect(
      planRun({ runDateFrom: null, nextItemKey: null, syncedThrough: '2026-11-20' }, '2026-11-24'),
    ).toEqual({
      dateFrom: '2026-11-17',
    });
    expect(OVERLAP_DAYS).toBe(3);
  });

  it('a run that stopped mid-way resumes at its page', () => {
    expect(
      planRun({ runDateFrom: '2024-11-25', nextItemKey: '0000012345', syncedThrough: null }, '2026-11-24'),
    ).toEqual({ dateFrom: '2024-11-25', nextItemKey: '0000012345' });
  });
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
