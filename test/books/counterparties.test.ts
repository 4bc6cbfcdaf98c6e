import { describe, expect, it } from 'vitest';
import type { Books } from '../../main/books/books-handlers.ts';
import { chartLookup, carried } from '../../main/books/export/export-entry.ts';
import { buildExportFile, parseExportFile } from '../../main/books/export/export-file.ts';
import { openBooksStores } from '../../main/store/books/books-stores.ts';
import type { JournalEntryView, LineRef, QueueLine } from '../../shared/ipc/books-contract.ts';
import { creditOf, debitOf } from '../support/entry-sides.ts';
import { testLedgers, type BankLine } from '../support/books-test-ledger.ts';

/**
 * 取引先 and the tax category in force (issue 22): on a real SQLite ledger written through the
 * sync's write path, a purchase from a seller marked not registered is booked with the
 * transitional category of its 取引日 — by hand, in bulk and by 自動登録 — and every test compares
 * the entries written with what was chosen, line by line.
 */

const ledgers = testLedgers('bankdemo-counterparties-');

type Line = BankLine & { date: string };

const ledger = (lines: Line[]) => ledgers.create(lines, { runDateFrom: '2026-09-01' });

const ref = (line: QueueLine): LineRef => ({ accountId: line.accountId, itemKey: line.itemKey });
const queue = async (books: Books) =>
  (await books.handlers['books:queue-query']({ status: 'unreviewed', offset: 0, limit: 500 })).rows;
const entries = async (books: Books): Promise<JournalEntryView[]> =>
  (await books.handlers['books:entries-query']({ offset: 0, limit: 1000 })).rows;
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: { code?: string }) => error.code,
  );

const SUPPLIER = 'ﾌﾘｺﾐ ﾀﾅｶｺｳﾑﾃﾝ';
const purchase = (date: string, amount: number): Line => ({ type: '2', amount, remarks: SUPPLIER, date });

/** Registers one line with 仕入高 / 課対仕入10% and answers its entry. */
async function registerPurchase(books: Books, line: QueueLine) {
  const result = await books.handlers['books:lines-register']({
    lines: [ref(line)],
    titleCode: 'purchases',
    taxCode: 'purchase10',
  });
  return result.entries[0]!;
}

/** Marks the 取引先 learned from the supplier's remarks as not a registered issuer. */
async function markNotRegistered(books: Books) {
  const supplier = (await books.handlers['books:counterparties-list'](undefined)).find(
    (c) => c.name === 'ﾀﾅｶｺｳﾑﾃﾝ',
  )!;
  return books.handlers['books:counterparties-save']({
    id: supplier.id,
    name: supplier.name,
    registered: false,
  });
}

describe('取引先 learned from the queue', () => {
  it('links a registered line’s remarks to its 取引先, 未確認 until the user says', async () => {
    const { books } = ledger([purchase('2026-09-20', 11_000)]);
    const [line] = await queue(books);
    const entry = await registerPurchase(books, line!);
    expect(entry.counterparty).toBe('ﾀﾅｶｺｳﾑﾃﾝ');
    expect(debitOf(entry)).toMatchObject({ titleCode: 'purchases', taxCode: 'purchase10' });
    expect(await books.handlers['books:counterparties-list'](undefined)).toEqual([
      { id: expect.any(Number), name: 'ﾀﾅｶｺｳﾑﾃﾝ', registered: null, remarks: ['フリコミタナカコウムテン'] },
    ]);
  });

  it('shows the line’s seller in the queue once it is known', async () => {
    const { books } = ledger([purchase('2026-09-20', 11_000), purchase('2026-10-05', 22_000)]);
    const lines = await queue(books);
    await registerPurchase(
      books,
      lines.find((l) => l.date === '2026-09-20')!,
    );
    await markNotRegistered(books);
    const [next] = await queue(books);
    expect(next).toMatchObject({ date: '2026-10-05', seller: { name: 'ﾀﾅｶｺｳﾑﾃﾝ', registered: false } });
  });
});

describe('a purchase from a seller who is not a registered issuer', () => {
  it('is written with the category in force on its 取引日, each line its own, the rest as chosen', async () => {
    const { books } = ledger([
      purchase('2026-09-01', 5_500),
      purchase('2026-09-30', 33_000),
      purchase('2026-10-01', 44_000),
      purchase('2026-10-05', 110_000),
      { type: '1', amount: 220_000, remarks: 'ﾌﾘｺﾐ ﾀﾅｶｺｳﾑﾃﾝ', date: '2026-10-06' },
    ]);
    const lines = await queue(books);
    await registerPurchase(
      books,
      lines.find((l) => l.date === '2026-09-01')!,
    );
    await markNotRegistered(books);
    // In bulk: the four purchases left, one choice.
    const purchases = (await queue(books)).filter((l) => l.type === '2');
    const result = await books.handlers['books:lines-register']({
      lines: purchases.map(ref),
      titleCode: 'purchases',
      taxCode: 'purchase10',
    });
    expect(result).toMatchObject({ created: 3, refused: [] });
    // A sale to the same 取引先 has no transitional credit: as chosen.
    const sale = (await queue(books)).find((l) => l.type === '1')!;
    await books.handlers['books:lines-register']({
      lines: [ref(sale)],
      titleCode: 'sales',
      taxCode: 'sales10',
    });

    const written = (await entries(books)).sort((a, b) => a.date.localeCompare(b.date));
    expect(
      written.map((e) => [
        e.date,
        e.amount,
        debitOf(e).titleCode,
        debitOf(e).taxCode,
        creditOf(e).titleCode,
        creditOf(e).taxCode,
        e.counterparty,
        e.memo,
      ]),
    ).toEqual([
      // Registered while the 取引先 was 未確認: as chosen, and kept as written.
      ['2026-09-01', 5_500, 'purchases', 'purchase10', 'ordinary_deposit', 'none', 'ﾀﾅｶｺｳﾑﾃﾝ', SUPPLIER],
      ['2026-09-30', 33_000, 'purchases', 'purchase10_80', 'ordinary_deposit', 'none', 'ﾀﾅｶｺｳﾑﾃﾝ', SUPPLIER],
      ['2026-10-01', 44_000, 'purchases', 'purchase10_70', 'ordinary_deposit', 'none', 'ﾀﾅｶｺｳﾑﾃﾝ', SUPPLIER],
      ['2026-10-05', 110_000, 'purchases', 'purchase10_70', 'ordinary_deposit', 'none', 'ﾀﾅｶｺｳﾑﾃﾝ', SUPPLIER],
      ['2026-10-06', 220_000, 'ordinary_deposit', 'none', 'sales', 'sales10', 'ﾀﾅｶｺｳﾑﾃﾝ', SUPPLIER],
    ]);
  });

  it('refuses a transitional category chosen by hand for another period, and writes nothing', async () => {
    const { books } = ledger([purchase('2026-09-30', 33_000), purchase('2026-10-05', 110_000)]);
    const lines = await queue(books);
    expect(
      await codeOf(
        books.handlers['books:lines-register']({
          lines: lines.map(ref),
          titleCode: 'purchases',
          taxCode: 'purchase10_80',
        }),
      ),
    ).toBe('BOOKS_TAX_NOT_IN_FORCE');
    expect(await entries(books)).toEqual([]);
    expect(await queue(books)).toHaveLength(2);
    // The category of the date is accepted.
    const october = lines.find((l) => l.date === '2026-10-05')!;
    const result = await books.handlers['books:lines-register']({
      lines: [ref(october)],
      titleCode: 'purchases',
      taxCode: 'purchase10_70',
    });
    expect(debitOf(result.entries[0]!).taxCode).toBe('purchase10_70');
  });

  it('is booked by a 自動登録 rule with each line’s category, around the boundary day', async () => {
    const { db, books } = ledger([
      purchase('2026-09-15', 1_100),
      purchase('2026-09-30', 2_200),
      purchase('2026-10-01', 3_300),
      purchase('2026-11-02', 4_400),
    ]);
    const first = (await queue(books)).find((l) => l.date === '2026-09-15')!;
    await registerPurchase(books, first);
    await markNotRegistered(books);
    await books.handlers['books:rules-save']({
      keyword: 'ﾀﾅｶｺｳﾑﾃﾝ',
      match: 'contains',
      type: '2',
      titleCode: 'purchases',
      taxCode: 'purchase10',
      action: 'auto',
    });
    const applied = await books.handlers['books:rules-apply'](undefined);
    expect(applied.registered).toBe(3);
    const written = (await entries(books))
      .filter((e) => e.ruleId !== undefined)
      .sort((a, b) => a.date.localeCompare(b.date));
    expect(
      written.map((e) => [
        e.date,
        e.amount,
        debitOf(e).titleCode,
        debitOf(e).taxCode,
        creditOf(e).taxCode,
        e.counterparty,
      ]),
    ).toEqual([
      ['2026-09-30', 2_200, 'purchases', 'purchase10_80', 'none', 'ﾀﾅｶｺｳﾑﾃﾝ'],
      ['2026-10-01', 3_300, 'purchases', 'purchase10_70', 'none', 'ﾀﾅｶｺｳﾑﾃﾝ'],
      ['2026-11-02', 4_400, 'purchases', 'purchase10_70', 'none', 'ﾀﾅｶｺｳﾑﾃﾝ'],
    ]);

    // Each export writes the category as its target spells it, and reads back into the same entries.
    const stores = openBooksStores(db);
    const chart = chartLookup(stores.titles.list());
    const all = stores.journal.forExport('2026-09-01', '2026-11-30');
    const labels = { yayoi: '課対仕入込10%区分70%', freee: '課対仕入(控70) 10%', mf: '70%控除' } as const;
    for (const target of ['yayoi', 'freee', 'mf'] as const) {
      const file = buildExportFile(target, all, chart, { dateFrom: '2026-09-01', dateTo: '2026-11-30' });
      const text = new TextDecoder('shift_jis').decode(file.parts[0]!.bytes);
      expect(text, target).toContain(labels[target]);
      expect(parseExportFile(target, file.parts[0]!.bytes, chart)).toEqual(all.map(carried));
      // 70% has no published spelling at 弥生 or MF: said so, per entry.
      const unconfirmed = file.warnings.filter((w) => w.code === 'BOOKS_TAX_LABEL_UNCONFIRMED');
      expect(unconfirmed.length, target).toBe(target === 'freee' ? 0 : 2);
    }
  });
});

describe('the 取引先 screen’s edits', () => {
  it('checks the registration number’s check digit and keeps it normalized', async () => {
    const { books } = ledger([]);
    const save = books.handlers['books:counterparties-save'];
    expect(
      await codeOf(save({ name: 'ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ', registered: true, invoiceNumber: 'T5011001098993' })),
    ).toBe('BOOKS_INVOICE_NUMBER_INVALID');
    expect(
      await codeOf(save({ name: 'ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ', registered: true, invoiceNumber: '4011001098993' })),
    ).toBe('BOOKS_INVOICE_NUMBER_INVALID');
    expect(await books.handlers['books:counterparties-list'](undefined)).toEqual([]);
    const saved = await save({
      name: 'ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ',
      registered: true,
      invoiceNumber: 'ｔ４０１１００１０９８９９３',
    });
    expect(saved).toMatchObject({ name: 'ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ', registered: true, invoiceNumber: 'T4011001098993' });
    expect(await codeOf(save({ name: 'ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ', registered: false }))).toBe('BOOKS_COUNTERPARTY_EXISTS');
    const edited = await save({ id: saved.id, name: 'ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ', registered: false });
    expect(edited).toEqual({ id: saved.id, name: 'ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ', registered: false, remarks: [] });
  });
});
