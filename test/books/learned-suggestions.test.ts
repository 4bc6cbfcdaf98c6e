import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueLine } from '../../shared/ipc/books-contract.ts';
import { DATABASE_FILE } from '../../main/store/app-database.ts';
import { qaPost, startTestBank, type TestBank } from '../support/test-bank.ts';
import type { TestCore } from '../support/test-client-core.ts';
import { startLinkedCore } from '../support/unsynced-ledger.ts';

/**
 * Suggestions learned from past registrations (issue 21, item 4): on CORP0001 synced from the real
 * bank, a waiting line no rule speaks for is offered what lines of the same kana-folded remarks —
 * or the same 取引先 — were registered as, with how many; nothing is registered by it.
 */
describe('suggestions learned from past registrations', () => {
  let bank: TestBank;
  let app: TestCore;
  const ref = (l: QueueLine) => ({ accountId: l.accountId, itemKey: l.itemKey });
  const waiting = async () =>
    (await app.call('books:queue-query', { status: 'unreviewed', limit: 500 })).rows;

  beforeAll(async () => {
    bank = await startTestBank();
    app = await startLinkedCore(bank, 'CORP0001', 'Corp-Pass-1');
    await app.call('sync:run', {});
    const accounts = await app.call('books:chart-get');
    const ordinary = accounts.titles.find((t) => t.code === 'ordinary_deposit')!.bankAccounts[0]!;
    const items = Array.from({ length: 5 }, (_, i) => ({
      transactionType: '1',
      amount: 10_000 + i,
      remarks: 'ﾌﾘｺﾐ ｶ)ﾃｽﾄﾐﾄﾞﾘｼﾖｳｶｲ',
    }));
    // A line of another wording from the same 取引先.
    items.push({ transactionType: '1', amount: 20_000, remarks: 'ﾌﾘｶｴ ｶ)ﾃｽﾄﾐﾄﾞﾘｼﾖｳｶｲ' });
    await qaPost(bank, `/qa/api/accounts/${ordinary.bankAccountId}/transactions`, { items });
    await app.call('sync:run', {});
    await app.call('sync:run', {});
  }, 120_000);
  afterAll(async () => {
    await app?.dispose();
    await bank?.dispose();
  });

  it('offers what lines of the same remarks were registered as, ×N, and registers nothing by it', async () => {
    const lines = (await waiting()).filter((l) => l.remarks === 'ﾌﾘｺﾐ ｶ)ﾃｽﾄﾐﾄﾞﾘｼﾖｳｶｲ');
    expect(lines).toHaveLength(5);
    expect(lines.every((l) => !l.suggestion && !l.learned)).toBe(true);
    const [a, b, c, ...rest] = lines;
    await app.call('books:lines-register', {
      lines: [a!, b!].map(ref),
      titleCode: 'sales',
      taxCode: 'sales10',
    });
    await app.call('books:lines-register', {
      lines: [ref(c!)],
      titleCode: 'misc_income',
      taxCode: 'sales10',
    });
    const entriesBefore = (await app.call('books:entries-query', { limit: 1000 })).total;

    const after = (await waiting()).filter((l) => l.remarks === 'ﾌﾘｺﾐ ｶ)ﾃｽﾄﾐﾄﾞﾘｼﾖｳｶｲ');
    expect(after.map((l) => l.itemKey).sort()).toEqual(rest.map((l) => l.itemKey).sort());
    for (const l of after)
      expect(l.learned).toEqual({
        titleCode: 'sales',
        taxCode: 'sales10',
        counterparty: 'ｶ)ﾃｽﾄﾐﾄﾞﾘｼﾖｳｶｲ',
        memo: 'ﾌﾘｺﾐ ｶ)ﾃｽﾄﾐﾄﾞﾘｼﾖｳｶｲ',
        from: 'remarks',
        key: 'ﾌﾘｺﾐ ｶ)ﾃｽﾄﾐﾄﾞﾘｼﾖｳｶｲ',
        lines: 2,
      });
    // The 取引先's other wording learns from the entries of that 取引先.
    const other = (await waiting()).find((l) => l.remarks === 'ﾌﾘｶｴ ｶ)ﾃｽﾄﾐﾄﾞﾘｼﾖｳｶｲ')!;
    expect(other.learned).toMatchObject({
      titleCode: 'sales',
      from: 'counterparty',
      key: 'ｶ)ﾃｽﾄﾐﾄﾞﾘｼﾖｳｶｲ',
      lines: 2,
    });

    // Never registered without the user: not after rules run, not by 候補どおりに登録.
    await app.call('books:rules-apply');
    expect(await app.call('books:suggestions-register', { lines: after.map(ref) })).toEqual({
      created: 0,
      skipped: after.length,
    });
    expect((await app.call('books:entries-query', { limit: 1000 })).total).toBe(entriesBefore);

    // Registered as the panel offers it: the entry is the learned choice, line by line.
    const [line] = after;
    const { titleCode, taxCode, counterparty, memo } = line!.learned!;
    const written = await app.call('books:lines-register', {
      lines: [ref(line!)],
      titleCode,
      taxCode,
      counterparty,
      memo,
    });
    expect(written.entries[0]).toMatchObject({
      date: line!.date,
      lines: [
        { side: 'debit', titleCode: 'ordinary_deposit', subTitle: line!.accountLabel, taxCode: 'none' },
        { side: 'credit', titleCode: 'sales', taxCode: 'sales10' },
      ],
      amount: line!.amount,
      counterparty: 'ｶ)ﾃｽﾄﾐﾄﾞﾘｼﾖｳｶｲ',
      memo: 'ﾌﾘｺﾐ ｶ)ﾃｽﾄﾐﾄﾞﾘｼﾖｳｶｲ',
      source: 'bank',
    });
    expect(written.offerRule).toMatchObject({ keyword: 'ｶ)ﾃｽﾄﾐﾄﾞﾘｼﾖｳｶｲ', titleCode: 'sales' });
    const last = (await waiting()).find((l) => l.remarks === 'ﾌﾘｺﾐ ｶ)ﾃｽﾄﾐﾄﾞﾘｼﾖｳｶｲ')!;
    expect(last.learned?.lines).toBe(3);
  });

  it('reads the learned choice from an index range, not a scan of the registered lines', () => {
    const db = new Database(path.join(app.dataDir, DATABASE_FILE), { readonly: true });
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('ﾌﾘｺﾐ', '1') as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ');
    expect(
      plan(`SELECT count(*) FROM line_reviews r JOIN book_entries e ON e.id = r.entry_id
            WHERE r.status = 'registered' AND r.line_remarks_folded = ? AND r.line_type = ? AND e.source = 'bank'`),
    ).toContain('INDEX line_reviews_learned');
    expect(
      plan(`SELECT count(*) FROM book_entry_versions v
            JOIN book_entries e ON e.id = v.entry_id AND e.version = v.version
            WHERE v.counterparty = ? AND e.source = 'bank' AND ? IN ('1', '2')`),
    ).toContain('INDEX book_entry_versions_by_counterparty');
    db.close();
  });
});
