import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBooksStores } from '../../main/store/books/books-stores.ts';
import { createBooks } from '../../main/books/books-handlers.ts';
import { EntryStore } from '../../main/store/books/entry-store.ts';
import { RuleStore } from '../../main/store/books/rule-store.ts';
import { ruleChoice } from '../../main/books/journal-service.ts';
import { useLogFile } from '../../main/log/logger.ts';
import { row, startHostileSync, type HostileSync } from '../support/hostile-sync.ts';
import { asWritten } from '../support/entry-sides.ts';

/**
 * GMO Aozora publishes amounts as "マイナス含む", so a negative line can reach the ledger; no
 * journal entry holds a negative amount. A 自動登録 batch that meets one must register the rest
 * and leave that line 未処理, reported, instead of failing whole after every sync (issue 19, item 4).
 * The lines come from a bank on loopback through the GMO connector and the sync engine.
 */
describe('自動登録 over a statement holding a line no entry can hold', () => {
  let s: HostileSync;
  let logFile: string;
  beforeEach(async () => {
    s = await startHostileSync('gmo-aozora');
    logFile = path.join(s.dataDir, 'logs', 'bankdemo.log');
    useLogFile({ file: logFile, echo: false });
  });
  afterEach(async () => {
    await s.close();
  });

  it('registers every other line the rule wins, exactly as chosen, and leaves the negative one 未処理 and logged', async () => {
    s.bank.script('/accounts/transactions', {
      body: s.page({}, [
        row(1, { amount: '150000', remarks: 'ﾌﾘｺﾐ ｶ)ﾃﾞﾓｼﾖｳｼﾞ' }),
        row(2, { amount: '-440', remarks: 'ﾌﾘｺﾐ ﾃｽｳﾘﾖｳ ﾓﾄﾞｼ' }),
        row(3, { amount: '3000', remarks: 'ﾌﾘｺﾐ ﾔﾏﾀﾞ ﾀﾛｳ' }),
      ]),
    });
    expect((await s.run()).accounts[0]!.error).toBeUndefined();
    expect(s.statement().map((r) => r.amount)).toEqual([150000, -440, 3000]);

    const books = createBooks(s.db, { now: () => new Date('2026-11-30T03:00:00Z') });
    await books.handlers['books:rules-save']({
      keyword: 'ﾌﾘｺﾐ',
      match: 'prefix',
      type: '1',
      titleCode: 'sales',
      taxCode: 'sales10',
      action: 'auto',
    });
    const lines = openBooksStores(s.db).lines;
    const account = lines.accounts().find((a) => a.bankAccountId === s.accountId)!;
    const rule = new RuleStore(s.db).list().find((r) => r.keyword === 'ﾌﾘｺﾐ' && r.action === 'auto')!;
    const expected = ['0000000001', '0000000003'].map((itemKey) =>
      books.journal.entryFor(lines.line(account.id, itemKey)!, account, ruleChoice(rule)),
    );

    expect(await books.afterSync()).toBe(2);

    // What was written, line by line, against what the rule chose for each line.
    const store = new EntryStore(s.db);
    const written = s.db
      .prepare(
        `SELECT r.item_key AS itemKey, r.entry_id AS entryId FROM line_reviews r
         WHERE r.status = 'registered' ORDER BY r.item_key`,
      )
      .all() as Array<{ itemKey: string; entryId: number }>;
    expect(
      written.map(({ itemKey, entryId }) => {
        const entry = store.get(entryId)!;
        expect(entry.id).toBe(entryId);
        return { itemKey, entry: asWritten(entry) };
      }),
    ).toEqual([
      { itemKey: '0000000001', entry: expected[0] },
      { itemKey: '0000000003', entry: expected[1] },
    ]);
    const queued = s.db.prepare('SELECT item_key FROM books_queue ORDER BY item_key').pluck().all();
    expect(queued).toEqual(['0000000002']);
    const log = fs.readFileSync(logFile, 'utf8');
    expect(log).toContain('books.lines-skipped');
    expect(log).toContain('0000000002');

    // The next sync's rule pass meets it again and still does not fail.
    expect(await books.afterSync()).toBe(0);
  });
});

/**
 * The same negative line registered by hand: the CHECK on an entry line's amount used to surface
 * as INTERNAL. It is refused with its own code before anything is written (issue 20).
 */
describe('registering a line with a negative amount by hand (journal:register)', () => {
  let s: HostileSync;
  beforeEach(async () => {
    s = await startHostileSync('gmo-aozora');
    useLogFile({ file: path.join(s.dataDir, 'logs', 'bankdemo.log'), echo: false });
    s.bank.script('/accounts/transactions', {
      body: s.page({}, [
        row(1, { amount: '150000', remarks: 'ﾌﾘｺﾐ ｶ)ﾃﾞﾓｼﾖｳｼﾞ' }),
        row(2, { amount: '-440', remarks: 'ﾌﾘｺﾐ ﾃｽｳﾘﾖｳ ﾓﾄﾞｼ' }),
      ]),
    });
    expect((await s.run()).accounts[0]!.error).toBeUndefined();
  });
  afterEach(async () => {
    await s.close();
  });

  const written = () =>
    s.db
      .prepare(
        `SELECT (SELECT count(*) FROM book_entries) AS entries, (SELECT count(*) FROM line_reviews) AS reviews,
           (SELECT group_concat(item_key) FROM (SELECT item_key FROM books_queue ORDER BY item_key)) AS queued`,
      )
      .get();

  it('refuses it with BOOKS_AMOUNT_NEGATIVE, alone or among other lines, and writes nothing', async () => {
    const books = createBooks(s.db, { now: () => new Date('2026-11-30T03:00:00Z') });
    const accountId = String(openBooksStores(s.db).lines.accounts()[0]!.id);
    const choice = { titleCode: 'sales', taxCode: 'sales10' as const };

    for (const keys of [['0000000002'], ['0000000001', '0000000002']]) {
      await expect(
        books.handlers['books:lines-register']({
          lines: keys.map((itemKey) => ({ accountId, itemKey })),
          ...choice,
        }),
      ).rejects.toMatchObject({ code: 'BOOKS_AMOUNT_NEGATIVE' });
      expect(written()).toEqual({ entries: 0, reviews: 0, queued: '0000000001,0000000002' });
    }
  });

  it('still registers the positive line of the same statement exactly as chosen', async () => {
    const books = createBooks(s.db, { now: () => new Date('2026-11-30T03:00:00Z') });
    const lines = openBooksStores(s.db).lines;
    const account = lines.accounts()[0]!;
    const choice = { titleCode: 'sales', taxCode: 'sales10' as const, memo: '売上 デモ商事' };

    const result = await books.handlers['books:lines-register']({
      lines: [{ accountId: String(account.id), itemKey: '0000000001' }],
      ...choice,
    });

    const expected = books.journal.entryFor(lines.line(account.id, '0000000001')!, account, choice);
    const entry = new EntryStore(s.db).get(result.entries[0]!.id)!;
    expect(asWritten(entry)).toEqual(expected);
    expect(entry).toMatchObject({
      date: '2026-11-02',
      amount: 150000,
      lines: [
        {
          side: 'debit',
          titleCode: account.bankTitle,
          subTitle: account.label,
          taxCode: 'none',
          amount: 150000,
        },
        { side: 'credit', titleCode: 'sales', taxCode: 'sales10', amount: 150000 },
      ],
      memo: '売上 デモ商事',
    });
    expect(written()).toEqual({ entries: 1, reviews: 1, queued: '0000000002' });
  });
});
