import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBooks } from '../../main/books/books-handlers.ts';
import { dispatch } from '../../main/ipc-dispatch.ts';
import { openAppDatabase, type AppDatabase } from '../../main/store/app-database.ts';
import type { IpcResults } from '../../shared/ipc/contract.ts';

/**
 * The review queue's 未処理 pages on a real ledger file: whether nearly every line is registered
 * or nearly none, each page holds the next unreviewed lines, newest first, and a review, its
 * undoing and the bank rows' deletion move lines in and out of it.
 */

const LINES_PER_ACCOUNT = 700;
const dirs: string[] = [];
let db: AppDatabase | undefined;
afterEach(() => {
  db?.close();
  db = undefined;
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A ledger with two accounts of bank lines, written as a sync writes them (one INSERT a row). */
function ledgerWithLines() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-queue-'));
  dirs.push(dir);
  db = openAppDatabase(dir);
  db.prepare(
    `INSERT INTO connections (id, profile_id, bank_name, issuer, channel, scopes, status, linked_at, expires_at)
     VALUES ('c1', 'p', 'デモ信用金庫', 'http://bank', 'corporate', 'accounts', 'active', 'x', 'x')`,
  ).run();
  const account = db.prepare(
    `INSERT INTO accounts (id, connection_id, bank_account_id, branch_name, account_type_name, account_number, account_name)
     VALUES (?, 'c1', ?, '本店', '普通', ?, 'ﾃｽﾄ')`,
  );
  account.run(1, 'B-1', '0001001');
  account.run(2, 'B-2', '0001002');
  const line = db.prepare(
    `INSERT OR IGNORE INTO transactions (account_id, item_key, seq, transaction_date, value_date, type, amount,
       remarks, remarks_folded, balance) VALUES (?, ?, ?, ?, ?, '2', ?, 'ｼﾊﾗｲ', 'ｼﾊﾗｲ', 0)`,
  );
  db.transaction(() => {
    for (const accountId of [1, 2])
      for (let i = 0; i < LINES_PER_ACCOUNT; i++) {
        // Several lines a day, so the order within a day (account, then item key) is exercised.
        const date = new Date(Date.UTC(2026, 0, 1 + Math.floor(i / 3))).toISOString().slice(0, 10);
        line.run(accountId, String(i).padStart(8, '0'), i + 1, date, date, 100 + i);
      }
  })();
  const books = createBooks(db);
  const call = async <C extends keyof IpcResults>(channel: C, args: unknown): Promise<IpcResults[C]> => {
    const result = await dispatch(books.handlers as never, channel as never, args);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    return result.value as IpcResults[C];
  };
  const all = db
    .prepare(
      'SELECT account_id AS accountId, item_key AS itemKey, transaction_date AS date FROM transactions',
    )
    .all() as { accountId: number; itemKey: string; date: string }[];
  return { db, call, all };
}

type Key = { accountId: number; itemKey: string; date: string };
const newestFirst = (a: Key, b: Key) =>
  b.date.localeCompare(a.date) || b.accountId - a.accountId || b.itemKey.localeCompare(a.itemKey);
const ref = (k: Key) => ({ accountId: String(k.accountId), itemKey: k.itemKey });
const keyOf = (k: { accountId: string | number; itemKey: string }) => `${k.accountId}/${k.itemKey}`;

async function pagesOf(call: ReturnType<typeof ledgerWithLines>['call'], accountId?: string) {
  const seen: string[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await call('books:queue-query', {
      status: 'unreviewed',
      offset,
      limit: 100,
      ...(accountId ? { accountId } : {}),
    });
    seen.push(...page.rows.map(keyOf));
    if (page.rows.length < 100) return { seen, counts: page.counts };
  }
}

describe('the review queue’s 未処理 pages', () => {
  it.each([
    ['nearly every line is registered', 1390],
    ['nearly every line is new', 25],
  ])('page through exactly the unreviewed lines, newest first, when %s', async (_, reviewed) => {
    const { call, all } = ledgerWithLines();
    // A fixed scatter (7919 is prime to the line count) over both accounts and all dates.
    const shuffled = all.map((_, i) => all[(i * 7919) % all.length]!);
    const done = shuffled.slice(0, reviewed);
    for (let i = 0; i < done.length; i += 1000)
      await call('books:lines-register', {
        lines: done.slice(i, i + 1000).map(ref),
        titleCode: 'payables',
        taxCode: 'none',
      });
    const doneKeys = new Set(done.map(keyOf));
    const expected = all
      .filter((k) => !doneKeys.has(keyOf(k)))
      .sort(newestFirst)
      .map(keyOf);

    const { seen, counts } = await pagesOf(call);
    expect(seen).toEqual(expected);
    expect(counts).toEqual({ unreviewed: expected.length, registered: reviewed, ignored: 0 });
    const ofAccount2 = await pagesOf(call, '2');
    expect(ofAccount2.seen).toEqual(expected.filter((k) => k.startsWith('2/')));
  });

  it('takes a reviewed line out, puts it back when the review is undone, and drops the lines of a deleted account', async () => {
    const { db, call, all } = ledgerWithLines();
    const newest = [...all].sort(newestFirst)[0]!;
    await call('books:lines-ignore', { lines: [ref(newest)] });
    expect((await pagesOf(call)).seen).not.toContain(keyOf(newest));
    await call('books:lines-reopen', { lines: [ref(newest)] });
    expect((await pagesOf(call)).seen[0]).toBe(keyOf(newest));

    db.prepare('DELETE FROM accounts WHERE id = 2').run();
    const { seen } = await pagesOf(call);
    expect(seen).toHaveLength(LINES_PER_ACCOUNT);
    expect(seen.every((k) => k.startsWith('1/'))).toBe(true);
  });

  it('queues a line the bank sends again after its account was deleted and linked anew only if it was never reviewed', async () => {
    const { db, call } = ledgerWithLines();
    await call('books:lines-ignore', { lines: [{ accountId: '1', itemKey: '00000000' }] });
    db.prepare('DELETE FROM accounts WHERE id = 1').run();
    db.prepare(
      `INSERT INTO accounts (id, connection_id, bank_account_id, branch_name, account_type_name, account_number, account_name)
       VALUES (3, 'c1', 'B-1', '本店', '普通', '0001001', 'ﾃｽﾄ')`,
    ).run();
    const insert = db.prepare(
      `INSERT INTO transactions (account_id, item_key, seq, transaction_date, value_date, type, amount, remarks,
         remarks_folded, balance) VALUES (3, ?, ?, '2026-01-01', '2026-01-01', '2', 100, 'ｼﾊﾗｲ', 'ｼﾊﾗｲ', 0)`,
    );
    insert.run('00000000', 1);
    insert.run('00000001', 2);
    const { seen } = await pagesOf(call, '3');
    expect(seen).toEqual(['3/00000001']);
  });
});
