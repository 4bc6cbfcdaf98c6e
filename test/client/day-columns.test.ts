import { describe, expect, it } from 'vitest';
import { decodeDay, encodeDay, fromConcatenated, fromRows, mergeDay } from '../../main/store/day-columns.ts';

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

  it('are viewed where a blob of its own sits, and copied from a shared buffer', () => {
    const own = encodeDay(day);
    expect(decodeDay(day.date, own).amount.buffer).toBe(own.buffer);
    const shared = Buffer.concat([Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]), own]).subarray(8);
    expect(shared.byteOffset % 8).toBe(0);
    const copied = decodeDay(day.date, shared);
    expect(copied.amount.buffer).not.toBe(shared.buffer);
    expect(rowsOf(copied)).toEqual(rowsOf(day));
  });

  it('take a page’s rows merged in, in the statement’s order, as the day’s rows sorted together give them', () => {
    let random = 24;
    const next = (n: number) => (random = (random * 1_103_515_245 + 12_345) % 2_147_483_648) % n;
    for (let trial = 0; trial < 200; trial++) {
      // Distinct (account, seq) pairs split at random between the stored day and the page.
      const pairs = new Map<string, number[]>();
      for (let i = next(40); i > 0; i--) {
        const row = [1 + next(3), next(60), 1 + next(2), next(10_000) - 100, next(50)];
        pairs.set(`${row[0]}:${row[1]}`, row);
      }
      const rows = [...pairs.values()].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
      const stored = rows.filter(() => next(2) === 0);
      const added = rows.filter((row) => !stored.includes(row));
      const merged = mergeDay(fromRows('2026-03-01', stored), fromRows('2026-03-01', added));
      expect(merged.date).toBe('2026-03-01');
      // Rows as [account, seq, 入払区分, amount, remark id], as rowsOf reads them.
      expect(rowsOf(merged)).toEqual(rows);
    }
  });

  it('refuse a blob that is not whole rows', () => {
    expect(() => decodeDay(day.date, encodeDay(day).subarray(1))).toThrow(/2026-03-01/);
  });
});

const EMPTY = { accountIds: '', seqs: '', types: '', amounts: '', termIds: '' };
