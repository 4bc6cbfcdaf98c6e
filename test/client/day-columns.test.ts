import { describe, expect, it } from 'vitest';
import { decodeDay, encodeDay, fromConcatenated } from '../../main/store/day-columns.ts';

/**
 * A day's columns (day-columns.ts) as group_concat gives them, as a blob and back. SQL promises no
 * order to an aggregate, and SQLite hands a blob in a buffer shared with others: neither may
 * change a row.
 */
const rowsOf = (day: ReturnType<typeof fromConcatenated>) =>
  Array.from(day.amount, (amount, i) => [day.accountId[i], day.seq[i], day.type[i], amount, day.termId[i]]);

describe('a day’s columns', () => {
  const day = fromConcatenated({
    date: '2026-03-01',
    accountIds: '7,3,7,3',
    seqs: '12,5,4,9',
    types: '2,1,1,2',
    amounts: '1500,-500,9007199254740991,0',
    termIds: '4,1,900000,0',
  });

  it('puts the rows in the statement’s order within the day: account, then the order they arrived in', () => {
    expect(rowsOf(day)).toEqual([
      [3, 5, 1, -500, 1],
      [3, 9, 2, 0, 0],
      [7, 4, 1, 9_007_199_254_740_991, 900_000],
      [7, 12, 2, 1500, 4],
    ]);
  });

  it('come back from their blob unchanged, wherever the blob sits in its buffer', () => {
    const blob = encodeDay(day);
    const shared = Buffer.concat([Buffer.from([1, 2, 3]), blob]).subarray(3);
    expect(shared.byteOffset % 8).not.toBe(0);
    for (const stored of [blob, shared]) expect(rowsOf(decodeDay(day.date, stored))).toEqual(rowsOf(day));
    expect(decodeDay('2026-03-02', encodeDay(fromConcatenated({ ...day, ...EMPTY }))).amount).toHaveLength(0);
  });

  it('refuse a blob that is not whole rows', () => {
    expect(() => decodeDay(day.date, encodeDay(day).subarray(1))).toThrow(/2026-03-01/);
  });
});

const EMPTY = { accountIds: '', seqs: '', types: '', amounts: '', termIds: '' };
