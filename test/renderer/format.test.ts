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
  formatMonth,
  formatMonthName,
  formatCompact,
  formatWordValue,
  wordFormatter,
  joinNames,
  parseDateInput,
} from '../../renderer/src/i18n/format.ts';
import i18next from 'i18next';
import { en } from '../../renderer/src/i18n/en.ts';
import { ja } from '../../renderer/src/i18n/ja.ts';

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

describe('one way to write numbers, money, months and typed dates (issue 21 item 8)', () => {
  it.each([
    [-440, 'ja', '-￥440'],
    [-309600, 'ja', '-￥309,600'],
    [-309600, 'en', '-¥309,600'],
    [0, 'en', '¥0'],
    [-0, 'ja', '￥0'],
    [9_007_199_254_740_991, 'ja', '￥9,007,199,254,740,991'],
  ] as const)(
    'writes %d yen in %s as %s: one minus sign, the ASCII one before the symbol',
    (n, lang, text) => {
      expect(formatYen(n, lang)).toBe(text);
    },
  );

  it.each([
    [0, 'ja', '0'],
    [4743, 'ja', '4,743'],
    [1_000_000, 'en', '1,000,000'],
    [-12, 'en', '-12'],
  ] as const)('writes the count %d in %s as %s', (n, lang, text) => {
    expect(formatCount(n, lang)).toBe(text);
  });

  it('writes a month one way, charts and tables alike', () => {
    expect(formatMonth('2026-01', 'ja')).toBe('2026/01');
    expect(formatMonth('2026-12', 'en')).toBe('12/2026');
    expect(formatMonthName(4, 'ja')).toBe('4月');
    expect(formatMonthName(4, 'en')).toBe('April');
  });

  it('writes a chart axis compactly in the language', () => {
    expect(formatCompact(1_200_000, 'ja')).toBe('120万');
    expect(formatCompact(1_200_000, 'en')).toBe('1.2m');
    expect(formatCompact(0, 'en')).toBe('0');
  });

  it.each([
    ['2026/12/07', 'ja', '2026-12-07'],
    ['2026-12-07', 'en', '2026-12-07'],
    ['20261207', 'ja', '2026-12-07'],
    ['２０２６／１２／０７', 'ja', '2026-12-07'],
    ['2026/1/7', 'ja', '2026-01-07'],
    ['07/12/2026', 'en', '2026-12-07'],
    ['07/12/2026', 'ja', undefined],
    ['2026/02/30', 'ja', undefined],
    ['31/02/2026', 'en', undefined],
    ['2026/12', 'ja', undefined],
    ['', 'ja', undefined],
  ] as const)('reads the typed date %s in %s as %s', (text, lang, date) => {
    expect(parseDateInput(text, lang)).toBe(date);
  });

  it('a typed date reads back as the app writes it', () => {
    for (const lang of ['ja', 'en'] as const)
      expect(parseDateInput(formatLedgerDate('2026-03-09', lang), lang)).toBe('2026-03-09');
  });

  it('every number put into the words is a count with separators, except those that name something', () => {
    expect(formatWordValue(100010, 'count', 'ja')).toBe('100,010');
    expect(formatWordValue(4743, 'rows', 'en')).toBe('4,743');
    expect(formatWordValue(2026, 'year', 'ja')).toBe(2026);
    expect(formatWordValue(404, 'status', 'en')).toBe(404);
    expect(formatWordValue('2026/12/07', 'date', 'ja')).toBe('2026/12/07');
  });

  it('the words write counts with separators with or without `, number` in the text', async () => {
    // As setup.ts sets it up (which also writes to the page's document).
    const i18n = i18next.createInstance().use(wordFormatter);
    await i18n.init({
      resources: { ja: { translation: ja }, en: { translation: en } },
      lng: 'ja',
      interpolation: { escapeValue: false, alwaysFormat: true },
    });
    await i18n.changeLanguage('ja');
    expect(i18n.t('sync.lastOk', { count: 4743 })).toBe('新しい明細 4,743件');
    expect(
      i18n.t('deleteKept.warning', { bank: 'B', channel: 'C', holder: 'H', accounts: 1, rows: 100010 }),
    ).toContain('明細 100,010 件');
    expect(i18n.t('books.export.fiscalYear', { year: 2026, from: 'a', to: 'b' })).toBe('2026年度（a〜b）');
    await i18n.changeLanguage('en');
    expect(i18n.t('sync.lastOk', { count: 100010 })).toContain('100,010');
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
