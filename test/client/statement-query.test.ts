import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppDatabase, type AppDatabase } from '../../main/store/app-database.ts';
import { ConnectionStore } from '../../main/store/connection-store.ts';
import { queryStatement, type StatementQuery } from '../../main/store/statement-query.ts';
import { findSearch } from '../../main/store/statement-search.ts';
import { addDays } from '../../shared/dates.ts';
import type { TransactionQuery } from '../../shared/ipc/contract.ts';
import { FIRST_DAY, linkAccounts, naiveStatement, writeRows } from '../support/statement-ledger.ts';

/**
 * The 明細 query answers from totals kept beside the rows and reads a page from the days it spans
 * (migration 12), or scans the days' columns for a filter by amount (migration 13; statement-query.ts).
 * Whatever the filter, order and offset, it must answer what the plain query does — every matching
 * row counted and summed, sorted, cut with LIMIT/OFFSET — so an aggregate, a seek or a scan that is
 * off by one row shows here as a page or a total that differs.
 */
let dir: string;
let db: AppDatabase;
let accounts: number[];
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-statement-query-'));
  db = openAppDatabase(dir);
  // Three accounts on two links that stay, and a third link whose data the user deletes.
  accounts = [...linkAccounts(db, 'c1', 2), ...linkAccounts(db, 'c2', 1)];
  const [gone] = linkAccounts(db, 'c3', 1);
  for (const [n, id] of [...accounts, gone!].entries()) {
    writeRows(db, id, { from: FIRST_DAY, days: 90, seed: 11 + n, firstKey: 1 });
  }
  // Rows arriving later for earlier days (a sync that went back): on days that had rows of the
  // account, they come after them, and some fall on days it had none.
  writeRows(db, accounts[0]!, { from: addDays(FIRST_DAY, 20), days: 30, seed: 99, firstKey: 100_000 });
  new ConnectionStore(db).delete('c3');
});
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const account = (n: number) => String(accounts[n]);
const FILTERS: Array<[string, () => TransactionQuery]> = [
  ['everything', () => ({})],
  ['one account', () => ({ accountId: account(0) })],
  ['an account no row is in', () => ({ accountId: '999' })],
  ['入金 only', () => ({ type: '1' })],
  ['出金 of one account', () => ({ type: '2', accountId: account(2) })],
  ['a month', () => ({ dateFrom: '2026-02-01', dateTo: '2026-02-28' })],
  ['from a day on, one account', () => ({ dateFrom: '2026-03-10', accountId: account(1) })],
  ['up to a day, 入金', () => ({ dateTo: '2026-01-15', type: '1' })],
  ['one day', () => ({ dateFrom: '2026-01-31', dateTo: '2026-01-31' })],
  ['dates no row is in', () => ({ dateFrom: '2027-01-01' })],
  ['ﾌﾘｺﾐ (most remarks, a handful left)', () => ({ text: 'ﾌﾘｺﾐ' })],
  ['ﾀ (most remarks, many left)', () => ({ text: 'ﾀ' })],
  ['すずき (a handful of remarks)', () => ({ text: 'すずき' })],
  ['ｳ (many remarks, fewer than half)', () => ({ text: 'ｳ' })],
  ['ﾌﾘｺﾐ, one account, 出金', () => ({ text: 'ﾌﾘｺﾐ', accountId: account(0), type: '2' })],
  ['ﾀ within dates', () => ({ text: 'ﾀ', dateFrom: '2026-01-20', dateTo: '2026-03-05' })],
  [
    'すずき from a day on, one account',
    () => ({ text: 'すずき', dateFrom: '2026-02-10', accountId: account(0) }),
  ],
  ['ｳ up to a day, 入金', () => ({ text: 'ｳ', dateTo: '2026-02-20', type: '1' })],
  [
    'ﾌﾘｺﾐ within dates, 入金',
    () => ({ text: 'ﾌﾘｺﾐ', dateFrom: '2026-02-01', dateTo: '2026-02-14', type: '1' }),
  ],
  ['a text no remark holds', () => ({ text: 'ｿﾞｿﾞ' })],
  ['GLOB’s wildcards as characters', () => ({ text: '*[ｱ]?' })],
  ['amounts from', () => ({ minAmount: 3_000 })],
  ['amounts between, one account', () => ({ minAmount: 100, maxAmount: 10_000, accountId: account(1) })],
  ['one amount, 出金', () => ({ minAmount: 12_345, maxAmount: 12_345, type: '2' })],
  ['amounts up to (negative ones too)', () => ({ maxAmount: 500 })],
  ['amounts within dates', () => ({ minAmount: 1_000, dateFrom: '2026-02-01', dateTo: '2026-03-01' })],
  ['amounts and ﾌﾘｺﾐ', () => ({ minAmount: 1_000, text: 'ﾌﾘｺﾐ' })],
  ['amounts and すずき, one account', () => ({ maxAmount: 3_000, text: 'すずき', accountId: account(0) })],
  ['amounts no row has', () => ({ minAmount: 5_000, maxAmount: 6_000 })],
  [
    'every filter at once',
    () => ({
      accountId: account(0),
      dateFrom: '2026-01-10',
      dateTo: '2026-03-20',
      type: '1',
      minAmount: 100,
      maxAmount: 100_000,
      text: 'ｳ',
    }),
  ],
];

/**
 * The offsets that catch an off-by-one: the first pages, the middle, the last page and past it,
 * and each side of a few places where the day (and so the day's totals) changes.
 */
function offsetsOf(total: number, dates: string[], limit: number): number[] {
  const changes = dates.flatMap((date, i) => (i > 0 && date !== dates[i - 1] ? [i] : []));
  const some = [changes[0], changes[Math.floor(changes.length / 2)], changes.at(-1)].filter(
    (i) => i !== undefined,
  );
  const offsets = [
    0,
    1,
    limit,
    Math.floor(total / 2) - 1,
    Math.floor(total / 2),
    total - limit - 1,
    total - limit,
  ];
  offsets.push(total - 1, total, total + 1, ...some.flatMap((i) => [i - 1, i, i + 1]));
  return [...new Set(offsets.filter((offset) => offset >= 0))];
}

describe('the 明細 query against the plain query', () => {
  it('the table takes every way a search is counted', () => {
    const ways = ['ﾌﾘｺﾐ', 'ﾀ', 'すずき', 'ｳ'].map((text) => {
      const search = findSearch(db, text)!;
      return [search.notMatching ? 'all but' : 'only', (search.notMatching ?? search.matching).length > 16];
    });
    expect(ways).toEqual([
      ['all but', false],
      ['all but', true],
      ['only', false],
      ['only', true],
    ]);
  });

  it.each(FILTERS)('%s: every page, either order, the count and sums', (_, filter) => {
    for (const order of ['asc', 'desc'] as const) {
      const all = naiveStatement(db, { ...filter(), order, offset: 0, limit: 100_000 });
      expect(all.total).toBe(all.rows.length);
      for (const limit of [1, 7, 200]) {
        for (const offset of offsetsOf(
          all.total,
          all.rows.map((r) => r.transactionDate),
          limit,
        )) {
          const query: StatementQuery = { ...filter(), order, offset, limit };
          expect(queryStatement(db, query), JSON.stringify(query)).toEqual(naiveStatement(db, query));
        }
      }
    }
  });
});
