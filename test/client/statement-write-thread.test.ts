import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { BankTransaction } from '../../main/connectors/bank-connector.ts';
import type { AppDatabase } from '../../main/store/app-database.ts';
import { StatementWriteThread } from '../../main/store/statement-write-thread.ts';
import { StatementWriter } from '../../main/store/statement-writer.ts';
import { bankTransaction } from '../support/bank-statement.ts';
import { twoAccountLedger } from '../support/two-account-ledger.ts';
import { derivedStructures } from '../support/derived-structures.ts';

/**
 * The app writes the sync's pages on a thread of its own (statement-write-thread.ts), with a
 * connection of its own to the ledger the main process has open. What it writes must be what the
 * StatementWriter writes on the main thread, row for row and structure for structure; a write that
 * fails must fail whole and say so, and leave the thread writing the next. A write that ends its run
 * (no next page key) is written on the main thread, after the thread's writes.
 */
const dirs: string[] = [];
const open: AppDatabase[] = [];
const threads: StatementWriteThread[] = [];
afterEach(async () => {
  for (const thread of threads.splice(0)) await thread.close();
  for (const db of open.splice(0)) db.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function ledger(): AppDatabase {
  const { db, dir } = twoAccountLedger('bankdemo-write-thread-');
  dirs.push(dir);
  open.push(db);
  return db;
}

function thread(db: AppDatabase): StatementWriteThread {
  const writer = new StatementWriteThread(db);
  threads.push(writer);
  return writer;
}

const line = (key: number, date: string, amount: number, remarks: string, type: '1' | '2' = '2') =>
  bankTransaction(String(key).padStart(10, '0'), date, type, amount, remarks);

/** Pages as a bank may send them: new remarks, a row twice, a known line sent again changed. */
const PAGES: Array<[accountId: number, rows: BankTransaction[], nextItemKey: string | null]> = [
  [1, [line(1, '2026-01-01', 100, 'ｶﾞｽﾀﾞｲ'), line(2, '2026-01-01', 200, 'ﾌﾘｺﾐ ﾔﾏﾀﾞ', '1')], 'K1'],
  [1, [line(3, '2026-01-02', 300, 'ｼﾊﾗｲ'), line(3, '2026-01-02', 300, 'ｼﾊﾗｲ')], 'K2'],
  [2, [line(1, '2026-01-01', 999, 'ｶﾞｽﾀﾞｲ'), line(2, '2026-01-03', 1, 'ﾃﾞﾝｷﾀﾞｲ')], null],
  [1, [line(2, '2026-01-01', 250, 'ﾌﾘｺﾐ ﾔﾏﾀﾞ', '1'), line(4, '2026-01-03', 70, 'ﾃﾞﾝｷﾀﾞｲ')], null],
];

const everything = (db: AppDatabase) => ({
  rows: db.prepare('SELECT * FROM transactions ORDER BY account_id, item_key').all(),
  cursors: db.prepare('SELECT id, run_date_from, next_item_key, next_seq FROM accounts ORDER BY id').all(),
  changed: db
    .prepare(
      'SELECT bank_account_id, item_key, line_date, line_type, line_amount, line_remarks FROM bank_line_changes',
    )
    .all(),
  queue: db.prepare('SELECT * FROM books_queue ORDER BY 1, 2').all(),
  derived: derivedStructures(db),
});

describe('the sync writes its pages on a thread of its own', () => {
  it('writes what the StatementWriter writes on the main thread, every row, cursor and derived structure', async () => {
    const onThread = ledger();
    const onMain = ledger();
    const writer = thread(onThread);
    const direct = new StatementWriter(onMain);
    const addedOnThread: number[] = [];
    const addedOnMain: number[] = [];
    for (const [accountId, rows, nextItemKey] of PAGES) {
      const next = { runDateFrom: '2026-01-01', nextItemKey };
      addedOnThread.push(await writer.writePage(accountId, rows, next));
      addedOnMain.push(direct.writePage(accountId, rows, next));
    }
    expect(addedOnThread).toEqual([2, 1, 2, 1]);
    expect(addedOnThread).toEqual(addedOnMain);
    // Read through the main process's own connection: the thread's commits are there for it.
    const written = everything(onThread);
    expect(written).toEqual(everything(onMain));
    for (const [name, { stored, recomputed }] of Object.entries(written.derived)) {
      expect(stored, name).toEqual(recomputed);
    }
    expect(written.changed).toHaveLength(1);
  });

  it('answers writes asked at once in the order asked, each its own transaction', async () => {
    const db = ledger();
    const writer = thread(db);
    const answers = await Promise.all(
      PAGES.map(([accountId, rows, nextItemKey]) =>
        writer.writePage(accountId, rows, { runDateFrom: '2026-01-01', nextItemKey }),
      ),
    );
    expect(answers).toEqual([2, 1, 2, 1]);
    expect(db.prepare('SELECT next_item_key FROM accounts ORDER BY id').pluck().all()).toEqual([null, null]);
  });

  it('fails a write whole, says why, and writes the next one', async () => {
    const db = ledger();
    const writer = thread(db);
    await writer.writePage(1, PAGES[0]![1], { runDateFrom: '2026-01-01', nextItemKey: 'K1' });
    const before = everything(db);
    // A write SQLite refuses midway (as a full disk would): its first row is in when the second fails.
    db.exec(`CREATE TRIGGER refuse_for_test BEFORE INSERT ON transactions WHEN NEW.remarks = 'ﾜﾙｲ'
             BEGIN SELECT RAISE(ABORT, 'refused for the test'); END`);
    await expect(
      writer.writePage(1, [line(9, '2026-01-04', 5, 'ﾖｲ'), line(8, '2026-01-04', 5, 'ﾜﾙｲ')], {
        runDateFrom: '2026-01-01',
        nextItemKey: 'K9',
      }),
    ).rejects.toMatchObject({ message: 'refused for the test', code: 'SQLITE_CONSTRAINT_TRIGGER' });
    db.exec('DROP TRIGGER refuse_for_test');
    expect(everything(db)).toEqual(before);
    expect(await writer.writePage(1, PAGES[1]![1], { runDateFrom: '2026-01-01', nextItemKey: 'K2' })).toBe(1);
    expect(db.prepare('SELECT next_item_key FROM accounts WHERE id = 1').pluck().get()).toBe('K2');
  });

  it('lets the main process write beside it: each waits for the other’s transaction, neither is lost', async () => {
    const db = ledger();
    const writer = thread(db);
    const pages = Array.from({ length: 20 }, (_, p) =>
      Array.from({ length: 500 }, (_, i) => line(p * 500 + i, '2026-02-01', i + 1, `ﾌﾘｺﾐ ${i % 40}`)),
    );
    const writes = pages.map((rows) =>
      writer.writePage(1, rows, { runDateFrom: '2026-02-01', nextItemKey: null }),
    );
    // Meanwhile the main process writes too (as the books, the days' columns or the settings may
    // during a sync), a commit every turn until the thread is done: a write of the thread's that
    // began as a reader would find the ledger changed under it and be refused (SQLITE_BUSY).
    db.exec('CREATE TABLE main_writes (k TEXT)');
    const note = db.prepare('INSERT INTO main_writes (k) VALUES (?)');
    const mainWrite = db.transaction((n: number) => {
      for (let i = 0; i < 3_000; i++) note.run(`k${n}-${i}`);
    });
    let done = false;
    const settled = Promise.allSettled(writes).then(() => (done = true));
    let mainWrites = 0;
    while (!done) {
      mainWrite(mainWrites++);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await settled;
    expect(await Promise.all(writes)).toEqual(pages.map(() => 500));
    expect(db.prepare('SELECT count(*) FROM transactions').pluck().get()).toBe(10_000);
    expect(db.prepare('SELECT count(*) FROM main_writes').pluck().get()).toBe(mainWrites * 3_000);
    for (const [name, { stored, recomputed }] of Object.entries(derivedStructures(db))) {
      expect(stored, name).toEqual(recomputed);
    }
  });

  it('ends its thread at close, after the writes asked for; a write after that starts one again', async () => {
    const db = ledger();
    const writer = thread(db);
    const first = writer.writePage(1, PAGES[0]![1], { runDateFrom: '2026-01-01', nextItemKey: 'K1' });
    expect(writer.threadRunning).toBe(true);
    await writer.close();
    expect(writer.threadRunning).toBe(false);
    expect(await first).toBe(2);
    expect(await writer.writePage(1, PAGES[1]![1], { runDateFrom: '2026-01-01', nextItemKey: 'K2' })).toBe(1);
    await writer.close();
    expect(db.prepare('SELECT count(*) FROM transactions').pluck().get()).toBe(3);
  });

  it('writes a run’s last write on the main thread, after the thread’s, and never starts one for it', async () => {
    const db = ledger();
    const writer = thread(db);
    // A repeat sync: one write, which ends its run.
    expect(await writer.writePage(1, PAGES[0]![1], { runDateFrom: '2026-01-01', nextItemKey: null })).toBe(2);
    expect(writer.threadRunning).toBe(false);
    // A long run: its writes on the thread, its last one here once they are done.
    const rows = Array.from({ length: 3_000 }, (_, i) => line(100 + i, '2026-01-05', i + 1, 'ﾌﾘｺﾐ'));
    const onThread = writer.writePage(1, rows.slice(0, 2_000), {
      runDateFrom: '2026-01-01',
      nextItemKey: 'K',
    });
    const last = writer.writePage(1, rows.slice(2_000), { runDateFrom: '2026-01-01', nextItemKey: null });
    expect(writer.threadRunning).toBe(true);
    expect([await onThread, await last]).toEqual([2_000, 1_000]);
    // In the order asked: the seq follows the bank's order across the two writers.
    const keys = db
      .prepare('SELECT item_key FROM transactions WHERE account_id = 1 ORDER BY seq')
      .pluck()
      .all();
    expect(keys).toEqual([...PAGES[0]![1], ...rows].map((t) => t.itemKey));
    expect(db.prepare('SELECT next_item_key FROM accounts WHERE id = 1').pluck().get()).toBeNull();
  });

  it('writes rows staged ahead of their write with it, first and in order, as the main thread writes them all', async () => {
    const onThread = ledger();
    const onMain = ledger();
    const writer = thread(onThread);
    const direct = new StatementWriter(onMain);
    const rows = Array.from({ length: 1_200 }, (_, i) =>
      line(200 + i, `2026-01-${String(5 + (i % 3)).padStart(2, '0')}`, i + 1, `ﾌﾘｺﾐ ${i % 7}`),
    );
    const next = (nextItemKey: string | null) => ({ runDateFrom: '2026-01-01', nextItemKey });
    // Nothing is staged before the thread is up: the caller keeps the page for its write.
    expect(writer.stage(1, rows.slice(0, 100))).toBe(false);
    expect(await writer.writePage(1, rows.slice(0, 100), next('K1'))).toBe(100);
    expect(writer.stage(1, rows.slice(100, 500))).toBe(true);
    expect(writer.stage(2, rows.slice(0, 50))).toBe(true);
    expect(writer.stage(1, rows.slice(500, 900))).toBe(true);
    // Staged rows make even a run's last write go to the thread, behind them.
    expect(await writer.writePage(1, rows.slice(900), next(null))).toBe(1_100);
    expect(await writer.writePage(2, [], next(null))).toBe(50);
    direct.writePage(1, rows.slice(0, 100), next('K1'));
    direct.writePage(1, rows.slice(100), next(null));
    direct.writePage(2, rows.slice(0, 50), next(null));
    const written = everything(onThread);
    expect(written).toEqual(everything(onMain));
    const order = onThread
      .prepare('SELECT item_key FROM transactions WHERE account_id = 1 ORDER BY seq')
      .pluck()
      .all();
    expect(order).toEqual(rows.map((t) => t.itemKey));
    for (const [name, { stored, recomputed }] of Object.entries(written.derived)) {
      expect(stored, name).toEqual(recomputed);
    }
  });

  it('never writes a failed run’s staged rows in a later run’s write', async () => {
    const db = ledger();
    const writer = thread(db);
    const next = (nextItemKey: string | null) => ({ runDateFrom: '2026-01-01', nextItemKey });
    await writer.writePage(1, PAGES[0]![1], next('K1'));
    // A run stages a page, then fails before its write (the bank broke off): the sync discards.
    expect(writer.stage(1, [line(50, '2026-01-09', 1, 'ｽﾃﾙ')])).toBe(true);
    writer.discardStaged(1);
    // The next run stages and writes its own rows only.
    expect(writer.stage(1, [line(60, '2026-01-09', 2, 'ﾂｷﾞ')])).toBe(true);
    expect(await writer.writePage(1, [line(61, '2026-01-09', 3, 'ﾂｷﾞ')], next(null))).toBe(2);
    const keys = db
      .prepare('SELECT item_key FROM transactions WHERE account_id = 1 ORDER BY seq')
      .pluck()
      .all();
    expect(keys).toEqual([...PAGES[0]![1].map((t) => t.itemKey), '0000000060', '0000000061']);
  });

  it('fails the write after rows staged on a thread that ended, instead of writing past them', async () => {
    const db = ledger();
    const writer = thread(db);
    const next = (nextItemKey: string | null) => ({ runDateFrom: '2026-01-01', nextItemKey });
    await writer.writePage(1, PAGES[0]![1], next('K1'));
    expect(writer.stage(1, [line(70, '2026-01-09', 1, 'ｷｴﾙ')])).toBe(true);
    await writer.close();
    // The thread is gone with the staged row: the run keeps its pages now, and its write fails.
    expect(writer.stage(1, [line(71, '2026-01-09', 2, 'ｱﾄ')])).toBe(false);
    await expect(writer.writePage(1, [line(71, '2026-01-09', 2, 'ｱﾄ')], next('K3'))).rejects.toThrow(
      /staged/,
    );
    expect(db.prepare('SELECT next_item_key FROM accounts WHERE id = 1').pluck().get()).toBe('K1');
    expect(db.prepare("SELECT count(*) FROM transactions WHERE item_key >= '0000000070'").pluck().get()).toBe(
      0,
    );
    // The run failed; the next one writes again.
    writer.discardStaged(1);
    expect(await writer.writePage(1, [line(70, '2026-01-09', 1, 'ｷｴﾙ')], next(null))).toBe(1);
  });
});
