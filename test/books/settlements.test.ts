import { describe, expect, it, vi } from 'vitest';
import { openItemsOf, pickSettlement, type TitleLineRow } from '../../main/books/open-items.ts';
import { SettlementStore } from '../../main/store/books/settlement-store.ts';
import type { EntryContent, JournalLine, QueueLine } from '../../shared/ipc/books-contract.ts';
import { testLedgers, type BankLine } from '../support/books-test-ledger.ts';

/**
 * 消込 of open 売掛金 and 買掛金 (issue 22): the open items per 取引先, the settlement a bank line
 * proposes, what registering it writes (compared line by line with what was chosen) and links, and
 * the open items kept right through corrections and deletions of either entry.
 */

const ledgers = testLedgers('bankdemo-settle-');
type Line = BankLine & { date: string };

function ledger(lines: Line[]) {
  const { db, books } = ledgers.create(lines, { runDateFrom: '2026-01-01', tickMs: 1000 });
  const h = books.handlers;
  const queue = async (status: QueueLine['status'] = 'unreviewed') =>
    (await h['books:queue-query']({ status, offset: 0, limit: 500 })).rows;
  const open = async (titleCode: 'receivables' | 'payables' = 'receivables', includeSettled = false) =>
    h['books:open-items-get']({ titleCode, includeSettled });
  const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  const links = () =>
    db
      .prepare(
        'SELECT settling_entry_id AS settling, settled_entry_id AS settled, title_code AS title, amount FROM book_settlements ORDER BY settling, settled',
      )
      .all();
  /** The 取引先's balance on a title, from the journal itself (debit − credit). */
  const balance = (title: string, counterparty: string) =>
    db
      .prepare(
        "SELECT coalesce(sum(CASE side WHEN 'debit' THEN amount ELSE -amount END), 0) FROM journal_lines WHERE title_code = ? AND counterparty = ?",
      )
      .pluck()
      .get(title, counterparty) as number;
  return { db, h, queue, open, count, links, balance };
}

const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: { code?: string }) => e.code,
  );

const MIDORI = 'ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ';
const AOBA = 'ｶ)ｱｵﾊﾞｼﾖｳｼﾞ';
const invoice = (date: string, amount: number, memo: string, counterparty = MIDORI): EntryContent => ({
  date,
  lines: [
    { side: 'debit', titleCode: 'receivables', taxCode: 'none', amount },
    { side: 'credit', titleCode: 'sales', taxCode: 'sales10', amount },
  ],
  counterparty,
  memo,
});
const bill = (date: string, amount: number, memo: string): EntryContent => ({
  date,
  lines: [
    { side: 'debit', titleCode: 'purchases', taxCode: 'purchase10', amount },
    { side: 'credit', titleCode: 'payables', taxCode: 'none', amount },
  ],
  counterparty: AOBA,
  memo,
});
const paid = (amount: number, date = '2026-11-25'): Line => ({
  type: '1',
  amount,
  remarks: `ﾌﾘｺﾐ ${MIDORI}`,
  date,
});

/** Registers a queue line with its proposed settlement, as the panel's 消込して登録 does. */
async function settleAsProposed(h: ReturnType<typeof ledger>['h'], line: QueueLine) {
  const s = line.settlement!;
  return h['books:split-register']({
    line: { accountId: line.accountId, itemKey: line.itemKey },
    lines: s.lines,
    counterparty: s.counterparty,
    memo: line.remarks,
    settles: {
      titleCode: s.titleCode,
      items: s.items.map((i) => ({ entryId: i.entryId, amount: i.amount })),
    },
  });
}

const bankLine = (line: QueueLine, side: 'debit' | 'credit'): JournalLine => ({
  side,
  titleCode: 'ordinary_deposit',
  subTitle: line.accountLabel,
  taxCode: 'none',
  amount: line.amount,
});

describe('open items of 売掛金 per 取引先', () => {
  it('lists what raised each item, oldest first, with the totals per 取引先', async () => {
    const { h, open } = ledger([]);
    const a = await h['books:entries-add'](invoice('2026-11-05', 110_000, '11月分 請求'));
    const b = await h['books:entries-add'](invoice('2026-11-10', 55_000, '追加分'));
    const c = await h['books:entries-add'](invoice('2026-11-01', 33_000, '別の顧客', AOBA));
    const view = await open();
    expect(view.items.map((i) => [i.entryId, i.date, i.counterparty, i.memo, i.amount, i.open])).toEqual([
      [c.id, '2026-11-01', AOBA, '別の顧客', 33_000, 33_000],
      [a.id, '2026-11-05', MIDORI, '11月分 請求', 110_000, 110_000],
      [b.id, '2026-11-10', MIDORI, '追加分', 55_000, 55_000],
    ]);
    expect(view.counterparties).toEqual([
      { counterparty: AOBA, open: 33_000, items: 1, unapplied: 0 },
      { counterparty: MIDORI, open: 165_000, items: 2, unapplied: 0 },
    ]);
    expect(view.open).toBe(198_000);
  });
});

describe('a bank 入金 settling an open 売掛金', () => {
  it('proposes the item of exactly its amount, writes 普通預金 / 売掛金 and links it; the item is no longer open', async () => {
    const { h, queue, open, links, balance } = ledger([paid(55_000)]);
    const a = await h['books:entries-add'](invoice('2026-11-05', 110_000, '11月分 請求'));
    const b = await h['books:entries-add'](invoice('2026-11-10', 55_000, '追加分'));
    const [line] = await queue();
    // The newer item of exactly the amount, not the older one.
    expect(line!.settlement).toEqual({
      titleCode: 'receivables',
      counterparty: MIDORI,
      kind: 'exact',
      items: [{ entryId: b.id, date: '2026-11-10', memo: '追加分', open: 55_000, amount: 55_000 }],
      difference: 0,
      lines: [{ side: 'credit', titleCode: 'receivables', taxCode: 'none', amount: 55_000 }],
    });
    const entry = await settleAsProposed(h, line!);
    expect(entry.lines).toEqual([
      bankLine(line!, 'debit'),
      { side: 'credit', titleCode: 'receivables', taxCode: 'none', amount: 55_000 },
    ]);
    expect(entry).toMatchObject({ date: '2026-11-25', counterparty: MIDORI, source: 'bank', amount: 55_000 });
    expect(links()).toEqual([{ settling: entry.id, settled: b.id, title: 'receivables', amount: 55_000 }]);
    const view = await open('receivables', true);
    expect(view.items.map((i) => [i.entryId, i.open, i.settledBy])).toEqual([
      [a.id, 110_000, []],
      [b.id, 0, [{ entryId: entry.id, date: '2026-11-25', amount: 55_000 }]],
    ]);
    expect((await open()).items.map((i) => i.entryId)).toEqual([a.id]);
    expect(view.open).toBe(balance('receivables', MIDORI));
    expect(await queue()).toEqual([]);
  });

  it('derives a 取引先’s open items once for a page of its payments, each proposed from them', async () => {
    const { h, queue } = ledger([
      paid(10_000, '2026-11-20'),
      paid(20_000, '2026-11-21'),
      paid(60_000, '2026-11-22'),
    ]);
    const a = await h['books:entries-add'](invoice('2026-11-05', 60_000, '11月分 請求'));
    // Watched, not replaced: every read of a title's lines still goes to the ledger.
    const reads = vi.spyOn(SettlementStore.prototype, 'lines');
    try {
      const lines = await queue();
      const byAmount = [...lines].sort((x, y) => x.amount - y.amount);
      expect(byAmount.map((l) => [l.amount, l.settlement?.kind, l.settlement?.items])).toEqual([
        [
          10_000,
          'partial',
          [{ entryId: a.id, date: '2026-11-05', memo: '11月分 請求', open: 60_000, amount: 10_000 }],
        ],
        [
          20_000,
          'partial',
          [{ entryId: a.id, date: '2026-11-05', memo: '11月分 請求', open: 60_000, amount: 20_000 }],
        ],
        [
          60_000,
          'exact',
          [{ entryId: a.id, date: '2026-11-05', memo: '11月分 請求', open: 60_000, amount: 60_000 }],
        ],
      ]);
      // One 取引先 on one title: its lines read once for the page, not once a line.
      expect(reads).toHaveBeenCalledTimes(1);
    } finally {
      reads.mockRestore();
    }
  });

  it('settles part of an item and leaves the rest open; the next payment of the rest settles it exactly', async () => {
    const { h, queue, open, links } = ledger([paid(50_000, '2026-11-20'), paid(60_000, '2026-11-28')]);
    const a = await h['books:entries-add'](invoice('2026-11-05', 110_000, '11月分 請求'));
    const lines = await queue();
    const first = lines.find((l) => l.amount === 50_000)!;
    expect(first.settlement).toMatchObject({
      kind: 'partial',
      items: [{ entryId: a.id, open: 110_000, amount: 50_000 }],
      lines: [{ side: 'credit', titleCode: 'receivables', taxCode: 'none', amount: 50_000 }],
    });
    const e1 = await settleAsProposed(h, first);
    expect((await open()).items.map((i) => [i.entryId, i.open])).toEqual([[a.id, 60_000]]);
    const second = (await queue())[0]!;
    expect(second.settlement).toMatchObject({
      kind: 'exact',
      items: [{ entryId: a.id, open: 60_000, amount: 60_000 }],
    });
    const e2 = await settleAsProposed(h, second);
    expect(e2.lines).toEqual([
      bankLine(second, 'debit'),
      { side: 'credit', titleCode: 'receivables', taxCode: 'none', amount: 60_000 },
    ]);
    expect((await open()).items).toEqual([]);
    expect(links()).toEqual([
      { settling: e1.id, settled: a.id, title: 'receivables', amount: 50_000 },
      { settling: e2.id, settled: a.id, title: 'receivables', amount: 60_000 },
    ]);
  });

  it('proposes every open item when the payment is their sum, one 売掛金 line per item', async () => {
    const { h, queue, open } = ledger([paid(50_000)]);
    const a = await h['books:entries-add'](invoice('2026-11-05', 30_000, '請求1'));
    const b = await h['books:entries-add'](invoice('2026-11-06', 20_000, '請求2'));
    const [line] = await queue();
    expect(line!.settlement).toMatchObject({
      kind: 'all',
      items: [
        { entryId: a.id, amount: 30_000 },
        { entryId: b.id, amount: 20_000 },
      ],
    });
    const entry = await settleAsProposed(h, line!);
    expect(entry.lines).toEqual([
      bankLine(line!, 'debit'),
      { side: 'credit', titleCode: 'receivables', taxCode: 'none', amount: 30_000 },
      { side: 'credit', titleCode: 'receivables', taxCode: 'none', amount: 20_000 },
    ]);
    expect((await open()).items).toEqual([]);
  });

  it('settles a short payment in full with its 差額 as 支払手数料', async () => {
    const { h, queue, open, links } = ledger([paid(109_560)]);
    const a = await h['books:entries-add'](invoice('2026-11-05', 110_000, '11月分 請求'));
    const [line] = await queue();
    const entry = await settleAsProposed(h, line!);
    expect(entry.lines).toEqual([
      bankLine(line!, 'debit'),
      { side: 'debit', titleCode: 'fees', taxCode: 'purchase10', amount: 440 },
      { side: 'credit', titleCode: 'receivables', taxCode: 'none', amount: 110_000 },
    ]);
    expect(links()).toEqual([{ settling: entry.id, settled: a.id, title: 'receivables', amount: 110_000 }]);
    expect((await open()).items).toEqual([]);
  });

  it('proposes nothing for a 取引先 with nothing open, or a payment larger than all it has open', async () => {
    const { h, queue } = ledger([
      paid(55_000),
      { type: '1', amount: 10_000, remarks: 'ﾌﾘｺﾐ ﾀﾅｶ ﾀﾛｳ', date: '2026-11-25' },
    ]);
    await h['books:entries-add'](invoice('2026-11-05', 30_000, '請求1'));
    await h['books:entries-add'](invoice('2026-11-06', 20_000, '請求2'));
    expect((await queue()).map((l) => l.settlement)).toEqual([undefined, undefined]);
  });
});

describe('自動登録 and the open 売掛金', () => {
  it('holds the payments of open items for their 消込 and registers the rest, line by line as the rule says', async () => {
    const { h, queue } = ledger([
      paid(110_000),
      paid(109_560, '2026-11-26'),
      paid(20_000, '2026-11-27'),
      { type: '1', amount: 110_000, remarks: 'ﾌﾘｺﾐ ｶ)ｿﾉﾀｼﾖｳｼﾞ', date: '2026-11-25' },
    ]);
    await h['books:entries-add'](invoice('2026-11-05', 110_000, '11月分 請求'));
    await h['books:entries-add'](invoice('2026-11-06', 110_000, '11月分 追加'));
    await h['books:rules-save']({
      keyword: 'ﾌﾘｺﾐ',
      match: 'contains',
      type: '1',
      titleCode: 'sales',
      taxCode: 'sales10',
      action: 'auto',
    });
    expect(await h['books:rules-apply'](undefined)).toMatchObject({ registered: 2, settlementLines: 2 });
    // The exact payment and the one short by a fee wait, each with its 消込 proposed.
    const waiting = await queue();
    expect(waiting.map((l) => [l.amount, l.settlement?.kind])).toEqual([
      [109_560, 'short'],
      [110_000, 'exact'],
    ]);
    // The others are booked as the rule says: 普通預金 / 売上高 of their own amount and 取引先.
    const booked = (await h['books:entries-query']({ offset: 0, limit: 100 })).rows
      .filter((e) => e.source === 'bank')
      .sort((a, b) => a.lines[0]!.amount - b.lines[0]!.amount);
    expect(
      booked.map((e) => ({
        counterparty: e.counterparty,
        lines: e.lines.map(({ subTitle: _s, ...l }) => l),
      })),
    ).toEqual(
      [
        [MIDORI, 20_000],
        ['ｶ)ｿﾉﾀｼﾖｳｼﾞ', 110_000],
      ].map(([counterparty, amount]) => ({
        counterparty,
        lines: [
          { side: 'debit', titleCode: 'ordinary_deposit', taxCode: 'none', amount },
          { side: 'credit', titleCode: 'sales', taxCode: 'sales10', amount },
        ],
      })),
    );
  });
});

describe('a bank 出金 settling an open 買掛金', () => {
  it('proposes the 買掛金 of its amount and writes 買掛金 / 普通預金, linked', async () => {
    const { h, queue, open, links } = ledger([
      { type: '2', amount: 22_000, remarks: `ﾌﾘｺﾐ ${AOBA}`, date: '2026-11-27' },
    ]);
    const p = await h['books:entries-add'](bill('2026-11-03', 22_000, '10月分 仕入'));
    expect((await open('payables')).items.map((i) => [i.entryId, i.open])).toEqual([[p.id, 22_000]]);
    const [line] = await queue();
    expect(line!.settlement).toMatchObject({
      titleCode: 'payables',
      counterparty: AOBA,
      kind: 'exact',
      lines: [{ side: 'debit', titleCode: 'payables', taxCode: 'none', amount: 22_000 }],
    });
    const entry = await settleAsProposed(h, line!);
    expect(entry.lines).toEqual([
      { side: 'debit', titleCode: 'payables', taxCode: 'none', amount: 22_000 },
      bankLine(line!, 'credit'),
    ]);
    expect(links()).toEqual([{ settling: entry.id, settled: p.id, title: 'payables', amount: 22_000 }]);
    expect((await open('payables')).items).toEqual([]);
  });
});

describe('refusals write nothing', () => {
  it('refuses links that exceed what is open, differ from the lines, or name another 取引先', async () => {
    const { h, queue, count, links } = ledger([paid(55_000)]);
    const b = await h['books:entries-add'](invoice('2026-11-10', 55_000, '追加分'));
    const other = await h['books:entries-add'](invoice('2026-11-10', 55_000, '別の顧客', AOBA));
    const [line] = await queue();
    const ref = { accountId: line!.accountId, itemKey: line!.itemKey };
    const credit55 = [
      { side: 'credit' as const, titleCode: 'receivables', taxCode: 'none' as const, amount: 55_000 },
    ];
    const attempts = [
      // More than the item has open.
      {
        lines: credit55,
        settles: { titleCode: 'receivables' as const, items: [{ entryId: b.id, amount: 60_000 }] },
      },
      // The links settle less than the lines credit to 売掛金.
      {
        lines: credit55,
        settles: { titleCode: 'receivables' as const, items: [{ entryId: b.id, amount: 50_000 }] },
      },
      // Another 取引先's item.
      {
        lines: credit55,
        settles: { titleCode: 'receivables' as const, items: [{ entryId: other.id, amount: 55_000 }] },
      },
      // The same item twice.
      {
        lines: credit55,
        settles: {
          titleCode: 'receivables' as const,
          items: [
            { entryId: b.id, amount: 30_000 },
            { entryId: b.id, amount: 25_000 },
          ],
        },
      },
      // Lines to 売上高, links to the 売掛金.
      {
        lines: [{ side: 'credit' as const, titleCode: 'sales', taxCode: 'sales10' as const, amount: 55_000 }],
        settles: { titleCode: 'receivables' as const, items: [{ entryId: b.id, amount: 55_000 }] },
      },
    ];
    for (const attempt of attempts)
      expect(await codeOf(h['books:split-register']({ line: ref, ...attempt }))).toBe(
        'BOOKS_SETTLEMENT_MISMATCH',
      );
    expect([count('book_entries'), count('line_reviews'), links()]).toEqual([2, 0, []]);
    expect(await queue()).toHaveLength(1);
  });

  it('refuses to settle an item a second time once it is settled', async () => {
    const { h, queue, links } = ledger([paid(55_000), paid(55_000, '2026-11-26')]);
    const b = await h['books:entries-add'](invoice('2026-11-10', 55_000, '追加分'));
    const [first, second] = await queue();
    const settles = { titleCode: 'receivables' as const, items: [{ entryId: b.id, amount: 55_000 }] };
    const lines = [
      { side: 'credit' as const, titleCode: 'receivables', taxCode: 'none' as const, amount: 55_000 },
    ];
    const entry = await h['books:split-register']({
      line: { accountId: first!.accountId, itemKey: first!.itemKey },
      lines,
      settles,
    });
    expect(
      await codeOf(
        h['books:split-register']({
          line: { accountId: second!.accountId, itemKey: second!.itemKey },
          lines,
          settles,
        }),
      ),
    ).toBe('BOOKS_SETTLEMENT_MISMATCH');
    expect(links()).toEqual([{ settling: entry.id, settled: b.id, title: 'receivables', amount: 55_000 }]);
  });
});

describe('corrections and deletions keep the open items right', () => {
  async function settled() {
    const l = ledger([paid(55_000)]);
    const a = await l.h['books:entries-add'](invoice('2026-11-05', 110_000, '11月分 請求'));
    const b = await l.h['books:entries-add'](invoice('2026-11-10', 55_000, '追加分'));
    const [line] = await l.queue();
    const s = await settleAsProposed(l.h, line!);
    const openOf = async () => (await l.open()).items.map((i) => [i.entryId, i.open]);
    return { ...l, a, b, s, line: line!, openOf };
  }

  it('a settling entry corrected to less leaves the difference open', async () => {
    const { h, a, b, s, openOf, balance, open } = await settled();
    await h['books:entries-update']({
      id: s.id,
      content: {
        date: s.date,
        counterparty: s.counterparty,
        memo: s.memo,
        lines: s.lines.map((l) => ({ ...l, amount: 50_000 })),
      },
      reason: '入金額の誤り',
    });
    expect(await openOf()).toEqual([
      [a.id, 110_000],
      [b.id, 5_000],
    ]);
    expect((await open()).open).toBe(balance('receivables', MIDORI));
  });

  it('a settling entry deleted (its line back to 未処理) reopens the item, and the line proposes it again', async () => {
    const { h, a, b, s, openOf, queue } = await settled();
    await h['books:entries-delete']({ id: s.id, reason: '誤登録' });
    expect(await openOf()).toEqual([
      [a.id, 110_000],
      [b.id, 55_000],
    ]);
    const [again] = await queue();
    expect(again!.settlement).toMatchObject({ kind: 'exact', items: [{ entryId: b.id, amount: 55_000 }] });
  });

  it('a line returned to 未処理 (U) reopens what its entry settled', async () => {
    const { h, a, b, openOf, line } = await settled();
    await h['books:lines-reopen']({ lines: [{ accountId: line.accountId, itemKey: line.itemKey }] });
    expect(await openOf()).toEqual([
      [a.id, 110_000],
      [b.id, 55_000],
    ]);
  });

  it('a settled item corrected to more has the difference open', async () => {
    const { h, a, b, openOf } = await settled();
    await h['books:entries-update']({
      id: b.id,
      content: invoice('2026-11-10', 66_000, '追加分'),
      reason: '請求額の誤り',
    });
    expect(await openOf()).toEqual([
      [a.id, 110_000],
      [b.id, 11_000],
    ]);
  });

  it("a settled item deleted: its payment goes to the 取引先's other open item, as its balance says", async () => {
    const { h, a, openOf, open, balance } = await settled();
    await h['books:entries-delete']({
      id: (await open('receivables', true)).items[1]!.entryId,
      reason: '請求取消',
    });
    expect(await openOf()).toEqual([[a.id, 55_000]]);
    expect((await open()).open).toBe(balance('receivables', MIDORI));
  });

  it('with nothing else open, a deleted item leaves its payment as an unapplied credit of the 取引先', async () => {
    const { h, a, b, open, balance } = await settled();
    await h['books:entries-delete']({ id: a.id, reason: '請求取消' });
    await h['books:entries-delete']({ id: b.id, reason: '請求取消' });
    const view = await open();
    expect(view.items).toEqual([]);
    expect(view.counterparties).toEqual([{ counterparty: MIDORI, open: 0, items: 0, unapplied: 55_000 }]);
    expect(-55_000).toBe(balance('receivables', MIDORI));
  });
});

describe('openItemsOf (pure)', () => {
  const row = (
    entryId: number,
    date: string,
    side: 'debit' | 'credit',
    amount: number,
    counterparty = 'A',
  ): TitleLineRow => ({
    entryId,
    date,
    counterparty,
    memo: '',
    side,
    amount,
  });
  it.each([
    {
      name: 'an unlinked settlement (a 振替伝票) goes to the oldest open item first',
      rows: [
        row(1, '2026-01-01', 'debit', 100),
        row(2, '2026-01-02', 'debit', 50),
        row(3, '2026-01-03', 'credit', 120),
      ],
      links: [],
      open: [
        [1, 0],
        [2, 30],
      ],
      unapplied: [],
    },
    {
      name: 'a link is applied before the oldest-first order',
      rows: [
        row(1, '2026-01-01', 'debit', 100),
        row(2, '2026-01-02', 'debit', 50),
        row(3, '2026-01-03', 'credit', 50),
      ],
      links: [{ settlingEntryId: 3, settledEntryId: 2, amount: 50 }],
      open: [
        [1, 100],
        [2, 0],
      ],
      unapplied: [],
    },
    {
      name: 'a link to another 取引先’s item is not applied',
      rows: [
        row(1, '2026-01-01', 'debit', 100, 'B'),
        row(2, '2026-01-02', 'debit', 50),
        row(3, '2026-01-03', 'credit', 50),
      ],
      links: [{ settlingEntryId: 3, settledEntryId: 1, amount: 50 }],
      open: [
        [1, 100],
        [2, 0],
      ],
      unapplied: [],
    },
    {
      name: 'a payment beyond what is open is an unapplied credit',
      rows: [row(1, '2026-01-01', 'debit', 100), row(3, '2026-01-03', 'credit', 130)],
      links: [{ settlingEntryId: 3, settledEntryId: 1, amount: 130 }],
      open: [[1, 0]],
      unapplied: [{ counterparty: 'A', amount: 30, entryIds: [3] }],
    },
  ])('$name', ({ rows, links, open, unapplied }) => {
    const result = openItemsOf(rows, links, 'debit');
    expect(result.items.map((i) => [i.entryId, i.open])).toEqual(open);
    expect(result.unapplied).toEqual(unapplied);
  });

  it('pickSettlement: exact first, then all, then a fee-short one, then part of a larger one', () => {
    const items = openItemsOf(
      [row(1, '2026-01-01', 'debit', 110_000), row(2, '2026-01-02', 'debit', 20_000)],
      [],
      'debit',
    ).items;
    expect(pickSettlement(items, 20_000, true)).toEqual({
      kind: 'exact',
      items: [{ entryId: 2, amount: 20_000 }],
      difference: 0,
    });
    expect(pickSettlement(items, 130_000, true)?.kind).toBe('all');
    expect(pickSettlement(items, 109_000, true)).toEqual({
      kind: 'short',
      items: [{ entryId: 1, amount: 110_000 }],
      difference: 1_000,
    });
    expect(pickSettlement(items, 108_999, true)).toEqual({
      kind: 'partial',
      items: [{ entryId: 1, amount: 108_999 }],
      difference: 0,
    });
    expect(pickSettlement(items, 109_560, false)?.kind).toBe('partial');
    expect(pickSettlement(items, 200_000, true)).toBeUndefined();
  });
});
