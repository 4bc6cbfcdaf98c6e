import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppDatabase, type AppDatabase } from '../../main/store/app-database.ts';
import { foldKana } from '../../shared/kana.ts';
import type { BankTransaction } from '../../main/connectors/bank-connector.ts';
import { linkAccounts, storesOf } from '../support/statement-ledger.ts';

/**
 * The 摘要 search through its full-text index (FTS5 trigram over the distinct folded remarks,
 * ledger migration 4) against the plain test it replaces — LIKE on the folded column — over a real
 * SQLite ledger file, and the totals of the filtered rows against sums over the same rows.
 */
const REMARKS = [
  'ｺｳｻﾞﾌﾘｶｴ ﾃﾞﾝｷﾘﾖｳｷﾝ',
  'ﾌﾘｺﾐ ｶ)ｱｵﾊﾞﾃﾞﾝｷ',
  'ｷﾕｳﾖ ﾃﾞﾓｼﾖｳｼﾞ(ｶ',
  'ﾌﾘｺﾐ ﾀﾅｶ ﾐﾕｷ',
  'ﾌﾘｺﾐﾃｽｳﾘﾖｳ',
  'ｳﾘｱｹﾞ ｶ-ﾄﾞ',
  'ｳﾘｱｹﾞ QR',
  'ATM',
  'ﾘｿｸ',
  'ﾃﾞﾝｷ',
  '100%ﾎﾟｲﾝﾄ_ｷﾔﾝﾍﾟ-ﾝ',
  'ﾃｽﾄ*[ｱ]?',
  '',
];

let dir: string;
let db: AppDatabase;
let store: ReturnType<typeof storesOf>;
let accountIds: number[];

function rows(count: number, account: number): BankTransaction[] {
  return Array.from({ length: count }, (_, i) => ({
    itemKey: String(i + 1).padStart(10, '0'),
    transactionDate: `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    valueDate: '2026-01-01',
    transactionType: i % 3 === 0 ? '1' : '2',
    amount: String(100 * (i + 1) + account),
    remarks: REMARKS[(i * 7 + account) % REMARKS.length]!,
    balance: '0',
  }));
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-search-'));
  db = openAppDatabase(dir);
  store = storesOf(db);
  // Two links of one account each: the search spans links, and deleting one leaves the other's rows.
  accountIds = ['c1', 'c2'].flatMap((c) => linkAccounts(db, c, 1));
  for (const [n, id] of accountIds.entries())
    store.statements.writePage(id, rows(300 + n * 50, id), { runDateFrom: '2026-01-01', nextItemKey: null });
});
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The reference: LIKE on the folded column, its own wildcards escaped, every row read. */
function byLike(text: string, accountId?: number) {
  const pattern = `%${foldKana(text).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .prepare(
      `SELECT account_id AS accountId, item_key AS itemKey, type, amount FROM transactions
       WHERE remarks_folded LIKE ? ESCAPE '\\' ${accountId === undefined ? '' : 'AND account_id = ?'}
       ORDER BY transaction_date DESC, account_id DESC, item_key DESC`,
    )
    .all(pattern, ...(accountId === undefined ? [] : [accountId])) as Array<{
    accountId: number;
    itemKey: string;
    type: string;
    amount: number;
  }>;
}

function search(text: string, accountId?: number) {
  return store.views.transactions({
    text,
    order: 'desc',
    offset: 0,
    limit: 1000,
    ...(accountId === undefined ? {} : { accountId: String(accountId) }),
  });
}

describe('the 摘要 search index', () => {
  it.each([
    ['one character', 'ｷ'],
    ['one character, typed in hiragana', 'き'],
    ['two characters', 'ﾃﾞﾝ'],
    ['two characters, full-width', 'デン'],
    ['three characters and more', 'ﾘﾖｳｷﾝ'],
    ['kana as the bank prints it', 'ﾃﾞﾝｷ'],
    ['kana in full-width katakana', 'デンキ'],
    ['kana in hiragana', 'でんき'],
    ['small kana typed for the bank’s large ones', 'きゅうよ'],
    ['Latin in another case', 'atm'],
    ['a long dash for the bank’s hyphen', 'カード'],
    ['spaces ignored', 'ﾌﾘｺﾐ ﾀﾅｶ'],
    ['LIKE’s wildcards as characters', '100%'],
    ['LIKE’s one-character wildcard as a character', '_ｷﾔﾝ'],
    ['GLOB’s wildcards as characters', '*[ｱ]?'],
    ['a text no remark holds', 'ｿﾞｿﾞｿﾞ'],
    ['kanji, which the bank never prints', '電気'],
  ])('finds the same rows as LIKE on the folded remarks: %s (%s)', (_, text) => {
    const expected = byLike(text);
    const found = search(text);
    expect(found.total).toBe(expected.length);
    expect(found.rows.map((r) => [Number(r.accountId), r.itemKey])).toEqual(
      expected.map((r) => [r.accountId, r.itemKey]),
    );
  });

  it.each([
    ['NUL alone', '\u0000'],
    ['NUL after a word every transfer holds', 'ﾌﾘｺﾐ\u0000'],
    ['another C0 control', '\u0001'],
    ['a tab inside a word', 'ﾌﾘ\tｺﾐ'],
    ['DEL', '\u007f'],
    ['a C1 control', '\u0085'],
  ])('a text holding a control character matches no row, not every row: %s', (_, text) => {
    expect(search(text)).toMatchObject({ total: 0, rows: [], deposits: 0, withdrawals: 0 });
  });

  it('pages through a search in either order as LIKE orders it, the second half read from the other end', () => {
    for (const order of ['asc', 'desc'] as const) {
      const expected = byLike('ﾌﾘｺﾐ').map((r) => `${r.accountId}/${r.itemKey}`);
      if (order === 'asc') expected.reverse();
      const paged: string[] = [];
      for (let offset = 0; offset < expected.length; offset += 7) {
        const page = store.views.transactions({ text: 'ﾌﾘｺﾐ', order, offset, limit: 7 });
        paged.push(...page.rows.map((r) => `${r.accountId}/${r.itemKey}`));
      }
      expect(paged).toEqual(expected);
    }
  });

  it('sums 入金 and 出金 over every matching row, with another filter too', () => {
    for (const [text, account] of [
      ['ﾌﾘｺﾐ', undefined],
      ['ｷ', accountIds[1]],
    ] as const) {
      const expected = byLike(text, account);
      const found = search(text, account);
      const sum = (type: string) => expected.filter((r) => r.type === type).reduce((n, r) => n + r.amount, 0);
      expect(found).toMatchObject({ total: expected.length, deposits: sum('1'), withdrawals: sum('2') });
      expect(found.deposits).toBeGreaterThan(0);
    }
  });

  it('finds a remark written after the index was built, and forgets one whose rows are deleted', () => {
    const id = accountIds[0]!;
    store.statements.writePage(
      id,
      [{ ...rows(1, id)[0]!, itemKey: '9999999999', remarks: 'ﾌﾘｺﾐ ｽｽﾞｷ ﾊﾅｺ' }],
      {
        runDateFrom: '2026-01-01',
        nextItemKey: null,
      },
    );
    expect(search('すずき').total).toBe(1);
    const terms = () =>
      (db.prepare('SELECT folded FROM remarks_terms').all() as { folded: string }[]).map((t) => t.folded);
    expect(terms()).toContain(foldKana('ﾌﾘｺﾐ ｽｽﾞｷ ﾊﾅｺ'));

    store.connections.delete('c1');
    expect(search('すずき').total).toBe(0);
    // The index keeps no remark of the deleted data, and every remark the other account still has.
    const left = db.prepare('SELECT DISTINCT remarks_folded AS f FROM transactions').all() as { f: string }[];
    expect(terms().sort()).toEqual(left.map((r) => r.f).sort());
    expect(search('ﾃﾞﾝｷ').total).toBe(byLike('ﾃﾞﾝｷ').length);
    const totals = db.prepare('SELECT sum(row_count) AS n FROM statement_totals').get() as { n: number };
    expect(totals.n).toBe(350);
  });
});
