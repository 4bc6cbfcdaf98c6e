import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../main/store/app-database.ts';
import { qaPost, startTestBank, type TestBank } from '../support/test-bank.ts';
import type { TestCore } from '../support/test-client-core.ts';
import { startLinkedCore } from '../support/unsynced-ledger.ts';

/**
 * 帳簿に含める (issue 21, item 1): CORP0001's 当座 account left out of the books, on a ledger synced
 * from the real bank over HTTP into a real SQLite file. Its lines leave 仕訳待ち, stay out after a
 * sync brings new ones (the sync's set-based page upkeep, not only the triggers), are no 補助科目
 * and no 未処理 of 出力; its entries stay; included again, its unreviewed lines wait again.
 */
describe('a linked account left out of the books', () => {
  let bank: TestBank;
  let app: TestCore;
  const db = () => new Database(path.join(app.dataDir, DATABASE_FILE), { readonly: true });
  /** books_queue's lines per ledger account id, read from the file itself. */
  const queued = (): Map<number, number> => {
    const d = db();
    const rows = d
      .prepare('SELECT account_id AS id, count(*) AS n FROM books_queue GROUP BY account_id')
      .all() as { id: number; n: number }[];
    d.close();
    return new Map(rows.map((r) => [r.id, r.n]));
  };
  /** Lines of an account in no review: what its queue should hold when it is in the books. */
  const unreviewedOf = (accountId: string): number => {
    const d = db();
    const { n } = d
      .prepare(
        `SELECT count(*) AS n FROM transactions t JOIN accounts a ON a.id = t.account_id
         WHERE t.account_id = ? AND NOT EXISTS (SELECT 1 FROM line_reviews r
           WHERE r.bank_account_id = a.bank_account_id AND r.item_key = t.item_key)`,
      )
      .get(Number(accountId)) as { n: number };
    d.close();
    return n;
  };
  let checking: { bankAccountId: string; name: string };
  let checkingId: string;

  beforeAll(async () => {
    bank = await startTestBank();
    app = await startLinkedCore(bank, 'CORP0001', 'Corp-Pass-1');
    await app.call('sync:run', {});
    const { titles } = await app.call('books:chart-get');
    checking = titles.find((t) => t.code === 'checking_deposit')!.bankAccounts[0]!;
    const accounts = await app.call('accounts:list');
    checkingId = accounts.find((a) => a.accountTypeName.includes('当座'))!.id;
  }, 120_000);
  afterAll(async () => {
    await app?.dispose();
    await bank?.dispose();
  });

  it('takes its lines out of 仕訳待ち and 出力’s 未処理, keeps its entries, and makes it no 補助科目', async () => {
    const all = await app.call('books:queue-query', {
      status: 'unreviewed',
      accountId: checkingId,
      limit: 500,
    });
    expect(all.total).toBeGreaterThan(2);
    const [first, second] = all.rows;
    const registered = await app.call('books:lines-register', {
      lines: [{ accountId: first!.accountId, itemKey: first!.itemKey }],
      titleCode: first!.type === '1' ? 'sales' : 'purchases',
      taxCode: first!.type === '1' ? 'sales10' : 'purchase10',
    });
    const before = queued();
    const waiting = before.get(Number(checkingId))!;
    expect(waiting).toBe(unreviewedOf(checkingId));
    const range = { dateFrom: '2000-01-01', dateTo: '2099-12-31' };
    const unprocessedBefore = (await app.call('books:queue-count', range)).unreviewed;

    const answer = await app.call('books:accounts-update', {
      bankAccountId: checking.bankAccountId,
      inBooks: false,
    });
    expect(answer).toEqual({ unreviewed: 0 });
    const after = queued();
    expect(after.get(Number(checkingId))).toBeUndefined();
    for (const [id, n] of before) if (id !== Number(checkingId)) expect(after.get(id)).toBe(n);
    expect((await app.call('books:queue-count', range)).unreviewed).toBe(unprocessedBefore - waiting);
    const page = await app.call('books:queue-query', { status: 'unreviewed', limit: 500 });
    expect(page.rows.some((l) => l.accountId === checkingId)).toBe(false);
    expect(page.counts.unreviewed).toBe(unprocessedBefore - waiting);

    const { titles } = await app.call('books:chart-get');
    const title = titles.find((t) => t.code === 'checking_deposit')!;
    expect(title.subTitles).not.toContain(checking.name);
    expect(title.bankAccounts).toEqual([{ ...checking, inBooks: false }]);
    expect((await app.call('accounts:list')).find((a) => a.id === checkingId)!.inBooks).toBe(false);

    // The entry written while it was in the books stays, line for line.
    const entries = (await app.call('books:entries-query', { limit: 1000 })).rows;
    expect(entries.find((e) => e.id === registered.entries[0]!.id)).toEqual(registered.entries[0]);
    // A line of it cannot be booked by hand either: a coded refusal, nothing written.
    await expect(
      app.call('books:lines-register', {
        lines: [{ accountId: second!.accountId, itemKey: second!.itemKey }],
        titleCode: 'misc_expense',
        taxCode: 'purchase10',
      }),
    ).rejects.toMatchObject({ code: 'BOOKS_ACCOUNT_EXCLUDED' });
    expect((await app.call('books:entries-query', { limit: 1000 })).total).toBe(entries.length);
  });

  it('keeps new lines of it out of the queue after a sync, and rules do not register them', async () => {
    await app.call('books:rules-save', {
      keyword: 'ﾃｽﾄ ｿﾄ',
      match: 'exact',
      titleCode: 'misc_income',
      taxCode: 'sales10',
      action: 'auto',
    });
    const entriesBefore = (await app.call('books:entries-query', { limit: 1000 })).total;
    await qaPost(bank, `/qa/api/accounts/${checking.bankAccountId}/transactions`, {
      items: [
        { transactionType: '1', amount: 12_345, remarks: 'ﾃｽﾄ ｿﾄ' },
        { transactionType: '1', amount: 23_456, remarks: 'ﾃｽﾄ ｿﾄ' },
      ],
    });
    await app.call('sync:run', {});
    await app.call('sync:run', {});
    const d = db();
    const arrived = (
      d
        .prepare("SELECT count(*) AS n FROM transactions WHERE account_id = ? AND remarks = 'ﾃｽﾄ ｿﾄ'")
        .get(Number(checkingId)) as { n: number }
    ).n;
    d.close();
    expect(arrived).toBe(2);
    expect(queued().get(Number(checkingId))).toBeUndefined();
    expect((await app.call('books:entries-query', { limit: 1000 })).total).toBe(entriesBefore);
  });

  it('puts its unreviewed lines back when included again, the new ones too', async () => {
    const waiting = unreviewedOf(checkingId);
    const answer = await app.call('books:accounts-update', {
      bankAccountId: checking.bankAccountId,
      inBooks: true,
    });
    expect(answer).toEqual({ unreviewed: waiting });
    expect(queued().get(Number(checkingId))).toBe(waiting);
    const { titles } = await app.call('books:chart-get');
    expect(titles.find((t) => t.code === 'checking_deposit')!.subTitles).toContain(checking.name);
    const page = await app.call('books:queue-query', {
      status: 'unreviewed',
      accountId: checkingId,
      limit: 500,
    });
    expect(
      page.rows
        .filter((l) => l.remarks === 'ﾃｽﾄ ｿﾄ')
        .map((l) => l.amount)
        .sort(),
    ).toEqual([12_345, 23_456]);
    expect(page.rows.find((l) => l.remarks === 'ﾃｽﾄ ｿﾄ')!.suggestion?.titleCode).toBe('misc_income');
  });
});
