import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { runKillableChild } from '../support/killable-child.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../main/store/app-database.ts';
import { ruleAsSaved } from '../../shared/ipc/books-contract.ts';
import { startLinkedCore } from '../support/unsynced-ledger.ts';
import { startTestBank, type TestBank } from '../support/test-bank.ts';
import type { TestCore } from '../support/test-client-core.ts';

/**
 * The crash test of rule application: CORP9000's ~100,000 synced lines meet a 自動登録 rule that
 * wins ~60% of them, in batches of 5,000 lines per transaction (21 batches); the process is killed
 * (SIGKILL) at random batches, then restarted to finish. Every time, each line the rule wins is
 * registered exactly once, with one entry of its own, and no other line is touched.
 */
const ROUNDS = 3;
const KILLS_PER_ROUND = 3;

let bank: TestBank;
let linked: TestCore;
let template: string;
beforeAll(async () => {
  bank = await startTestBank();
  linked = await startLinkedCore(bank, 'CORP9000', 'Corp-Pass-9');
  await linked.call('sync:run', {});
  // The starter rule for card/QR takings, switched from 推測 to 自動登録.
  const starter = (await linked.call('books:rules-list')).find((r) => r.keyword === 'ｳﾘｱｹﾞ')!;
  await linked.call('books:rules-save', { ...ruleAsSaved(starter), action: 'auto' });
  await linked.core.close();
  template = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-books-crash-'));
  fs.copyFileSync(path.join(linked.dataDir, DATABASE_FILE), path.join(template, DATABASE_FILE));
}, 300_000);
afterAll(async () => {
  await linked?.dispose();
  await bank?.dispose();
  if (template) fs.rmSync(template, { recursive: true, force: true });
});

/** Runs the 自動登録 rules in a child process; kills it a few ms after `killAfter` batches. */
const runApply = (dataDir: string, killAfter?: number) =>
  runKillableChild(['test/support/books-apply-child.ts', dataDir], {
    unit: 'batch',
    killAfter,
    jitterMs: 20,
  });

describe('rule application killed mid-way', () => {
  for (let round = 1; round <= ROUNDS; round++) {
    it(`round ${round}: killed ${KILLS_PER_ROUND} times at random batches, restarted, each won line is registered once`, async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `bankdemo-books-crash-${round}-`));
      try {
        fs.copyFileSync(path.join(template, DATABASE_FILE), path.join(dataDir, DATABASE_FILE));
        for (let kill = 0; kill < KILLS_PER_ROUND; kill++) {
          // Three kills after 1–5 batches each leave batches for the run that finishes.
          const killAfter = 1 + Math.floor(Math.random() * 5);
          const run = await runApply(dataDir, killAfter);
          expect(run.finished, `killed after ${killAfter} batches, yet it finished`).toBe(false);
        }
        expect((await runApply(dataDir)).finished).toBe(true);

        const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
        try {
          const won = db
            .prepare(
              `SELECT t.item_key AS itemKey, t.transaction_date AS date, t.amount FROM transactions t
                      WHERE t.type = '1' AND t.remarks LIKE 'ｳﾘｱｹﾞ%' ORDER BY t.item_key`,
            )
            .all() as { itemKey: string; date: string; amount: number }[];
          expect(won.length).toBeGreaterThan(50_000);
          const registered = db
            .prepare(
              `SELECT r.item_key AS itemKey, e.entry_date AS date, e.amount FROM line_reviews r
                      JOIN journal_lines e ON e.entry_id = r.entry_id AND e.side = 'debit'
                      WHERE r.status = 'registered' ORDER BY r.item_key`,
            )
            .all();
          expect(registered).toEqual(won);
          const counts = db
            .prepare(
              'SELECT (SELECT count(*) FROM book_entries) AS entries, (SELECT count(*) FROM line_reviews) AS reviews',
            )
            .get();
          expect(counts).toEqual({ entries: won.length, reviews: won.length });
        } finally {
          db.close();
        }
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    }, 180_000);
  }
});
