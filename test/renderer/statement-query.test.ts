import { describe, expect, it } from 'vitest';
import { TransactionQuery } from '../../shared/ipc/contract.ts';
import {
  emptyFilters,
  hasKanji,
  PAGE_SIZE,
  pagesAround,
  pagesFor,
  parseYen,
  toQuery,
} from '../../renderer/src/statements/query.ts';

describe('the statement filters as the core’s query', () => {
  it.each([
    ['12000', 12000],
    ['12,000', 12000],
    ['１２，０００', 12000],
    ['¥12,000', 12000],
    ['12000円', 12000],
    ['', undefined],
    ['-5', undefined],
    ['1.5', undefined],
    ['abc', undefined],
    ['99999999999999', undefined],
  ])('reads %j as %j yen', (input, yen) => {
    expect(parseYen(input)).toBe(yen);
  });

  it('asks for everything newest first when nothing is filtered', () => {
    expect(toQuery(emptyFilters)).toEqual({ query: { order: 'desc' }, problems: [] });
  });

  it('passes every filter the user set, and the core’s own schema accepts it', () => {
    const { query, problems } = toQuery({
      accountId: 'a1',
      dateFrom: '2026-10-01',
      dateTo: '2026-10-31',
      type: '2',
      minAmount: '1,000',
      maxAmount: '50000',
      text: '  ﾃﾞﾝｷ ',
      order: 'asc',
    });
    expect(problems).toEqual([]);
    expect(query).toEqual({
      order: 'asc',
      accountId: 'a1',
      dateFrom: '2026-10-01',
      dateTo: '2026-10-31',
      type: '2',
      minAmount: 1000,
      maxAmount: 50000,
      text: 'ﾃﾞﾝｷ',
    });
    expect(TransactionQuery.safeParse({ ...query, offset: 0, limit: PAGE_SIZE }).success).toBe(true);
  });

  it('leaves out an amount it cannot read and names it, rather than sending it to be refused', () => {
    const { query, problems } = toQuery({ ...emptyFilters, minAmount: 'abc', maxAmount: '100' });
    expect(query).toEqual({ order: 'desc', maxAmount: 100 });
    expect(problems).toEqual(['minAmount']);
  });

  it('names a range the wrong way round', () => {
    expect(toQuery({ ...emptyFilters, dateFrom: '2026-11-02', dateTo: '2026-11-01' }).problems).toEqual([
      'dateRange',
    ]);
    expect(toQuery({ ...emptyFilters, minAmount: '500', maxAmount: '100' }).problems).toEqual([
      'amountRange',
    ]);
  });

  it('cuts remarks to the 100 characters the contract allows', () => {
    expect(toQuery({ ...emptyFilters, text: 'ｱ'.repeat(150) }).query.text).toHaveLength(100);
  });
});

describe('which pages hold the rows in view', () => {
  it.each([
    [0, 29, [0]],
    [490, 520, [0, 1]],
    [50_000, 50_030, [100]],
    [99_990, 100_009, [199, 200]],
    [5, 4, []],
  ])('rows %d..%d are on pages %j', (first, last, pages) => {
    expect(pagesFor(first, last)).toEqual(pages);
  });

  it('never asks for more than a screenful’s pages, even at 100,000 rows', () => {
    expect(pagesFor(99_970, 100_009).length).toBeLessThanOrEqual(2);
  });
});

describe('the pages fetched ahead of a scroll', () => {
  it.each([
    ['still at the top: the page in view and a little around it', 0, 20, 'none', 100_000, [0]],
    ['still near a page end: the next page too', 470, 490, 'none', 100_000, [0, 1]],
    ['scrolling down: a whole page further down', 600, 620, 'down', 100_000, [1, 2]],
    ['scrolling up: a whole page further up', 1_100, 1_120, 'up', 100_000, [1, 2]],
    ['scrolling down at the end: nothing past the last row', 99_980, 100_000, 'down', 100_009, [199, 200]],
    ['no rows', 0, 0, 'down', 0, []],
  ] as const)('%s', (_, first, last, direction, total, pages) => {
    expect(pagesAround(first, last, direction, total)).toEqual(pages);
  });
});

describe('the kana hint of an empty search', () => {
  it.each([
    ['電気', true],
    ['ﾃﾞﾝｷ', false],
    ['でんき', false],
    ['ATM', false],
    ['振込 ﾀﾅｶ', true],
  ])('%s has kanji: %s', (text, expected) => {
    expect(hasKanji(text)).toBe(expected);
  });
});
