import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DATABASE_FILE, openAppDatabase } from '../../main/store/app-database.ts';
import { SCHEMA_MIGRATIONS } from '../../main/store/migrations/index.ts';
import { ViewQueries } from '../../main/store/view-queries.ts';
import { foldKana } from '../../shared/kana.ts';
import type { TransactionView } from '../../shared/ipc/contract.ts';
import { migrate } from '../../shared/sqlite-migrations.ts';
import { startTestBank, type TestBank } from '../support/test-bank.ts';
import type { TestCore } from '../support/test-client-core.ts';
import { startLinkedCore } from '../support/unsynced-ledger.ts';

let bank: TestBank;
let app: TestCore;
/** The whole synced statement, oldest first, as the 明細 view pages through it. */
let statement: TransactionView[];
beforeAll(async () => {
  bank = await startTestBank();
  app = await startLinkedCore(bank, 'CORP0001', 'Corp-Pass-1');
  await app.call('sync:run', {});
  statement = await allRows('asc');
});
afterAll(async () => {
  await app?.dispose();
  await bank?.dispose();
});

async function allRows(order: 'asc' | 'desc', filters: Record<string, unknown> = {}) {
  const rows: TransactionView[] = [];
  for (;;) {
    const page = await app.call('statements:query', {
      ...filters,
      order,
      offset: rows.length,
      limit: 1000,
    });
    rows.push(...page.rows);
    if (rows.length >= page.total) return rows;
  }
}

describe('the statement view over a synced ledger', () => {
  it('oldest first, each account’s balance follows from the row before it (the bank’s order within a day)', () => {
    const accounts = new Set(statement.map((r) => r.accountId));
    expect(accounts.size).toBeGreaterThan(1);
    const last = new Map<string, TransactionView>();
    let sameDayPairs = 0;
    for (const [i, row] of statement.entries()) {
      if (i > 0) expect(row.transactionDate >= statement[i - 1]!.transactionDate).toBe(true);
      const before = last.get(row.accountId);
      if (before) {
        expect(row.balance, `${row.accountId} ${row.itemKey}`).toBe(
          before.balance + (row.type === '1' ? row.amount : -row.amount),
        );
        if (before.transactionDate === row.transactionDate) sameDayPairs++;
      }
      last.set(row.accountId, row);
    }
    // Days with several rows on one account are what the bank's order decides.
    expect(sameDayPairs).toBeGreaterThan(10);
  });

  it('newest first is the same rows in reverse, the count unchanged', async () => {
    const newest = await allRows('desc');
    expect(newest).toEqual([...statement].reverse());
    const first = await app.call('statements:query', { order: 'desc', limit: 1 });
    expect(first.total).toBe(statement.length);
  });

  it.each([
    ['ﾃﾞﾝｷ', 'ﾌﾘｺﾐ ｶ)ｱｵﾊﾞﾃﾞﾝｷ'],
    ['デンキ', 'ﾌﾘｺﾐ ｶ)ｱｵﾊﾞﾃﾞﾝｷ'],
    ['でんき', 'ﾌﾘｺﾐ ｶ)ｱｵﾊﾞﾃﾞﾝｷ'],
    ['あおば でんき', 'ﾌﾘｺﾐ ｶ)ｱｵﾊﾞﾃﾞﾝｷ'],
    ['みどりしょうかい', 'ﾌﾘｺﾐ ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ'],
  ])('the remarks search %s finds the bank’s %s rows, and only rows that hold it', async (typed, remarks) => {
    const expected = statement.filter((r) => foldKana(r.remarks).includes(foldKana(typed)));
    expect(expected.some((r) => r.remarks === remarks)).toBe(true);
    expect(await allRows('asc', { text: typed })).toEqual(expected);
  });

  it('きゅうよ finds ｷﾕｳﾖ (the bank writes small kana large), with the other filters too', async () => {
    const account = statement.find((r) => r.remarks.startsWith('ｷﾕｳﾖ'))!.accountId;
    const expected = statement.filter(
      (r) => r.accountId === account && r.remarks.startsWith('ｷﾕｳﾖ') && r.type === '2',
    );
    expect(expected.length).toBeGreaterThan(0);
    const found = await allRows('desc', { text: 'きゅうよ', accountId: account, type: '2' });
    expect(found).toEqual([...expected].reverse());
  });

  it('takes the text literally: * and ? are characters, not wildcards', async () => {
    for (const text of ['*', '?', '[ｱ]', 'ﾌﾘｺﾐ*']) {
      expect((await app.call('statements:query', { text })).total, text).toBe(0);
    }
    const closing = statement.filter((r) => r.remarks.includes(')')).length;
    expect(closing).toBeGreaterThan(0);
    expect((await app.call('statements:query', { text: ')' })).total).toBe(closing);
  });

  it('a search of only spaces filters nothing', async () => {
    expect((await app.call('statements:query', { text: ' 　' })).total).toBe(statement.length);
  });

  it('the days’ columns for filters by amount are prepared once the sync is over, and answer as the rows do', async () => {
    const ledger = openAppDatabase(app.dataDir);
    try {
      const days = ledger.prepare('SELECT count(DISTINCT transaction_date) FROM transactions').pluck();
      const prepared = ledger.prepare('SELECT count(*) FROM statement_day_columns').pluck();
      await vi.waitFor(() => expect(prepared.get()).toBe(days.get()), { timeout: 10_000, interval: 100 });
    } finally {
      ledger.close();
    }
    const filters = { minAmount: 10_000, maxAmount: 500_000, text: 'ﾌﾘｺﾐ' };
    const expected = statement.filter(
      (r) => r.amount >= 10_000 && r.amount <= 500_000 && foldKana(r.remarks).includes(foldKana('ﾌﾘｺﾐ')),
    );
    expect(expected.length).toBeGreaterThan(10);
    expect(await allRows('desc', filters)).toEqual([...expected].reverse());
  });
});

describe('the ledger migration that adds the folded remarks', () => {
  it('folds the remarks a ledger already held before it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-migration-'));
    try {
      const old = new Database(path.join(dir, DATABASE_FILE));
      migrate(old, SCHEMA_MIGRATIONS.slice(0, 1));
      old.exec(`
        INSERT INTO connections (id, profile_id, bank_name, issuer, channel, scopes, status, linked_at, expires_at) VALUES ('c1', 'local', 'デモ信用金庫', 'http://127.0.0.1:4010', 'corporate', '', 'active', '', '');
        INSERT INTO accounts (id, connection_id, bank_account_id, branch_name, account_type_name, account_number, account_name)
          VALUES (1, 'c1', 'a1', '本店', '普通', '1234567', 'ﾃｽﾄ');
        INSERT INTO transactions VALUES (1, '0000000001', '2026-10-26', '2026-10-26', '2', 8000, 'ｺｳｻﾞﾌﾘｶｴ ﾃﾞﾝｷﾘﾖｳｷﾝ', 92000);
        INSERT INTO transactions VALUES (1, '0000000002', '2026-10-27', '2026-10-27', '1', 5000, 'ﾌﾘｺﾐ ﾔﾏﾀﾞ ﾀﾛｳ', 97000);`);
      old.close();

      const db = openAppDatabase(dir);
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_MIGRATIONS.length);
      const found = new ViewQueries(db).transactions({ text: 'でんき', offset: 0, limit: 10 });
      db.close();
      expect(found.total).toBe(1);
      expect(found.rows[0]).toMatchObject({ itemKey: '0000000001', remarks: 'ｺｳｻﾞﾌﾘｶｴ ﾃﾞﾝｷﾘﾖｳｷﾝ' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
