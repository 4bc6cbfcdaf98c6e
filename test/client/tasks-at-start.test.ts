import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeGeneratedLedger } from '../../bench/generated-ledger.ts';
import { DATABASE_FILE } from '../../main/store/app-database.ts';
import { derivedStructures } from '../support/derived-structures.ts';
import { runKillableChild } from '../support/killable-child.ts';
import { startTestBank, type TestBank } from '../support/test-bank.ts';
import { startTestCore } from '../support/test-client-core.ts';

/**
 * What the app core does at start for the work in slices: a deletion of kept data a kill cut short
 * is finished (the link marked 削除中 goes), and a ledger written without a sync gets its days'
 * columns in the background, so that no first filter by amount builds them.
 */
let bank: TestBank;
let dir: string;
beforeAll(async () => {
  bank = await startTestBank();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-tasks-at-start-'));
  writeGeneratedLedger(dir, 40_000);
}, 120_000);
afterAll(async () => {
  await bank?.dispose();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const ledger = () => new Database(path.join(dir, DATABASE_FILE));

describe('the core at start', () => {
  it('finishes a deletion of kept data a kill cut short: the link marked 削除中 goes, every structure right', async () => {
    const before = ledger();
    before.prepare("UPDATE connections SET status = 'disconnected' WHERE id = 'generated'").run();
    before.close();
    // 保存データを削除 killed after its first progress line.
    const killed = await runKillableChild(['test/support/kept-data-delete-child.ts', dir, 'generated'], {
      unit: 'slice',
      killAfter: 1,
      jitterMs: 30,
    });
    expect(killed.finished).toBe(false);
    const marked = ledger();
    const rowsLeft = marked.prepare('SELECT count(*) FROM transactions').pluck().get() as number;
    marked.close();
    expect(rowsLeft).toBeGreaterThan(0);

    const app = await startTestCore(bank, { dataDir: dir, openExternal: async () => {} });
    try {
      expect((await app.call('connections:list')).map((c) => [c.id, c.deleting])).toEqual([
        ['generated', true],
      ]);
      await expect.poll(async () => (await app.call('connections:list')).length, { timeout: 60_000 }).toBe(0);
      expect(app.events).toContainEqual({ type: 'connections:changed' });
      expect(
        app.events.some(
          (e) => e.type === 'task:progress' && e.task.kind === 'kept-data-delete' && e.task.finished,
        ),
      ).toBe(true);
    } finally {
      await app.dispose();
    }
    const after = ledger();
    try {
      expect(after.prepare('SELECT count(*) FROM transactions').pluck().get()).toBe(0);
      expect(after.prepare('SELECT count(*) FROM background_tasks').pluck().get()).toBe(0);
      for (const [name, { stored, recomputed }] of Object.entries(derivedStructures(after)))
        expect(stored, name).toEqual(recomputed);
    } finally {
      after.close();
    }
  }, 120_000);

  it('prepares the days’ columns of rows written without a sync, in the background after it opens', async () => {
    const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-columns-at-start-'));
    try {
      writeGeneratedLedger(fresh, 20_000);
      // Its pages wrote the days' columns; a ledger an older version filled has none.
      const older = new Database(path.join(fresh, DATABASE_FILE));
      older.exec('DELETE FROM statement_day_columns');
      older.close();
      const app = await startTestCore(bank, { dataDir: fresh, openExternal: async () => {} });
      try {
        const db = new Database(path.join(fresh, DATABASE_FILE), { readonly: true });
        try {
          const missing = db.prepare(
            `SELECT count(DISTINCT transaction_date) FROM statement_day_totals
             WHERE transaction_date NOT IN (SELECT transaction_date FROM statement_day_columns)`,
          );
          expect(missing.pluck().get()).toBeGreaterThan(700);
          await expect.poll(() => missing.pluck().get(), { timeout: 60_000 }).toBe(0);
        } finally {
          db.close();
        }
      } finally {
        await app.dispose();
      }
    } finally {
      fs.rmSync(fresh, { recursive: true, force: true });
    }
  }, 120_000);
});
