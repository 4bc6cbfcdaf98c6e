import { describe, expect, it } from 'vitest';
import { TransactionQuery } from '../../shared/ipc/contract.ts';
import { emptyFilters, hasKanji, parseYen, toQuery } from '../../renderer/src/statements/query.ts';

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
    expect(TransactionQuery.safeParse({ ...query, offset: 0, limit: 1000 }).success).toBe(true);
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
