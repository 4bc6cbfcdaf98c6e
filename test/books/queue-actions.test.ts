import { describe, expect, it } from 'vitest';
import type { Books } from '../../main/books/books-handlers.ts';
import type { JournalEntryView, LineRef, QueueLine } from '../../shared/ipc/books-contract.ts';
import { creditOf, debitOf } from '../support/entry-sides.ts';
import { testLedgers, type BankLine } from '../support/books-test-ledger.ts';

/**
 * The queue's own actions (issue 21, items 2, 4 and 6): 候補どおりに登録 writes each line's own
 * suggestion, a rule saved and applied registers exactly the lines it wins, the queue's search, and
 * the 未処理 count 出力 shows. Every write is compared with what was chosen, line by line.
 */

const ledgers = testLedgers('bankdemo-queue-');

type Line = BankLine;

const ledger = (lines: Line[]): Books => ledgers.create(lines, { runDateFrom: '2026-11-01' }).books;

const ref = (line: QueueLine): LineRef => ({ accountId: line.accountId, itemKey: line.itemKey });

async function queue(books: Books, status: QueueLine['status'] = 'unreviewed', text?: string) {
  return (
    await books.handlers['books:queue-query']({ status, offset: 0, limit: 500, ...(text ? { text } : {}) })
  ).rows;
}

/** Each registered line's entry, by the line's itemKey. */
async function entriesByLine(books: Books): Promise<Map<string, JournalEntryView>> {
  const entries = (await books.handlers['books:entries-query']({ offset: 0, limit: 1000 })).rows;
  const byId = new Map(entries.map((e) => [e.id, e]));
  return new Map((await queue(books, 'registered')).map((l) => [l.itemKey, byId.get(l.entryId!)!]));
}

/** The entry a suggestion stands for, as the register panel would prefill it. */
function suggestedEntry(line: QueueLine) {
  const s = line.suggestion!;
  const bank = { titleCode: 'ordinary_deposit', taxCode: 'none' };
  const other = {
    titleCode: s.titleCode,
    taxCode: s.taxCode,
    ...(s.subTitle ? { subTitle: s.subTitle } : {}),
  };
  const amount = line.amount;
  return {
    date: line.date,
    amount,
    lines: [
      line.type === '1'
        ? expect.objectContaining({ side: 'debit', ...bank, amount })
        : { side: 'debit', ...other, amount },
      line.type === '1'
        ? { side: 'credit', ...other, amount }
        : expect.objectContaining({ side: 'credit', ...bank, amount }),
    ],
    counterparty: s.counterparty,
    memo: s.memo,
    ruleId: s.ruleId,
    source: 'bank',
  };
}

const LINES: Line[] = [
  { type: '2', amount: 440, remarks: 'ﾌﾘｺﾐﾃｽｳﾘﾖｳ' },
  { type: '2', amount: 12_800, remarks: 'ﾃﾞﾝｷﾘﾖｳｷﾝ ﾄｳｷﾖｳﾃﾞﾝﾘﾖｸ', date: '2026-11-05' },
  { type: '1', amount: 9_800, remarks: 'ｳﾘｱｹﾞ ｶ-ﾄﾞ', date: '2026-10-31' },
  { type: '1', amount: 550_000, remarks: 'ﾌﾘｺﾐ ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ' },
  { type: '2', amount: 3_300, remarks: 'ｺｷﾞﾃ ｼﾊﾗｲ' },
];

describe('候補どおりに登録', () => {
  it('registers each line with exactly its own suggestion and leaves the lines without one 未処理', async () => {
    const books = ledger(LINES);
    const lines = await queue(books);
    const withSuggestion = lines.filter((l) => l.suggestion);
    expect(withSuggestion.map((l) => l.remarks).sort()).toEqual(
      ['ﾃﾞﾝｷﾘﾖｳｷﾝ ﾄｳｷﾖｳﾃﾞﾝﾘﾖｸ', 'ﾌﾘｺﾐﾃｽｳﾘﾖｳ', 'ｳﾘｱｹﾞ ｶ-ﾄﾞ'].sort(),
    );
    // The suggestions differ in title, tax, 取引先 and 摘要: one choice for all would show here.
    expect(new Set(withSuggestion.map((l) => l.suggestion!.titleCode)).size).toBe(3);

    const result = await books.handlers['books:suggestions-register']({ lines: lines.map(ref) });
    expect(result).toEqual({ created: 3, skipped: 2 });
    const written = await entriesByLine(books);
    expect(written.size).toBe(3);
    for (const line of withSuggestion) expect(written.get(line.itemKey)).toMatchObject(suggestedEntry(line));
    expect((await queue(books)).map((l) => l.remarks).sort()).toEqual(['ｺｷﾞﾃ ｼﾊﾗｲ', 'ﾌﾘｺﾐ ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ']);
  });

  it('writes nothing twice: a line registered meanwhile keeps its entry', async () => {
    const books = ledger(LINES);
    const lines = await queue(books);
    const fee = lines.find((l) => l.remarks === 'ﾌﾘｺﾐﾃｽｳﾘﾖｳ')!;
    await books.handlers['books:lines-register']({
      lines: [ref(fee)],
      titleCode: 'misc_expense',
      taxCode: 'none',
    });
    const result = await books.handlers['books:suggestions-register']({ lines: lines.map(ref) });
    expect(result).toEqual({ created: 2, skipped: 3 });
    const written = await entriesByLine(books);
    expect(debitOf(written.get(fee.itemKey)!).titleCode).toBe('misc_expense');
  });
});

describe('a rule saved and applied at once', () => {
  it('registers the lines the new 自動登録 rule wins, each as the rule says, and no other', async () => {
    const books = ledger([...LINES, { type: '2', amount: 5_500, remarks: 'ｺｷﾞﾃ ｼﾊﾗｲ', date: '2026-11-03' }]);
    const rule = await books.handlers['books:rules-save']({
      keyword: 'ｺｷﾞﾃ',
      match: 'prefix',
      type: '2',
      titleCode: 'payables',
      taxCode: 'none',
      memo: '買掛金の支払',
      action: 'auto',
    });
    const before = await queue(books);
    const won = before.filter((l) => l.suggestion?.ruleId === rule.id);
    expect(won).toHaveLength(2);
    const applied = await books.handlers['books:rules-apply'](undefined);
    expect(applied.registered).toBe(2);
    const written = await entriesByLine(books);
    expect([...written.keys()].sort()).toEqual(won.map((l) => l.itemKey).sort());
    for (const line of won) {
      const entry = written.get(line.itemKey)!;
      expect(entry).toMatchObject({
        date: line.date,
        amount: line.amount,
        counterparty: line.suggestion!.counterparty,
        memo: '買掛金の支払',
        ruleId: rule.id,
      });
      expect(entry.lines).toHaveLength(2);
      expect(debitOf(entry)).toMatchObject({ titleCode: 'payables', taxCode: 'none', amount: line.amount });
      expect(creditOf(entry)).toMatchObject({
        titleCode: 'ordinary_deposit',
        taxCode: 'none',
        amount: line.amount,
      });
    }
  });
});

describe('仕訳待ち search and 出力’s 未処理 count', () => {
  it('finds lines by remarks typed in any kana, with the total of the search', async () => {
    const books = ledger(LINES);
    const answer = await books.handlers['books:queue-query']({
      status: 'unreviewed',
      text: 'でんき',
      offset: 0,
      limit: 100,
    });
    expect(answer.rows.map((l) => l.remarks)).toEqual(['ﾃﾞﾝｷﾘﾖｳｷﾝ ﾄｳｷﾖｳﾃﾞﾝﾘﾖｸ']);
    expect(answer.total).toBe(1);
    expect(answer.counts.unreviewed).toBe(5);
  });

  it('counts the 未処理 lines dated in the export’s period', async () => {
    const books = ledger(LINES);
    expect(
      await books.handlers['books:queue-count']({ dateFrom: '2026-11-01', dateTo: '2026-11-30' }),
    ).toEqual({ unreviewed: 4 });
    const [line] = await queue(books, 'unreviewed', 'ｺｷﾞﾃ');
    await books.handlers['books:lines-ignore']({ lines: [ref(line!)] });
    expect(
      await books.handlers['books:queue-count']({ dateFrom: '2026-10-01', dateTo: '2026-11-30' }),
    ).toEqual({ unreviewed: 4 });
  });
});
