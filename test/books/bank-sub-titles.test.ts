import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ketaOf } from '../../shared/book-text.ts';
import type { JournalEntryView } from '../../shared/ipc/books-contract.ts';
import { defaultBankSubTitle } from '../../main/books/bank-sub-titles.ts';
import { DATABASE_FILE } from '../../main/store/app-database.ts';
import { syncedCore } from '../support/synced-core.ts';
import { creditOf, debitOf } from '../support/entry-sides.ts';

/**
 * The 補助科目 a bank account goes by in the books: short enough for 弥生's 24 桁 and unique, on
 * CORP0001's 普通 and 当座 synced from the real bank, renamed by the user on 勘定科目.
 */

describe('a bank account’s default 補助科目', () => {
  it.each([
    ['本店営業部', '5001001', new Set<string>(), '本店営業部 5001001'],
    ['駅前支店', '5003001', new Set<string>(), '駅前支店 5003001'],
    ['とても長い名前の支店営業部出張所', '1234567', new Set<string>(), 'とても長い名前の 1234567'],
    ['本店営業部', '5001001', new Set(['本店営業部 5001001']), '本店営業部 5001001-2'],
  ])('%s %s (taken: %j) is %s, within 24 桁', (branchName, accountNumber, taken, name) => {
    expect(defaultBankSubTitle({ branchName, accountNumber }, taken)).toBe(name);
    expect(ketaOf(name)).toBeLessThanOrEqual(24);
  });
});

describe('bank accounts’ 補助科目 in the books', () => {
  const synced = syncedCore('CORP0001', 'Corp-Pass-1');
  const db = () => new Database(path.join(synced.app.dataDir, DATABASE_FILE));

  it('gives each account a short unique name, and renames the entries written under the bank’s long one', async () => {
    // A ledger from before names were kept: no names yet, an entry carrying the former label.
    const before = db();
    before.exec('DELETE FROM book_bank_sub_titles');
    before.exec(
      `INSERT INTO book_entries (id, source, recorded_on, created_at) VALUES (1, 'bank', '2026-04-01', '2026-04-01T00:00:00Z');
       INSERT INTO book_entry_versions (entry_id, version, change, entry_date, counterparty, memo, written_at)
         VALUES (1, 1, 'registered', '2026-04-01', 'ｶ)ﾐﾄﾞﾘ', 'ﾌﾘｺﾐ ｶ)ﾐﾄﾞﾘ', '2026-04-01T00:00:00Z');
       INSERT INTO book_entry_lines VALUES
         (1, 1, 1, 'debit', 'ordinary_deposit', 'デモ信用金庫 本店営業部 1001', 'none', 11000),
         (1, 1, 2, 'credit', 'sales', NULL, 'sales10', 11000);`,
    );
    before.close();
    const { titles } = await synced.app.call('books:chart-get');
    const ordinary = titles.find((t) => t.code === 'ordinary_deposit')!;
    const checking = titles.find((t) => t.code === 'checking_deposit')!;
    expect(ordinary.bankAccounts.map((a) => [a.name, a.bankLabel])).toEqual([
      ['本店営業部 5001001', 'デモ信用金庫 本店営業部 普通預金 5001001'],
    ]);
    expect(checking.bankAccounts.map((a) => a.name)).toEqual(['本店営業部 5001002']);
    expect(ordinary.subTitles).toContain('本店営業部 5001001');
    const old = (await synced.app.call('books:entries-query', { limit: 1000 })).rows.find(
      (e) => e.amount === 11000,
    )!;
    expect(old).toMatchObject({
      lines: [
        { side: 'debit', titleCode: 'ordinary_deposit', subTitle: '本店営業部 5001001', taxCode: 'none' },
        { side: 'credit', titleCode: 'sales', taxCode: 'sales10' },
      ],
      counterparty: 'ｶ)ﾐﾄﾞﾘ',
      memo: 'ﾌﾘｺﾐ ｶ)ﾐﾄﾞﾘ',
    });
  });

  it('books new lines under the short name, and a rename carries every entry with it, line by line', async () => {
    const queue = await synced.app.call('books:queue-query', { status: 'unreviewed', limit: 500 });
    const lines = queue.rows.filter((l) => l.type === '2').slice(0, 3);
    await synced.app.call('books:lines-register', {
      lines: lines.map((l) => ({ accountId: l.accountId, itemKey: l.itemKey })),
      titleCode: 'purchases',
      taxCode: 'purchase10',
    });
    const entriesBefore = (await synced.app.call('books:entries-query', { limit: 1000 })).rows;
    const { titles } = await synced.app.call('books:chart-get');
    const accountsOf = titles.flatMap((t) => t.bankAccounts.map((a) => ({ ...a, title: t.code })));
    const checking = accountsOf.find((a) => a.title === 'checking_deposit')!;
    const ordinary = accountsOf.find((a) => a.title === 'ordinary_deposit')!;
    const bankSide = (e: JournalEntryView) =>
      creditOf(e).titleCode.endsWith('_deposit') ? creditOf(e) : debitOf(e);
    for (const e of entriesBefore) expect([ordinary.name, checking.name]).toContain(bankSide(e).subTitle);

    const renamed = await synced.app.call('books:bank-sub-titles-rename', {
      bankAccountId: checking.bankAccountId,
      name: ' 当座 メイン ',
    });
    expect(renamed.bankAccounts.map((a) => a.name)).toEqual(['当座 メイン']);
    const entriesAfter = (await synced.app.call('books:entries-query', { limit: 1000 })).rows;
    expect(entriesAfter).toHaveLength(entriesBefore.length);
    for (const [i, e] of entriesAfter.entries()) {
      const was = entriesBefore[i]!;
      const renamedLine =
        bankSide(was).subTitle === checking.name && bankSide(was).titleCode === 'checking_deposit';
      const expected = renamedLine
        ? {
            ...was,
            lines: was.lines.map((l) => (l === bankSide(was) ? { ...l, subTitle: '当座 メイン' } : l)),
          }
        : was;
      expect(e).toEqual(expected);
    }
  });

  it('carries a rename into the rules that name the account, as the next rules:list shows them', async () => {
    const { titles } = await synced.app.call('books:chart-get');
    const checking = titles.find((t) => t.code === 'checking_deposit')!.bankAccounts[0]!;
    const saved = await synced.app.call('books:rules-save', {
      keyword: 'ﾌﾘｶｴ ﾄｳｻﾞ',
      match: 'contains',
      type: '1',
      titleCode: 'checking_deposit',
      subTitle: checking.name,
      taxCode: 'none',
      action: 'suggest',
    });
    expect((await synced.app.call('books:rules-list')).find((r) => r.id === saved.id)!.subTitle).toBe(
      checking.name,
    );

    await synced.app.call('books:bank-sub-titles-rename', {
      bankAccountId: checking.bankAccountId,
      name: '当座 振替用',
    });

    expect((await synced.app.call('books:rules-list')).find((r) => r.id === saved.id)).toEqual({
      ...saved,
      subTitle: '当座 振替用',
    });
  });

  it.each([
    ['a name 弥生 would cut (28 桁)', 'デモ信用金庫 本店営業部 1002', 'BOOKS_TITLE_NAME_INVALID'],
    ['a name holding a line break', '当座\nメイン', 'BOOKS_TITLE_NAME_INVALID'],
    ['another account’s name under the same title', '当座 メイン', 'BOOKS_TITLE_EXISTS'],
  ])('refuses %s', async (_, name, code) => {
    const { titles } = await synced.app.call('books:chart-get');
    const ordinary = titles.find((t) => t.code === 'ordinary_deposit')!;
    const checking = titles.find((t) => t.code === 'checking_deposit')!;
    // CORP0001 has one account per title: the duplicate is a user 補助科目 of 当座預金.
    if (code === 'BOOKS_TITLE_EXISTS')
      await synced.app.call('books:sub-titles-add', { titleCode: 'checking_deposit', name: '別口座' });
    const target = code === 'BOOKS_TITLE_EXISTS' ? checking.bankAccounts[0]! : ordinary.bankAccounts[0]!;
    const tried = code === 'BOOKS_TITLE_EXISTS' ? '別口座' : name;
    await expect(
      synced.app.call('books:bank-sub-titles-rename', { bankAccountId: target.bankAccountId, name: tried }),
    ).rejects.toMatchObject({ code });
  });
});
