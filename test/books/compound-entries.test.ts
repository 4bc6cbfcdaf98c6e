import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_TITLES } from '../../main/books/chart.ts';
import { isLate } from '../../main/books/entry-lines.ts';
import { carried, chartLookup, type ExportEntry } from '../../main/books/export/export-entry.ts';
import { buildExportFile, parseExportFile } from '../../main/books/export/export-file.ts';
import { FREEE_JOURNAL_HEADER } from '../../main/books/export/freee-journal-format.ts';
import { decodeCp932 } from '../../main/books/export/cp932.ts';
import { parseCsv } from '../../main/books/export/csv.ts';
import { SCHEMA_MIGRATIONS } from '../../main/store/migrations/index.ts';
import { migrate } from '../../shared/sqlite-migrations.ts';
import {
  REOPEN_REASON,
  type EntryContent,
  type JournalLine,
  type QueueLine,
} from '../../shared/ipc/books-contract.ts';
import { APP_SCHEMA, databaseAt } from '../support/migrated-databases.ts';
import { testLedgers, type BankLine } from '../support/books-test-ledger.ts';

/**
 * Compound entries (複合仕訳) and a journal that keeps its history (issue 22): every write is
 * compared line by line with what was chosen; an unbalanced entry writes nothing; a correction or
 * deletion keeps the former version with its time and reason; the search and the exports carry
 * every line.
 */

const ledgers = testLedgers('bankdemo-compound-');

type Line = BankLine & { date: string };

/** A 普通 account holding these lines, and the books over it on a clock that ticks a second a call. */
function ledger(lines: Line[], start = '2026-11-30T00:00:00Z') {
  const { db, books } = ledgers.create(lines, { runDateFrom: '2026-01-01', start, tickMs: 1000 });
  const queue = async (status: QueueLine['status'] = 'unreviewed') =>
    (await books.handlers['books:queue-query']({ status, offset: 0, limit: 500 })).rows;
  const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return { db, books, queue, count };
}

const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: { code?: string }) => e.code,
  );

const SALE_INVOICE: EntryContent = {
  date: '2026-11-05',
  lines: [
    { side: 'debit', titleCode: 'receivables', taxCode: 'none', amount: 110_000 },
    { side: 'credit', titleCode: 'sales', taxCode: 'sales10', amount: 110_000 },
  ],
  counterparty: 'ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ',
  memo: '11月分 請求',
};
const SHORT_PAYMENT: Line = { type: '1', amount: 109_560, remarks: 'ﾌﾘｺﾐ ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ', date: '2026-11-25' };

describe('振替伝票 entered by hand', () => {
  it('writes every line as typed, debits first, with its 記帳日 apart from the 取引日', async () => {
    const { books } = ledger([]);
    const entry = await books.handlers['books:entries-add'](SALE_INVOICE);
    expect(entry).toMatchObject({
      date: '2026-11-05',
      recordedOn: '2026-11-30',
      version: 1,
      source: 'manual',
      amount: 110_000,
      counterparty: 'ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ',
      memo: '11月分 請求',
    });
    expect(entry.lines).toEqual(SALE_INVOICE.lines);
    expect(entry.late).toBeUndefined();
  });

  it('refuses lines whose debits and credits differ with BOOKS_ENTRY_UNBALANCED, and writes nothing', async () => {
    const { books, count } = ledger([]);
    const unbalanced: EntryContent = {
      ...SALE_INVOICE,
      lines: [
        { side: 'debit', titleCode: 'receivables', taxCode: 'none', amount: 110_000 },
        { side: 'credit', titleCode: 'sales', taxCode: 'sales10', amount: 100_000 },
      ],
    };
    expect(await codeOf(books.handlers['books:entries-add'](unbalanced))).toBe('BOOKS_ENTRY_UNBALANCED');
    const oneSided: EntryContent = {
      ...SALE_INVOICE,
      lines: [
        { side: 'debit', titleCode: 'receivables', taxCode: 'none', amount: 0 },
        { side: 'debit', titleCode: 'sales', taxCode: 'sales10', amount: 0 },
      ],
    };
    expect(await codeOf(books.handlers['books:entries-add'](oneSided))).toBe('BOOKS_ENTRY_UNBALANCED');
    const unknownTitle: EntryContent = {
      ...SALE_INVOICE,
      lines: [SALE_INVOICE.lines[0]!, { ...SALE_INVOICE.lines[1]!, titleCode: 'nope' }],
    };
    expect(await codeOf(books.handlers['books:entries-add'](unknownTitle))).toBe('INVALID_ARGUMENT');
    expect([count('book_entries'), count('book_entry_versions'), count('book_entry_lines')]).toEqual([
      0, 0, 0,
    ]);
  });
});

describe('a short payment booked as a compound entry with its fee', () => {
  it('suggests the 差額 against the open 売掛金 and books 普通預金 + 支払手数料 / 売掛金 line by line', async () => {
    const { books, queue, db } = ledger([SHORT_PAYMENT]);
    const invoice = await books.handlers['books:entries-add'](SALE_INVOICE);
    const [line] = await queue();
    expect(line!.settlement).toEqual({
      titleCode: 'receivables',
      counterparty: 'ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ',
      kind: 'short',
      items: [
        { entryId: invoice.id, date: '2026-11-05', memo: '11月分 請求', open: 110_000, amount: 110_000 },
      ],
      difference: 440,
      lines: [
        { side: 'credit', titleCode: 'receivables', taxCode: 'none', amount: 110_000 },
        { side: 'debit', titleCode: 'fees', taxCode: 'purchase10', amount: 440 },
      ],
    });
    const chosen: EntryContent['lines'] = [
      { side: 'credit', titleCode: 'receivables', taxCode: 'none', amount: 110_000 },
      { side: 'debit', titleCode: 'fees', taxCode: 'purchase10', amount: 440 },
    ];
    const entry = await books.handlers['books:split-register']({
      line: { accountId: line!.accountId, itemKey: line!.itemKey },
      lines: chosen,
    });
    const bank: JournalLine = {
      side: 'debit',
      titleCode: 'ordinary_deposit',
      subTitle: line!.accountLabel,
      taxCode: 'none',
      amount: 109_560,
    };
    expect(entry.lines).toEqual([bank, chosen[1], chosen[0]]);
    expect(entry).toMatchObject({
      date: '2026-11-25',
      amount: 110_000,
      source: 'bank',
      counterparty: 'ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ',
    });
    // The reports' view shows the same lines, and the 売掛金 is settled.
    const viewLines = db
      .prepare(
        'SELECT side, title_code, sub_title, tax_code, amount FROM journal_lines WHERE entry_id = ? ORDER BY line_no',
      )
      .all(entry.id);
    expect(viewLines).toEqual(
      entry.lines.map((l) => ({
        side: l.side,
        title_code: l.titleCode,
        sub_title: l.subTitle ?? null,
        tax_code: l.taxCode,
        amount: l.amount,
      })),
    );
    const open = db
      .prepare(
        "SELECT sum(CASE side WHEN 'debit' THEN amount ELSE -amount END) FROM journal_lines WHERE title_code = 'receivables'",
      )
      .pluck()
      .get();
    expect(open).toBe(0);
    // 登録済 shows the booked titles, not 「ルールなし」.
    const [registered] = await queue('registered');
    expect(registered!.booked).toEqual(entry.lines);
    expect(await queue()).toEqual([]);
  });

  it('refuses a split that does not balance with the line, writes nothing and leaves the line 未処理', async () => {
    const { books, queue, count } = ledger([SHORT_PAYMENT]);
    const [line] = await queue();
    const code = await codeOf(
      books.handlers['books:split-register']({
        line: { accountId: line!.accountId, itemKey: line!.itemKey },
        lines: [{ side: 'credit', titleCode: 'receivables', taxCode: 'none', amount: 110_000 }],
      }),
    );
    expect(code).toBe('BOOKS_ENTRY_UNBALANCED');
    expect([count('book_entries'), count('line_reviews')]).toEqual([0, 0]);
    expect(await queue()).toHaveLength(1);
  });

  it('suggests no 差額 when the payment covers the 売掛金 or falls short by more than a fee', async () => {
    const { books, queue } = ledger([
      { ...SHORT_PAYMENT, amount: 110_000 },
      { ...SHORT_PAYMENT, amount: 100_000 },
    ]);
    await books.handlers['books:entries-add'](SALE_INVOICE);
    // The full payment settles it exactly; the payment short by ¥10,000 settles part of it.
    const lines = (await queue()).sort((a, b) => b.amount - a.amount);
    expect(lines.map((l) => [l.amount, l.settlement?.kind, l.settlement?.difference])).toEqual([
      [110_000, 'exact', 0],
      [100_000, 'partial', 0],
    ]);
  });
});

describe('修正 and 削除 keep the former version (電子帳簿保存法 訂正削除履歴)', () => {
  it('a correction writes version 2 with its reason; version 1 stays as it was; the view shows only version 2', async () => {
    const { books, db } = ledger([]);
    const entry = await books.handlers['books:entries-add'](SALE_INVOICE);
    const corrected: EntryContent = {
      ...SALE_INVOICE,
      date: '2026-11-06',
      lines: [
        { side: 'debit', titleCode: 'receivables', taxCode: 'none', amount: 121_000 },
        { side: 'credit', titleCode: 'sales', taxCode: 'sales10', amount: 121_000 },
      ],
    };
    const after = await books.handlers['books:entries-update']({
      id: entry.id,
      content: corrected,
      reason: '請求額の誤り',
    });
    expect(after).toMatchObject({ id: entry.id, version: 2, date: '2026-11-06', amount: 121_000 });
    expect(after.lines).toEqual(corrected.lines);
    expect(after.recordedOn).toBe(entry.recordedOn);
    const history = await books.handlers['books:entry-history-get']({ id: entry.id });
    expect(history.map((v) => [v.version, v.change, v.reason, v.date])).toEqual([
      [1, 'registered', '', '2026-11-05'],
      [2, 'corrected', '請求額の誤り', '2026-11-06'],
    ]);
    expect(history[0]!.lines).toEqual(SALE_INVOICE.lines);
    expect(history[1]!.lines).toEqual(corrected.lines);
    expect(history[1]!.writtenAt > history[0]!.writtenAt).toBe(true);
    expect(db.prepare('SELECT sum(amount) FROM journal_lines').pluck().get()).toBe(242_000);
    // An unchanged "correction" writes nothing.
    await books.handlers['books:entries-update']({ id: entry.id, content: corrected, reason: '確認' });
    expect(await books.handlers['books:entry-history-get']({ id: entry.id })).toHaveLength(2);
    // An unbalanced correction is refused whole.
    const code = await codeOf(
      books.handlers['books:entries-update']({
        id: entry.id,
        content: { ...corrected, lines: [corrected.lines[0]!, { ...corrected.lines[1]!, amount: 1 }] },
        reason: 'x',
      }),
    );
    expect(code).toBe('BOOKS_ENTRY_UNBALANCED');
    expect(await books.handlers['books:entry-history-get']({ id: entry.id })).toHaveLength(2);
  });

  it('a deletion writes a deleted version: the entry leaves the journal, its history stays, its bank line goes back to 未処理', async () => {
    const { books, queue, db } = ledger([SHORT_PAYMENT]);
    const [line] = await queue();
    const registered = await books.handlers['books:lines-register']({
      lines: [{ accountId: line!.accountId, itemKey: line!.itemKey }],
      titleCode: 'sales',
      taxCode: 'sales10',
    });
    const id = registered.entries[0]!.id;
    expect(await books.handlers['books:entries-delete']({ id, reason: '二重計上' })).toEqual({
      id,
      version: 2,
    });
    expect((await books.handlers['books:entries-query']({ offset: 0, limit: 10 })).total).toBe(0);
    expect(db.prepare('SELECT count(*) FROM journal_lines').pluck().get()).toBe(0);
    const history = await books.handlers['books:entry-history-get']({ id });
    expect(history.map((v) => [v.change, v.reason, v.lines.length])).toEqual([
      ['registered', '', 2],
      ['deleted', '二重計上', 0],
    ]);
    expect(await queue()).toHaveLength(1);
    expect(await codeOf(books.handlers['books:entries-delete']({ id, reason: 'again' }))).toBe(
      'BOOKS_ENTRY_DELETED',
    );
    expect(
      await codeOf(books.handlers['books:entries-update']({ id, content: SALE_INVOICE, reason: 'x' })),
    ).toBe('BOOKS_ENTRY_DELETED');
    expect(await codeOf(books.handlers['books:entries-delete']({ id, reason: ' ' }))).toBe(
      'INVALID_ARGUMENT',
    );
  });

  it('未処理に戻す deletes the entry as a version too, with its reason', async () => {
    const { books, queue } = ledger([SHORT_PAYMENT]);
    const [line] = await queue();
    const ref = { accountId: line!.accountId, itemKey: line!.itemKey };
    const { entries } = await books.handlers['books:lines-register']({
      lines: [ref],
      titleCode: 'sales',
      taxCode: 'sales10',
    });
    await books.handlers['books:lines-reopen']({ lines: [ref] });
    const history = await books.handlers['books:entry-history-get']({ id: entries[0]!.id });
    expect(history.map((v) => [v.change, v.reason])).toEqual([
      ['registered', ''],
      ['deleted', REOPEN_REASON],
    ]);
  });

  it('the database itself refuses to change or remove a version or a line', async () => {
    const { books, db } = ledger([]);
    const { id } = await books.handlers['books:entries-add'](SALE_INVOICE);
    for (const sql of [
      'UPDATE book_entry_versions SET memo = ? WHERE entry_id = ?',
      'UPDATE book_entry_lines SET amount = 1 WHERE entry_id = ? AND ? IS NOT NULL',
      'DELETE FROM book_entry_lines WHERE entry_id = ? AND ? IS NOT NULL',
      'DELETE FROM book_entry_versions WHERE entry_id = ? AND ? IS NOT NULL',
      'DELETE FROM book_entries WHERE id = ? AND ? IS NOT NULL',
    ]) {
      const args = sql.startsWith('UPDATE book_entry_versions') ? ['x', id] : [id, 1];
      expect(() => db.prepare(sql).run(...args), sql).toThrow(/BOOKS_HISTORY_KEPT/);
    }
  });
});

describe('遅延入力: entries registered more than two months after the 取引日', () => {
  it.each([
    ['2026-09-29', '2026-11-30', true],
    ['2026-09-30', '2026-11-30', false],
    ['2026-10-01', '2026-11-30', false],
    ['2026-12-31', '2027-03-01', false],
    ['2026-12-31', '2027-03-04', true],
  ])('取引日 %s, 記帳日 %s: late %s', (date, recordedOn, late) => {
    expect(isLate(date, recordedOn)).toBe(late);
  });

  it('marks a bank line registered late, and not one registered in time', async () => {
    const { books, queue } = ledger([
      { ...SHORT_PAYMENT, date: '2026-09-01' },
      { ...SHORT_PAYMENT, date: '2026-11-01' },
    ]);
    const lines = await queue();
    const { entries } = await books.handlers['books:lines-register']({
      lines: lines.map((l) => ({ accountId: l.accountId, itemKey: l.itemKey })),
      titleCode: 'sales',
      taxCode: 'sales10',
    });
    expect(entries.map((e) => [e.date, e.recordedOn, e.late ?? false]).sort()).toEqual([
      ['2026-09-01', '2026-11-30', true],
      ['2026-11-01', '2026-11-30', false],
    ]);
  });
});

describe('search by 取引日, amount and 取引先, combined, and its CSV', () => {
  const contents: EntryContent[] = [
    { ...SALE_INVOICE, date: '2026-10-01', counterparty: 'ｱｵｿﾞﾗ', memo: 'a' },
    { ...SALE_INVOICE, date: '2026-10-15', counterparty: 'ﾐﾄﾞﾘ', memo: 'b' },
    {
      date: '2026-11-01',
      lines: [
        { side: 'debit', titleCode: 'receivables', taxCode: 'none', amount: 5_000 },
        { side: 'credit', titleCode: 'sales', taxCode: 'sales10', amount: 5_000 },
      ],
      counterparty: 'ﾐﾄﾞﾘ',
      memo: 'c',
    },
    { ...SALE_INVOICE, date: '2026-11-20', counterparty: 'ﾐﾄﾞﾘ', memo: 'd' },
  ];

  it.each([
    [{ dateFrom: '2026-10-10', dateTo: '2026-11-10' }, ['b', 'c']],
    [{ amountMin: 10_000, amountMax: 200_000 }, ['a', 'b', 'd']],
    [{ counterparty: 'ﾐﾄﾞﾘ' }, ['b', 'c', 'd']],
    [{ counterparty: 'ﾐﾄﾞﾘ', amountMax: 10_000 }, ['c']],
    [{ dateFrom: '2026-11-01', amountMin: 100_000 }, ['d']],
    [{ dateTo: '2026-10-31', counterparty: 'ｱｵ' }, ['a']],
  ])('%o finds %o', async (filter, memos) => {
    const { books } = ledger([]);
    for (const c of contents) await books.handlers['books:entries-add'](c);
    const page = await books.handlers['books:entries-query']({ ...filter, offset: 0, limit: 100 });
    expect(page.rows.map((e) => e.memo)).toEqual(memos);
    expect(page.total).toBe(memos.length);
    expect(page.amount).toBe(page.rows.reduce((s, e) => s + e.amount, 0));
  });

  it('downloads what it found, a row per line of each entry, deleted entries left out', async () => {
    const { books } = ledger([]);
    const ids = [];
    for (const c of contents) ids.push((await books.handlers['books:entries-add'](c)).id);
    await books.handlers['books:entries-delete']({ id: ids[3]!, reason: '取消' });
    const file = await books.handlers['books:entries-export']({ counterparty: 'ﾐﾄﾞﾘ' });
    expect(file.entries).toBe(2);
    const bytes = Buffer.from(file.base64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.subarray(3).toString('utf8'));
    expect(rows[0]!.join(',')).toBe(
      '仕訳番号,版,取引日,記帳日,遅延入力,貸借,勘定科目,補助科目,税区分,金額,取引先,摘要',
    );
    expect(rows.slice(1).map((r) => [r[0], r[2], r[5], r[6], r[9], r[11]])).toEqual([
      [String(ids[1]), '2026-10-15', '借方', '売掛金', '110000', 'b'],
      [String(ids[1]), '2026-10-15', '貸方', '売上高', '110000', 'b'],
      [String(ids[2]), '2026-11-01', '借方', '売掛金', '5000', 'c'],
      [String(ids[2]), '2026-11-01', '貸方', '売上高', '5000', 'c'],
    ]);
  });
});

describe('exports of a compound entry', () => {
  const chart = chartLookup(BUILT_IN_TITLES);
  const range = { dateFrom: '2026-11-01', dateTo: '2026-11-30' };
  const compound: ExportEntry = {
    id: 9,
    date: '2026-11-25',
    lines: [
      {
        side: 'debit',
        titleCode: 'ordinary_deposit',
        subTitle: '本店営業部 0001001',
        taxCode: 'none',
        amount: 109_560,
      },
      { side: 'debit', titleCode: 'fees', taxCode: 'purchase10', amount: 440 },
      { side: 'credit', titleCode: 'receivables', taxCode: 'none', amount: 110_000 },
    ],
    counterparty: 'ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ',
    memo: '11月分 入金',
  };
  const simple: ExportEntry = {
    id: 10,
    date: '2026-11-26',
    lines: [
      { side: 'debit', titleCode: 'fees', taxCode: 'purchase10', amount: 440 },
      {
        side: 'credit',
        titleCode: 'ordinary_deposit',
        subTitle: '本店営業部 0001001',
        taxCode: 'none',
        amount: 440,
      },
    ],
    counterparty: '',
    memo: '振込手数料',
  };
  const rowsOf = (bytes: Buffer) => parseCsv(decodeCp932(bytes));

  it('弥生: 2110 on the first row and 2101 on the last, タイプ 3 (振替伝票), debit i beside credit i, a side without a line blank with 金額 0', () => {
    const file = buildExportFile('yayoi', [compound, simple], chart, range);
    const rows = rowsOf(file.parts[0]!.bytes);
    expect(rows.map((r) => [r[0], r[3], r[4], r[7], r[8], r[10], r[13], r[14], r[19], r[21]])).toEqual([
      [
        '2110',
        '2026/11/25',
        '普通預金',
        '対象外',
        '109560',
        '売掛金',
        '対象外',
        '110000',
        '3',
        'ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ',
      ],
      ['2101', '2026/11/25', '支払手数料', '課対仕入込10%', '440', '', '', '0', '3', 'ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ'],
      ['2000', '2026/11/26', '支払手数料', '課対仕入込10%', '440', '普通預金', '対象外', '440', '0', ''],
    ]);
    expect(parseExportFile('yayoi', file.parts[0]!.bytes, chart)).toEqual([compound, simple].map(carried));
  });

  it('弥生: a middle row is 2100', () => {
    const three: ExportEntry = {
      ...compound,
      lines: [
        { side: 'debit', titleCode: 'fees', taxCode: 'purchase10', amount: 100 },
        { side: 'debit', titleCode: 'supplies', taxCode: 'purchase10', amount: 200 },
        { side: 'debit', titleCode: 'travel', taxCode: 'purchase10', amount: 300 },
        { side: 'credit', titleCode: 'cash', taxCode: 'none', amount: 600 },
      ],
    };
    const file = buildExportFile('yayoi', [three], chart, range);
    expect(rowsOf(file.parts[0]!.bytes).map((r) => [r[0], r[19]])).toEqual([
      ['2110', '3'],
      ['2100', '3'],
      ['2101', '3'],
    ]);
    expect(parseExportFile('yayoi', file.parts[0]!.bytes, chart)).toEqual([carried(three)]);
  });

  it('MF: the entry’s rows share one 取引No, the next entry takes the next number', () => {
    const file = buildExportFile('mf', [compound, simple], chart, range);
    const rows = rowsOf(file.parts[0]!.bytes).slice(1);
    expect(rows.map((r) => [r[0], r[1], r[2], r[8], r[10], r[16]])).toEqual([
      ['1', '2026/11/25', '普通預金', '109560', '売掛金', '110000'],
      ['1', '2026/11/25', '支払手数料', '440', '', ''],
      ['2', '2026/11/26', '支払手数料', '440', '普通預金', '440'],
    ]);
    expect(parseExportFile('mf', file.parts[0]!.bytes, chart)).toEqual([compound, simple].map(carried));
  });

  it('freee: the compound entry goes to freee’s 仕訳 file, a row per pair of lines under one 伝票No.; the simple one stays a 取引; both read back', () => {
    const file = buildExportFile('freee', [compound, simple], chart, range);
    expect(file.entries).toBe(2);
    expect(file.warnings).toEqual([]);
    expect(file.parts.map((p) => [p.format, p.fileName, p.entries])).toEqual([
      ['freee', 'freee-2026-11-01_2026-11-30.csv', 1],
      ['freee-journal', 'freee-journal-2026-11-01_2026-11-30.csv', 1],
    ]);
    const [header, ...rows] = rowsOf(file.parts[1]!.bytes);
    expect(header).toEqual(FREEE_JOURNAL_HEADER);
    const column = (name: string) => FREEE_JOURNAL_HEADER.indexOf(name);
    const shown = [
      '[表題行]',
      '日付',
      '伝票No.',
      '借方勘定科目',
      '借方補助科目',
      '借方税区分',
      '借方金額',
      '借方税額',
      '貸方勘定科目',
      '貸方補助科目',
      '貸方税区分',
      '貸方金額',
      '貸方税額',
      '摘要',
    ].map(column);
    // Each written line against the entry's: 勘定科目, 補助科目 (口座 or 取引先), 税区分, 金額, 税額.
    expect(rows.map((r) => shown.map((c) => r[c]))).toEqual([
      [
        '[明細行]',
        '2026/11/25',
        '9',
        '普通預金',
        '本店営業部 0001001',
        '対象外',
        '109560',
        '0',
        '売掛金',
        'ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ',
        '対象外',
        '110000',
        '0',
        '11月分 入金',
      ],
      [
        '[明細行]',
        '2026/11/25',
        '9',
        '支払手数料',
        'ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ',
        '課対仕入10%',
        '440',
        '40',
        '',
        '',
        '',
        '',
        '',
        '11月分 入金',
      ],
    ]);
    expect(rows.every((r) => r.length === FREEE_JOURNAL_HEADER.length)).toBe(true);
    const back = parseExportFile('freee', file.parts[1]!.bytes, chart);
    expect(back).toEqual([carried(compound)]);
    for (const line of compound.lines) expect(back[0]!.lines).toContainEqual(line);
    expect(parseExportFile('freee', file.parts[0]!.bytes, chart)).toEqual([carried(simple)]);
  });

  it('freee: a 振替伝票 with no bank side (売掛金 / 売上高) is no 取引 either: it goes to the 仕訳 file, its 取引先 on both lines', () => {
    const invoice: ExportEntry = { id: 12, ...SALE_INVOICE };
    const file = buildExportFile('freee', [invoice], chart, range);
    expect(file.warnings).toEqual([]);
    expect(file.parts.map((p) => p.format)).toEqual(['freee-journal']);
    expect(
      rowsOf(file.parts[0]!.bytes)
        .slice(1)
        .map((r) => [r[2], r[3], r[4], r[9], r[10], r[11], r[12], r[13], r[18], r[19], r[20]]),
    ).toEqual([
      [
        '12',
        '売掛金',
        'ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ',
        '対象外',
        '110000',
        '0',
        '売上高',
        'ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ',
        '課税売上10%',
        '110000',
        '10000',
      ],
    ]);
    expect(parseExportFile('freee', file.parts[0]!.bytes, chart)).toEqual([carried(invoice)]);
  });

  it('freee: off the bank side the 仕訳 file’s 補助科目 is the 取引先 freee maps it to, never a line’s own 補助科目 (as in its 取引 file)', () => {
    const withSub: ExportEntry = {
      ...compound,
      lines: compound.lines.map((l) => (l.titleCode === 'receivables' ? { ...l, subTitle: '得意先A' } : l)),
    };
    const rows = rowsOf(buildExportFile('freee', [withSub], chart, range).parts[0]!.bytes).slice(1);
    expect(rows.map((r) => [r[4], r[13]])).toEqual([
      ['本店営業部 0001001', 'ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ'],
      ['ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ', ''],
    ]);
  });

  it('freee: three debits beside one credit are three rows of one 伝票No.; the next entry takes its own', () => {
    const three: ExportEntry = {
      ...compound,
      id: 11,
      lines: [
        { side: 'debit', titleCode: 'fees', taxCode: 'purchase10', amount: 100 },
        { side: 'debit', titleCode: 'supplies', taxCode: 'purchase8r', amount: 200 },
        { side: 'debit', titleCode: 'travel', taxCode: 'purchase10', amount: 300 },
        {
          side: 'credit',
          titleCode: 'ordinary_deposit',
          subTitle: '本店営業部 0001001',
          taxCode: 'none',
          amount: 600,
        },
      ],
      counterparty: '',
    };
    const file = buildExportFile('freee', [compound, three], chart, range);
    expect(file.parts).toHaveLength(1);
    expect(
      rowsOf(file.parts[0]!.bytes)
        .slice(1)
        .map((r) => [r[2], r[3], r[9], r[12], r[13]]),
    ).toEqual([
      ['9', '普通預金', '対象外', '売掛金', 'ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ'],
      ['9', '支払手数料', '課対仕入10%', '', ''],
      ['11', '支払手数料', '課対仕入10%', '普通預金', '本店営業部 0001001'],
      ['11', '消耗品費', '課対仕入8%（軽）', '', ''],
      ['11', '旅費交通費', '課対仕入10%', '', ''],
    ]);
    expect(parseExportFile('freee', file.parts[0]!.bytes, chart)).toEqual([compound, three].map(carried));
  });

  it('freee: a 取引先 or 摘要 a spreadsheet would run is guarded in the 仕訳 file too, and reads back as typed', () => {
    const hostile: ExportEntry = { ...compound, counterparty: '=HYPERLINK("x")', memo: '-SUM(1,2)' };
    const file = buildExportFile('freee', [hostile], chart, range);
    const text = decodeCp932(file.parts[0]!.bytes);
    for (const cell of parseCsv(text).flat()) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/u);
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    expect(parseExportFile('freee', file.parts[0]!.bytes, chart)).toEqual([carried(hostile)]);
  });

  it('freee: 仕訳 files hold 5,000 lines with the header, an entry’s rows never split between two', () => {
    // 2,500 compound entries of two rows: 5,000 rows, one more than a file takes with its header.
    const many: ExportEntry[] = Array.from({ length: 2_500 }, (_, i) => ({
      ...compound,
      id: 100 + i,
      date: `2026-11-${String(1 + Math.floor(i / 100)).padStart(2, '0')}`,
    }));
    const file = buildExportFile('freee', many, chart, range);
    expect(file.splitBy).toEqual({ bytes: 5_000_000, lines: 5_000 });
    expect(file.parts.map((p) => p.format)).toEqual(['freee-journal', 'freee-journal']);
    expect(file.parts[0]!.fileName).toMatch(/^freee-journal-1of2-2026-11-01_2026-11-\d\d\.csv$/u);
    for (const part of file.parts) expect(rowsOf(part.bytes).length).toBeLessThanOrEqual(5_000);
    const back = file.parts.flatMap((p) => parseExportFile('freee', p.bytes, chart));
    expect(back).toEqual(many.map(carried));
  });
});

describe('migration 16 on a database with entries', () => {
  it('turns each former entry into version 1 with its debit line and its credit line, its 記帳日 from when it was made', () => {
    const db = databaseAt(APP_SCHEMA, 15);
    try {
      db.exec(`INSERT INTO journal_entries (id, entry_date, debit_title, debit_sub, debit_tax, credit_title, credit_sub,
          credit_tax, amount, counterparty, memo, source, rule_id, created_at)
        VALUES (2, '2026-01-31', 'ordinary_deposit', '本店 4567', 'none', 'sales', NULL, 'sales10', 5000, 'ﾐﾄﾞﾘ', 'ﾌﾘｺﾐ', 'bank', 7,
          '2026-01-31T16:00:00.000Z')`);
      migrate(db, SCHEMA_MIGRATIONS);
      expect(db.prepare('SELECT * FROM journal_lines WHERE entry_id = 2 ORDER BY line_no').all()).toEqual([
        {
          entry_id: 2,
          entry_date: '2026-01-31',
          side: 'debit',
          title_code: 'ordinary_deposit',
          sub_title: '本店 4567',
          tax_code: 'none',
          amount: 5000,
          counterparty: 'ﾐﾄﾞﾘ',
          memo: 'ﾌﾘｺﾐ',
          line_no: 1,
          version: 1,
          recorded_on: '2026-02-01',
          source: 'bank',
        },
        {
          entry_id: 2,
          entry_date: '2026-01-31',
          side: 'credit',
          title_code: 'sales',
          sub_title: null,
          tax_code: 'sales10',
          amount: 5000,
          counterparty: 'ﾐﾄﾞﾘ',
          memo: 'ﾌﾘｺﾐ',
          line_no: 2,
          version: 1,
          recorded_on: '2026-02-01',
          source: 'bank',
        },
      ]);
      expect(db.prepare('SELECT rule_id, change FROM book_entry_versions WHERE entry_id = 2').get()).toEqual({
        rule_id: 7,
        change: 'registered',
      });
      // The review naming the fixture's entry 1 still names it.
      expect(db.prepare('SELECT entry_id FROM line_reviews').pluck().all()).toEqual([1]);
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('keeps the view the reports read: journal_lines with its columns in their order', () => {
    const db = new Database(':memory:');
    try {
      APP_SCHEMA.prepare(db);
      migrate(db, SCHEMA_MIGRATIONS);
      const columns = (db.prepare('PRAGMA table_info(journal_lines)').all() as { name: string }[]).map(
        (c) => c.name,
      );
      expect(columns.slice(0, 9)).toEqual([
        'entry_id',
        'entry_date',
        'side',
        'title_code',
        'sub_title',
        'tax_code',
        'amount',
        'counterparty',
        'memo',
      ]);
    } finally {
      db.close();
    }
  });
});
