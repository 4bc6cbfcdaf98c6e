import { describe, expect, it } from 'vitest';
import type { Books } from '../../main/books/books-handlers.ts';
import type { JournalEntryView, LineRef, QueueLine, RuleInput } from '../../shared/ipc/books-contract.ts';
import { testLedgers, type BankLine } from '../support/books-test-ledger.ts';

/**
 * One choice for many lines (issue 18, item 1), rules against own-account transfers (item 2) and
 * the starter ｾﾞｲｷﾝ rule: on a ledger of a 普通 and a 当座 account written through the sync's write
 * path, every test compares the entries written with what the user chose, line by line.
 */

const ledgers = testLedgers('bankdemo-bulk-');

type Line = BankLine;

/** A ledger whose 普通 (account '1') and 当座 (account '2') hold exactly these lines. */
function ledger(lines: { ordinary: Line[]; checking?: Line[] }, dir?: string) {
  if (dir) return ledgers.reopen(dir);
  return ledgers.create(lines.ordinary, { checking: lines.checking ?? [], runDateFrom: '2026-11-01' });
}

const ref = (line: QueueLine): LineRef => ({ accountId: line.accountId, itemKey: line.itemKey });

async function queue(books: Books, status: QueueLine['status'] = 'unreviewed'): Promise<QueueLine[]> {
  return (await books.handlers['books:queue-query']({ status, offset: 0, limit: 500 })).rows;
}

/** Each registered line's entry, by the line's remarks: what was written for it. */
async function entriesByRemarks(books: Books): Promise<Map<string, JournalEntryView>> {
  const entries = (await books.handlers['books:entries-query']({ offset: 0, limit: 1000 })).rows;
  const byId = new Map(entries.map((e) => [e.id, e]));
  return new Map((await queue(books, 'registered')).map((l) => [l.remarks, byId.get(l.entryId!)!]));
}

const DEPOSITS: Line[] = [
  { type: '1', amount: 330_000, remarks: 'ﾌﾘｺﾐ ﾃﾞﾓｻﾝｷﾞﾖｳ(ｶ' },
  { type: '1', amount: 550_000, remarks: 'ﾌﾘｺﾐ ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ' },
  { type: '1', amount: 136_000, remarks: 'ﾌﾘｺﾐ ﾀﾅｶ ﾀﾛｳ' },
];
const FEE: Line = { type: '2', amount: 440, remarks: 'ﾌﾘｺﾐﾃｽｳﾘﾖｳ' };

describe('one choice for several lines', () => {
  it('books each line with the chosen title and tax and its own 取引先 and 摘要', async () => {
    const { books } = ledger({ ordinary: DEPOSITS });
    const lines = await queue(books);
    const result = await books.handlers['books:lines-register']({
      lines: lines.map(ref),
      titleCode: 'sales',
      taxCode: 'sales10',
    });
    expect(result).toMatchObject({ created: 3, refused: [] });
    const written = await entriesByRemarks(books);
    for (const line of DEPOSITS) {
      expect(written.get(line.remarks)).toMatchObject({
        amount: line.amount,
        lines: [
          { side: 'debit', titleCode: 'ordinary_deposit', taxCode: 'none' },
          { side: 'credit', titleCode: 'sales', taxCode: 'sales10' },
        ],
        counterparty: line.remarks.replace('ﾌﾘｺﾐ ', ''),
        memo: line.remarks,
      });
      expect(written.get(line.remarks)!.ruleId).toBeUndefined();
    }
  });

  it('names the focused line’s rule only on the lines that rule matches', async () => {
    const { books } = ledger({
      ordinary: [...DEPOSITS, { type: '1', amount: 9_800, remarks: 'ｳﾘｱｹﾞ ｶ-ﾄﾞ' }],
    });
    const lines = await queue(books);
    const card = lines.find((l) => l.remarks.startsWith('ｳﾘｱｹﾞ'))!;
    expect(card.suggestion).toMatchObject({ titleCode: 'sales', taxCode: 'sales10' });
    await books.handlers['books:lines-register']({
      lines: lines.map(ref),
      titleCode: 'sales',
      taxCode: 'sales10',
      ruleId: card.suggestion!.ruleId,
    });
    const written = await entriesByRemarks(books);
    expect(written.get('ｳﾘｱｹﾞ ｶ-ﾄﾞ')!.ruleId).toBe(card.suggestion!.ruleId);
    for (const line of DEPOSITS) expect(written.get(line.remarks)!.ruleId).toBeUndefined();
  });

  it('refuses a purchase category for the 入金 lines and books the 出金 line it fits', async () => {
    const { books } = ledger({ ordinary: [...DEPOSITS.slice(0, 2), FEE] });
    const lines = await queue(books);
    const result = await books.handlers['books:lines-register']({
      lines: lines.map(ref),
      titleCode: 'fees',
      taxCode: 'purchase10',
    });
    expect(result.created).toBe(1);
    expect(result.refused.map((r) => [r.itemKey, r.why]).sort()).toEqual(
      lines
        .filter((l) => l.type === '1')
        .map((l) => [l.itemKey, 'title'])
        .sort(),
    );
    const written = await entriesByRemarks(books);
    expect([...written.keys()]).toEqual(['ﾌﾘｺﾐﾃｽｳﾘﾖｳ']);
    expect(written.get('ﾌﾘｺﾐﾃｽｳﾘﾖｳ')).toMatchObject({
      amount: 440,
      lines: [
        { side: 'debit', titleCode: 'fees', taxCode: 'purchase10' },
        { side: 'credit', titleCode: 'ordinary_deposit' },
      ],
    });
    expect((await queue(books)).map((l) => l.remarks).sort()).toEqual(
      DEPOSITS.slice(0, 2)
        .map((l) => l.remarks)
        .sort(),
    );
  });

  it('refuses a revenue title or a sales category on money paid out', async () => {
    const { books } = ledger({ ordinary: [DEPOSITS[0]!, FEE] });
    const lines = await queue(books);
    const sales = await books.handlers['books:lines-register']({
      lines: lines.map(ref),
      titleCode: 'sales',
      taxCode: 'sales10',
    });
    expect(sales.refused).toEqual([{ ...ref(lines.find((l) => l.type === '2')!), why: 'title' }]);
    const { books: again } = ledger({ ordinary: [DEPOSITS[0]!, FEE] });
    const both = await queue(again);
    const misc = await again.handlers['books:lines-register']({
      lines: both.map(ref),
      titleCode: 'misc_income',
      taxCode: 'sales10',
    });
    expect(misc.refused).toEqual([{ ...ref(both.find((l) => l.type === '2')!), why: 'title' }]);
  });

  it('writes nothing when the choice fits none of the lines (BOOKS_DIRECTION_MISMATCH)', async () => {
    const { books } = ledger({ ordinary: DEPOSITS });
    const lines = await queue(books);
    await expect(
      books.handlers['books:lines-register']({
        lines: lines.map(ref),
        titleCode: 'fees',
        taxCode: 'purchase10',
      }),
    ).rejects.toMatchObject({ code: 'BOOKS_DIRECTION_MISMATCH' });
    expect((await books.handlers['books:entries-query']({ offset: 0, limit: 10 })).total).toBe(0);
    expect(await queue(books)).toHaveLength(3);
  });

  it('lets one line the user looks at be booked against its direction (a refund)', async () => {
    const { books } = ledger({ ordinary: [{ type: '1', amount: 2_200, remarks: 'ﾍﾝｷﾝ ｶ)ｼﾞﾑｷ' }] });
    const [line] = await queue(books);
    const result = await books.handlers['books:lines-register']({
      lines: [ref(line!)],
      titleCode: 'supplies',
      taxCode: 'purchase10',
      counterparty: 'ｼﾞﾑｷ',
      memo: '返品',
    });
    expect(result.entries[0]!.lines[1]).toMatchObject({
      side: 'credit',
      titleCode: 'supplies',
      taxCode: 'purchase10',
    });
    expect(result.entries[0]).toMatchObject({
      counterparty: 'ｼﾞﾑｷ',
      memo: '返品',
    });
  });
});

describe('登録済 after the old bulk registration', () => {
  it('marks entries registered together whose 取引先 is another line’s, and no other', async () => {
    const { books } = ledger({ ordinary: [...DEPOSITS, { type: '1', amount: 1_000, remarks: 'ﾌﾘｺﾐ ｽｽﾞｷ' }] });
    const lines = await queue(books);
    const focused = lines.find((l) => l.remarks === 'ﾌﾘｺﾐ ﾃﾞﾓｻﾝｷﾞﾖｳ(ｶ')!;
    // What the queue sent before the fix: the focused line's 取引先 and 摘要 for all three.
    await books.handlers['books:lines-register']({
      lines: lines.filter((l) => DEPOSITS.some((d) => d.remarks === l.remarks)).map(ref),
      titleCode: 'sales',
      taxCode: 'sales10',
      counterparty: focused.counterparty,
      memo: focused.remarks,
    });
    // One line booked alone with a 取引先 the user typed: theirs, not marked.
    await books.handlers['books:lines-register']({
      lines: [ref(lines.find((l) => l.remarks === 'ﾌﾘｺﾐ ｽｽﾞｷ')!)],
      titleCode: 'sales',
      taxCode: 'sales10',
      counterparty: 'ｽｽﾞｷ ｲﾁﾛｳ',
    });
    const marked = Object.fromEntries(
      (await queue(books, 'registered')).map((l) => [l.remarks, l.bulkCounterparty]),
    );
    expect(marked).toEqual({
      'ﾌﾘｺﾐ ﾃﾞﾓｻﾝｷﾞﾖｳ(ｶ': undefined,
      'ﾌﾘｺﾐ ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ': { entry: 'ﾃﾞﾓｻﾝｷﾞﾖｳ(ｶ', remarks: 'ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ' },
      'ﾌﾘｺﾐ ﾀﾅｶ ﾀﾛｳ': { entry: 'ﾃﾞﾓｻﾝｷﾞﾖｳ(ｶ', remarks: 'ﾀﾅｶ ﾀﾛｳ' },
      'ﾌﾘｺﾐ ｽｽﾞｷ': undefined,
    });
  });

  it('does not mark lines a rule registered with the 取引先 it names', async () => {
    const { books } = ledger({ ordinary: [FEE, { ...FEE, amount: 660 }, { ...FEE, amount: 880 }] });
    const starter = (await books.handlers['books:rules-list'](undefined)).find(
      (r) => r.keyword === 'ﾌﾘｺﾐﾃｽｳﾘﾖｳ',
    )!;
    await books.handlers['books:rules-save']({
      id: starter.id,
      keyword: 'ﾌﾘｺﾐﾃｽｳﾘﾖｳ',
      match: 'exact',
      type: '2',
      titleCode: 'fees',
      taxCode: 'purchase10',
      counterparty: 'デモ信用金庫',
      action: 'auto',
    });
    expect((await books.handlers['books:rules-apply'](undefined)).registered).toBe(3);
    const registered = await queue(books, 'registered');
    expect(registered).toHaveLength(3);
    for (const line of registered) expect(line.bulkCounterparty).toBeUndefined();
  });
});

const FURIKOMI_RULES: RuleInput[] = [
  { keyword: 'ﾌﾘｺﾐ', match: 'prefix', type: '1', titleCode: 'sales', taxCode: 'sales10', action: 'auto' },
  {
    keyword: 'ﾌﾘｺﾐ',
    match: 'prefix',
    type: '2',
    titleCode: 'purchases',
    taxCode: 'purchase10',
    action: 'auto',
  },
];
const TRANSFER = 'ﾌﾘｺﾐ ｶ)ﾃﾞﾓｼﾖｳｼﾞ';

describe('自動登録 and own-account transfers', () => {
  it('holds a ¥250,000 transfer 普通→当座 for review as 振替 and registers the rest', async () => {
    const { books } = ledger({
      ordinary: [
        { type: '2', amount: 250_000, remarks: TRANSFER, date: '2026-11-02' },
        { type: '1', amount: 330_000, remarks: 'ﾌﾘｺﾐ ﾃﾞﾓｻﾝｷﾞﾖｳ(ｶ', date: '2026-11-02' },
      ],
      checking: [
        { type: '1', amount: 250_000, remarks: TRANSFER, date: '2026-11-03' },
        { type: '2', amount: 88_000, remarks: 'ﾌﾘｺﾐ ｶ)ﾀﾅｶｼｻﾞｲ', date: '2026-11-03' },
      ],
    });
    for (const rule of FURIKOMI_RULES) await books.handlers['books:rules-save'](rule);
    expect(await books.handlers['books:rules-apply'](undefined)).toEqual({
      registered: 2,
      suggested: 2,
      transferLines: 2,
      settlementLines: 0,
      tooSmall: 0,
    });
    const written = await entriesByRemarks(books);
    expect([...written.keys()].sort()).toEqual(['ﾌﾘｺﾐ ｶ)ﾀﾅｶｼｻﾞｲ', 'ﾌﾘｺﾐ ﾃﾞﾓｻﾝｷﾞﾖｳ(ｶ']);
    const held = await queue(books);
    expect(held.map((l) => [l.remarks, l.type, l.amount, l.transfer?.itemKey])).toEqual([
      [TRANSFER, '1', 250_000, '00000000'],
      [TRANSFER, '2', 250_000, '00000000'],
    ]);

    // Booked as the 振替 it is: one entry, 当座預金 / 普通預金, no tax.
    const out = held.find((l) => l.type === '2')!;
    const entry = await books.handlers['books:transfers-register']({
      from: ref(out),
      to: { accountId: out.transfer!.accountId, itemKey: out.transfer!.itemKey },
    });
    expect(entry).toMatchObject({
      source: 'transfer',
      amount: 250_000,
      lines: [
        { side: 'debit', titleCode: 'checking_deposit', taxCode: 'none' },
        { side: 'credit', titleCode: 'ordinary_deposit', taxCode: 'none' },
      ],
    });
    expect((await books.handlers['books:entries-query']({ offset: 0, limit: 10 })).total).toBe(3);
  });

  it('registers the same amounts when they cannot pair (one account, or days apart)', async () => {
    const { books } = ledger({
      ordinary: [
        { type: '2', amount: 250_000, remarks: TRANSFER, date: '2026-11-02' },
        { type: '1', amount: 250_000, remarks: TRANSFER, date: '2026-11-02' },
      ],
      checking: [{ type: '1', amount: 250_000, remarks: TRANSFER, date: '2026-11-09' }],
    });
    for (const rule of FURIKOMI_RULES) await books.handlers['books:rules-save'](rule);
    expect((await books.handlers['books:rules-apply'](undefined)).registered).toBe(3);
    expect(await queue(books)).toEqual([]);
  });
});

describe('the starter rule ｾﾞｲｷﾝ', () => {
  const TAX = { type: '2' as const, amount: 45_960, remarks: 'ｾﾞｲｷﾝ ｹﾞﾝｾﾝｼﾖﾄｸｾﾞｲ' };

  it('suggests 預り金 with a note on 源泉所得税 to a new ledger', async () => {
    const { books } = ledger({ ordinary: [TAX] });
    const [line] = await queue(books);
    expect(line!.suggestion).toMatchObject({
      titleCode: 'withholdings',
      taxCode: 'none',
      memo: '源泉所得税の納付',
      note: 'withholding',
    });
  });

  it('leaves a ledger’s stored ｾﾞｲｷﾝ→租税公課 as it is, without the note', async () => {
    const first = ledger({ ordinary: [TAX] });
    // A ledger seeded before the change: its starter rule says 租税公課.
    first.db
      .prepare("UPDATE book_rules SET title_code = 'taxes', memo = '税金' WHERE keyword = 'ｾﾞｲｷﾝ'")
      .run();
    ledgers.close(first.db);
    const { books } = ledger({ ordinary: [] }, first.dataDir);
    const rules = await books.handlers['books:rules-list'](undefined);
    expect(rules.filter((r) => r.keyword === 'ｾﾞｲｷﾝ')).toMatchObject([{ titleCode: 'taxes', starter: true }]);
    const [line] = await queue(books);
    expect(line!.suggestion).toMatchObject({ titleCode: 'taxes', memo: '税金' });
    expect(line!.suggestion!.note).toBeUndefined();
  });
});

describe('仕訳帳 over a long range', () => {
  it('pages to the last entry, with the count and total of every entry and a 取引先/摘要 search', async () => {
    const many: Line[] = Array.from({ length: 620 }, (_, i) => ({
      type: '1',
      amount: 1_000 + i,
      remarks: i % 2 ? `ﾌﾘｺﾐ ｶ)ﾐﾄﾞﾘ ${i}` : `ﾌﾘｺﾐ ﾀﾅｶ ${i}`,
      date: `2026-${String(1 + Math.floor(i / 60)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    }));
    const { books } = ledger({ ordinary: many });
    const refs = (await books.handlers['books:queue-query']({ status: 'unreviewed', offset: 0, limit: 500 }))
      .rows;
    const rest = (
      await books.handlers['books:queue-query']({ status: 'unreviewed', offset: 500, limit: 500 })
    ).rows;
    for (const page of [refs, rest])
      await books.handlers['books:lines-register']({
        lines: page.map(ref),
        titleCode: 'sales',
        taxCode: 'sales10',
      });
    const sum = many.reduce((s, l) => s + l.amount, 0);
    const first = await books.handlers['books:entries-query']({ offset: 0, limit: 200 });
    expect(first).toMatchObject({ total: 620, amount: sum });
    const last = await books.handlers['books:entries-query']({ offset: 600, limit: 200 });
    expect(last.rows).toHaveLength(20);
    expect(last.rows.at(-1)!.date).toBe(
      many
        .map((l) => l.date!)
        .sort()
        .at(-1),
    );
    const midori = await books.handlers['books:entries-query']({ text: 'ｶ)ﾐﾄﾞﾘ', offset: 0, limit: 1000 });
    expect(midori.total).toBe(310);
    expect(midori.amount).toBe(many.filter((_, i) => i % 2).reduce((s, l) => s + l.amount, 0));
    expect(midori.rows.every((e) => e.counterparty.startsWith('ｶ)ﾐﾄﾞﾘ'))).toBe(true);
  });
});
