import { describe, expect, it } from 'vitest';
import { ruleLines } from '../../main/books/rule-lines.ts';
import { OpeningBalanceStore } from '../../main/store/books/opening-balance-store.ts';
import type { FixedLine, JournalLine, QueueLine, RuleInput } from '../../shared/ipc/books-contract.ts';
import { testLedgers, type BankLine } from '../support/books-test-ledger.ts';

/**
 * Rules that write compound entries (issue 22): a rule's fixed lines beside its title, in 推測 and
 * 自動登録, applied on save to every waiting line, by hand and by 候補どおりに登録 — each entry
 * compared line by line with the rule; a line whose amount the fixed parts reach is left for
 * review and counted.
 */

const ledgers = testLedgers('bankdemo-compound-rules-');
type Line = BankLine & { date: string };

function ledger(lines: Line[]) {
  const { db, books } = ledgers.create(lines, { runDateFrom: '2026-01-01', tickMs: 1000 });
  const h = books.handlers;
  const queue = async (status: QueueLine['status'] = 'unreviewed') =>
    (await h['books:queue-query']({ status, offset: 0, limit: 500 })).rows;
  const entries = async () => (await h['books:entries-query']({ offset: 0, limit: 1000 })).rows;
  return { db, h, queue, entries };
}

const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: { code?: string }) => e.code,
  );

const FEE_KEPT: FixedLine = { place: 'bank', titleCode: 'fees', taxCode: 'purchase10', amount: 440 };
const FEE_PAID: FixedLine = { place: 'title', titleCode: 'fees', taxCode: 'purchase10', amount: 440 };

/** 入金 from ﾐﾄﾞﾘ, the customer keeping a ¥440 fee: 普通預金 + 支払手数料 440 / 売上高. */
const SALES_LESS_FEE: RuleInput = {
  keyword: 'ﾐﾄﾞﾘｼﾖｳｶｲ',
  match: 'contains',
  type: '1',
  titleCode: 'sales',
  taxCode: 'sales10',
  action: 'suggest',
  fixedLines: [FEE_KEPT],
};
/** 家賃 paid with the bank's ¥440 fee in one 出金: 地代家賃 + 支払手数料 440 / 普通預金. */
const RENT_WITH_FEE: RuleInput = {
  keyword: 'ﾔﾁﾝ ｶ)ｵｵﾔ',
  match: 'contains',
  type: '2',
  titleCode: 'rent',
  taxCode: 'exempt',
  action: 'auto',
  fixedLines: [FEE_PAID],
};

const bank = (
  line: QueueLine | { accountLabel: string },
  side: 'debit' | 'credit',
  amount: number,
): JournalLine => ({
  side,
  titleCode: 'ordinary_deposit',
  subTitle: line.accountLabel,
  taxCode: 'none',
  amount,
});

describe('ruleLines (pure)', () => {
  it.each([
    {
      name: 'a fixed line on the 預金 side adds to the title',
      type: '1' as const,
      amount: 109_560,
      fixed: [FEE_KEPT],
      lines: [
        { side: 'debit', titleCode: 'fees', taxCode: 'purchase10', amount: 440 },
        { side: 'credit', titleCode: 'sales', taxCode: 'sales10', amount: 110_000 },
      ],
    },
    {
      name: 'fixed lines on the title side are split off it',
      type: '2' as const,
      amount: 100_440,
      fixed: [
        FEE_PAID,
        { place: 'title' as const, titleCode: 'utilities', taxCode: 'purchase10' as const, amount: 5_000 },
      ],
      lines: [
        { side: 'debit', titleCode: 'sales', taxCode: 'sales10', amount: 95_000 },
        { side: 'debit', titleCode: 'fees', taxCode: 'purchase10', amount: 440 },
        { side: 'debit', titleCode: 'utilities', taxCode: 'purchase10', amount: 5_000 },
      ],
    },
    {
      name: 'fixed parts above the amount: not applied',
      type: '2' as const,
      amount: 300,
      fixed: [FEE_PAID],
      lines: undefined,
    },
    {
      name: 'fixed parts equal to the amount: not applied',
      type: '2' as const,
      amount: 440,
      fixed: [FEE_PAID],
      lines: undefined,
    },
  ])('$name', ({ type, amount, fixed, lines }) => {
    expect(ruleLines(type, amount, { titleCode: 'sales', taxCode: 'sales10' }, fixed)).toEqual(lines);
  });
});

describe('a 推測 rule with a fixed line', () => {
  it('suggests the compound entry and registering the suggestion writes it line by line', async () => {
    const { h, queue } = ledger([
      { type: '1', amount: 109_560, remarks: 'ﾌﾘｺﾐ ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ', date: '2026-11-25' },
    ]);
    const rule = await h['books:rules-save'](SALES_LESS_FEE);
    expect(rule.fixedLines).toEqual([FEE_KEPT]);
    expect((await h['books:rules-list'](undefined)).find((r) => r.id === rule.id)?.fixedLines).toEqual([
      FEE_KEPT,
    ]);
    const [line] = await queue();
    expect(line!.suggestion).toMatchObject({
      ruleId: rule.id,
      titleCode: 'sales',
      lines: [
        { side: 'debit', titleCode: 'fees', taxCode: 'purchase10', amount: 440 },
        { side: 'credit', titleCode: 'sales', taxCode: 'sales10', amount: 110_000 },
      ],
    });
    // What the register panel sends when the suggestion is taken.
    const result = await h['books:lines-register']({
      lines: [{ accountId: line!.accountId, itemKey: line!.itemKey }],
      titleCode: 'sales',
      taxCode: 'sales10',
      counterparty: line!.suggestion!.counterparty,
      memo: line!.suggestion!.memo,
      ruleId: rule.id,
    });
    expect(result.entries[0]!.lines).toEqual([
      bank(line!, 'debit', 109_560),
      { side: 'debit', titleCode: 'fees', taxCode: 'purchase10', amount: 440 },
      { side: 'credit', titleCode: 'sales', taxCode: 'sales10', amount: 110_000 },
    ]);
    expect(result.entries[0]).toMatchObject({ amount: 110_000, ruleId: rule.id, date: '2026-11-25' });
  });

  it('候補どおりに登録 writes the compound entry each line was shown', async () => {
    const { h, queue, entries } = ledger([
      { type: '1', amount: 109_560, remarks: 'ﾌﾘｺﾐ ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ', date: '2026-11-25' },
      { type: '1', amount: 54_560, remarks: 'ﾌﾘｺﾐ ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ', date: '2026-11-26' },
    ]);
    await h['books:rules-save'](SALES_LESS_FEE);
    const shown = await queue();
    const done = await h['books:suggestions-register']({
      lines: shown.map((l) => ({ accountId: l.accountId, itemKey: l.itemKey })),
    });
    expect(done).toEqual({ created: 2, skipped: 0 });
    const written = (await entries()).map((e) => e.lines);
    expect(written).toEqual(
      [...shown].reverse().map((l) => [bank(l, 'debit', l.amount), ...orderedLike(l.suggestion!.lines!)]),
    );
  });

  it('ticked lines registered under the rule: each that fits gets its compound entry, one that does not a two-line entry not named for the rule', async () => {
    const { h, queue, entries } = ledger([
      { type: '2', amount: 100_440, remarks: 'ﾔﾁﾝ ｶ)ｵｵﾔ', date: '2026-10-27' },
      { type: '2', amount: 300, remarks: 'ﾔﾁﾝ ｶ)ｵｵﾔ', date: '2026-11-27' },
    ]);
    const rule = await h['books:rules-save']({ ...RENT_WITH_FEE, action: 'suggest' });
    const lines = await queue();
    const result = await h['books:lines-register']({
      lines: lines.map((l) => ({ accountId: l.accountId, itemKey: l.itemKey })),
      titleCode: 'rent',
      taxCode: 'exempt',
      ruleId: rule.id,
    });
    expect(result.created).toBe(2);
    const byDate = new Map((await entries()).map((e) => [e.date, e]));
    expect(byDate.get('2026-10-27')!.lines).toEqual([
      { side: 'debit', titleCode: 'rent', taxCode: 'exempt', amount: 100_000 },
      { side: 'debit', titleCode: 'fees', taxCode: 'purchase10', amount: 440 },
      bank(lines[0]!, 'credit', 100_440),
    ]);
    expect(byDate.get('2026-10-27')!.ruleId).toBe(rule.id);
    expect(byDate.get('2026-11-27')!.lines).toEqual([
      { side: 'debit', titleCode: 'rent', taxCode: 'exempt', amount: 300 },
      bank(lines[0]!, 'credit', 300),
    ]);
    expect(byDate.get('2026-11-27')!.ruleId).toBeUndefined();
  });

  it('leaves a line its fixed parts reach without a suggestion, and says how many', async () => {
    const { h, queue } = ledger([
      { type: '1', amount: 400, remarks: 'ﾌﾘｺﾐ ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ', date: '2026-11-25' },
    ]);
    await h['books:rules-save'](SALES_LESS_FEE);
    // A 入金 of ¥400 is never short of a fee of ¥440 (the title would take ¥840): it applies.
    expect((await queue())[0]!.suggestion?.lines).toHaveLength(2);
    await h['books:rules-save']({
      ...SALES_LESS_FEE,
      keyword: 'ﾌﾘｺﾐ ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ',
      fixedLines: [{ ...FEE_KEPT, place: 'title' }],
    });
    const [line] = await queue();
    expect(line!.suggestion).toBeUndefined();
    expect(await h['books:rules-apply'](undefined)).toEqual({
      registered: 0,
      suggested: 0,
      transferLines: 0,
      settlementLines: 0,
      tooSmall: 1,
    });
  });
});

/** Debits first, as an entry is read back. */
const orderedLike = (lines: readonly JournalLine[]) => [
  ...lines.filter((l) => l.side === 'debit'),
  ...lines.filter((l) => l.side === 'credit'),
];

describe('an 自動登録 rule with a fixed line', () => {
  it('registers every waiting line it fits on save, leaves the rest for review and says why', async () => {
    const { h, queue, entries } = ledger([
      { type: '2', amount: 100_440, remarks: 'ﾔﾁﾝ ｶ)ｵｵﾔ', date: '2026-10-27' },
      { type: '2', amount: 80_440, remarks: 'ﾔﾁﾝ ｶ)ｵｵﾔ', date: '2026-11-27' },
      { type: '2', amount: 440, remarks: 'ﾔﾁﾝ ｶ)ｵｵﾔ', date: '2026-11-28' },
      // A plain 自動登録 rule's line goes the set-based way, as before.
      { type: '2', amount: 5_500, remarks: 'ｺｳｻﾞﾌﾘｶｴ ﾃﾞﾝｷﾘﾖｳｷﾝ', date: '2026-11-20' },
    ]);
    const plain = await h['books:rules-save']({
      keyword: 'ｺｳｻﾞﾌﾘｶｴ ﾃﾞﾝｷﾘﾖｳｷﾝ',
      match: 'contains',
      type: '2',
      titleCode: 'utilities',
      taxCode: 'purchase10',
      action: 'auto',
    });
    const rule = await h['books:rules-save'](RENT_WITH_FEE);
    const waiting = await queue();
    const result = await h['books:rules-apply'](undefined);
    expect(result).toMatchObject({ registered: 3, tooSmall: 1, transferLines: 0 });
    const label = waiting[0]!.accountLabel;
    const byDate = new Map((await entries()).map((e) => [e.date, e]));
    expect(byDate.get('2026-10-27')!.lines).toEqual([
      { side: 'debit', titleCode: 'rent', taxCode: 'exempt', amount: 100_000 },
      { side: 'debit', titleCode: 'fees', taxCode: 'purchase10', amount: 440 },
      bank({ accountLabel: label }, 'credit', 100_440),
    ]);
    expect(byDate.get('2026-11-27')!.lines).toEqual([
      { side: 'debit', titleCode: 'rent', taxCode: 'exempt', amount: 80_000 },
      { side: 'debit', titleCode: 'fees', taxCode: 'purchase10', amount: 440 },
      bank({ accountLabel: label }, 'credit', 80_440),
    ]);
    expect(byDate.get('2026-11-27')).toMatchObject({
      ruleId: rule.id,
      counterparty: 'ﾔﾁﾝ ｶ)ｵｵﾔ',
      amount: 80_440,
    });
    expect(byDate.get('2026-11-20')!.lines).toEqual([
      { side: 'debit', titleCode: 'utilities', taxCode: 'purchase10', amount: 5_500 },
      bank({ accountLabel: label }, 'credit', 5_500),
    ]);
    expect(byDate.get('2026-11-20')!.ruleId).toBe(plain.id);
    // The ¥440 line is left 未処理, with no suggestion from the rule.
    const left = await queue();
    expect(left.map((l) => [l.amount, l.suggestion])).toEqual([[440, undefined]]);
    expect(byDate.has('2026-11-28')).toBe(false);
  });

  it('leaves 未処理, as the two-line rules do, a negative line and one dated before the opening balances', async () => {
    const { db, h, queue, entries } = ledger([
      { type: '2', amount: -500, remarks: 'ﾔﾁﾝ ｶ)ｵｵﾔ', date: '2026-11-20' },
      { type: '2', amount: 100_440, remarks: 'ﾔﾁﾝ ｶ)ｵｵﾔ', date: '2026-01-27' },
      { type: '2', amount: 100_440, remarks: 'ﾔﾁﾝ ｶ)ｵｵﾔ', date: '2026-11-27' },
    ]);
    new OpeningBalanceStore(db).replace('2026-04-01', [], '2026-11-30T00:00:00Z');
    await h['books:rules-save'](RENT_WITH_FEE);
    expect((await h['books:rules-apply'](undefined)).registered).toBe(1);
    expect((await entries()).map((e) => [e.date, e.amount, e.lines.length])).toEqual([
      ['2026-11-27', 100_440, 3],
    ]);
    expect((await queue()).map((l) => [l.date, l.amount]).sort()).toEqual([
      ['2026-01-27', 100_440],
      ['2026-11-20', -500],
    ]);
  });

  it('refuses a fixed line whose title is not in the chart, and saves nothing', async () => {
    const { h } = ledger([]);
    const before = (await h['books:rules-list'](undefined)).length;
    expect(
      await codeOf(
        h['books:rules-save']({ ...RENT_WITH_FEE, fixedLines: [{ ...FEE_PAID, titleCode: 'nope' }] }),
      ),
    ).toBe('INVALID_ARGUMENT');
    expect(await h['books:rules-list'](undefined)).toHaveLength(before);
  });
});
