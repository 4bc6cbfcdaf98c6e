import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../main/store/app-database.ts';
import { derivedStructures } from '../support/derived-structures.ts';
import { runKillableChild } from '../support/killable-child.ts';
import { booksLedgers, registeredLines, RULES } from '../support/sliced-books-ledger.ts';

/**
 * 自動登録 in slices killed (SIGKILL) at random points: every line it registered by then is
 * registered exactly as the one-go application registers it, the others are 未処理 with the queue
 * equal to a recomputation, the run's mark is left for the next start — and the next start, resuming
 * from the mark, ends with exactly the one-go application's registrations, line by line.
 */
const KILLS = 3;
const { ledger, closeLedgers } = booksLedgers();

let template: string;
let expected: unknown[];
beforeAll(async () => {
  const { db, books } = ledger(20_000);
  for (const rule of RULES) await books.handlers['books:rules-save'](rule);
  template = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-rules-crash-'));
  await db.backup(path.join(template, DATABASE_FILE));
  books.journal.applyRules();
  expected = registeredLines(db);
  closeLedgers();
}, 120_000);
afterAll(() => {
  if (template) fs.rmSync(template, { recursive: true, force: true });
});

const byKey = (rows: unknown[]) =>
  new Map(
    (rows as { bank_account_id: string; item_key: string }[]).map((r) => [
      `${r.bank_account_id}/${r.item_key}`,
      r,
    ]),
  );

describe('自動登録 in slices killed mid-way', () => {
  it(`killed ${KILLS} times, leaves only right registrations and its mark; the next start finishes it`, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-rules-crash-run-'));
    try {
      fs.copyFileSync(path.join(template, DATABASE_FILE), path.join(dir, DATABASE_FILE));
      const all = byKey(expected);
      expect(all.size).toBeGreaterThan(20_000);
      let before = 0;
      for (let kill = 0; kill < KILLS; kill++) {
        const killAfter = 1 + Math.floor(Math.random() * 3);
        const run = await runKillableChild(['test/support/rules-apply-child.ts', dir], {
          unit: 'slice',
          killAfter,
          jitterMs: 30,
        });
        expect(run.finished, `killed after ${killAfter} progress lines, yet it finished`).toBe(false);
        const db = new Database(path.join(dir, DATABASE_FILE));
        try {
          const now = registeredLines(db) as { bank_account_id: string; item_key: string }[];
          // Each registered line as the one-go application registers it; none twice (one row a line).
          for (const row of now) expect(row).toEqual(all.get(`${row.bank_account_id}/${row.item_key}`));
          expect(now.length).toBeGreaterThanOrEqual(before);
          before = now.length;
          const reviewQueue = derivedStructures(db).reviewQueue!;
          expect(reviewQueue.stored, `the queue after kill ${kill + 1}`).toEqual(reviewQueue.recomputed);
          expect(
            db.prepare("SELECT count(*) FROM background_tasks WHERE kind = 'rules-apply'").pluck().get(),
          ).toBe(1);
        } finally {
          db.close();
        }
      }
      expect(before, 'the kills left lines to register').toBeLessThan(all.size);

      const last = await runKillableChild(['test/support/rules-apply-child.ts', dir], {
        unit: 'slice',
        jitterMs: 0,
      });
      expect(last.finished).toBe(true);
      const db = new Database(path.join(dir, DATABASE_FILE));
      try {
        expect(registeredLines(db)).toEqual(expected);
        expect(db.prepare('SELECT count(*) FROM background_tasks').pluck().get()).toBe(0);
      } finally {
        db.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
