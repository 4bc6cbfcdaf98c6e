import { describe, expect, it } from 'vitest';
import { accountTypeIn } from '../../renderer/src/i18n/words.ts';
import {
  formatBaseDateTime,
  formatCount,
  formatDate,
  formatDateTime,
  formatRetryTime,
  formatLedgerDate,
  formatYen,
  joinNames,
} from '../../renderer/src/i18n/format.ts';

describe('how the UI writes money, dates and counts', () => {
  it.each([
    [0, 'ja', '￥0'],
    [1234567, 'ja', '￥1,234,567'],
    [1234567, 'en', '¥1,234,567'],
    [244499140, 'en', '¥244,499,140'],
  ] as const)('writes %d yen in %s as %s', (amount, lang, text) => {
    expect(formatYen(amount, lang)).toBe(text);
  });

  it('writes counts with the thousands separator', () => {
    expect(formatCount(100010, 'ja')).toBe('100,010');
    expect(formatCount(100010, 'en')).toBe('100,010');
  });

  it('writes instants in JST whatever the machine’s zone: 15:30 UTC is the next day in Tokyo', () => {
    expect(formatDate('2026-11-24T15:30:00Z', 'ja')).toBe('2026/11/25');
    expect(formatDate('2026-11-24T15:30:00Z', 'en')).toBe('25/11/2026');
    expect(formatDateTime('2026-11-24T15:30:00Z', 'ja')).toBe('2026/11/25 00:30');
    expect(formatDateTime('2026-11-24T15:30:00Z', 'en')).toBe('25/11/2026, 00:30');
    // The time the bank allows a retry keeps its seconds: Retry-After is seconds, not minutes.
    expect(formatRetryTime('2026-11-24T15:30:07Z', 'ja')).toBe('2026/11/25 00:30:07');
    expect(formatRetryTime('2026-11-24T15:30:07Z', 'en')).toBe('25/11/2026, 00:30:07');
  });

  it('writes ledger dates (already JST) without shifting them a day', () => {
    expect(formatLedgerDate('2026-01-01', 'ja')).toBe('2026/01/01');
    expect(formatLedgerDate('2026-12-31', 'en')).toBe('31/12/2026');
  });

  it.each([
    ['2026-11-25', '13:05:00', '2026/11/25 13:05'],
    ['2026-11-25', '09:00', '2026/11/25 09:00'],
    ['2026-11-25', undefined, '2026/11/25'],
    ['2026-11-25', 'later', '2026/11/25'],
  ])('writes the bank’s base date %s and time %s as %s', (date, time, text) => {
    expect(formatBaseDateTime(date, time, 'ja')).toBe(text);
  });

  it('joins names the way each language lists them', () => {
    expect(joinNames(['残高照会', '入出金明細照会'], 'ja')).toBe('残高照会・入出金明細照会');
    expect(joinNames(['Balance inquiry', 'Transaction history inquiry'], 'en')).toBe(
      'Balance inquiry, Transaction history inquiry',
    );
  });
});

describe('account types in the UI’s language', () => {
  it.each([
    ['普通預金', 'en', 'Ordinary deposit'],
    ['当座預金', 'en', 'Current account'],
    ['普通預金', 'ja', '普通預金'],
    ['外貨普通預金', 'en', '外貨普通預金'],
  ] as const)('%s in %s reads %s', (name, lang, shown) => {
    expect(accountTypeIn(name, lang)).toBe(shown);
  });
});
