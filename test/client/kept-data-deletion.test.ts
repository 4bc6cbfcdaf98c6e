import diagnostics from 'node:diagnostics_channel';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeGeneratedLedger } from '../../bench/generated-ledger.ts';
import { KeptDataDeletion } from '../../main/connections/kept-data.ts';
import { DATABASE_FILE, openAppDatabase } from '../../main/store/app-database.ts';
import { BackgroundTaskStore } from '../../main/store/background-task-store.ts';
import { ConnectionStore } from '../../main/store/connection-store.ts';
import { DayColumnsPreparer } from '../../main/store/statement-columns.ts';
import { ViewQueries } from '../../main/store/view-queries.ts';
import { SLICE_TRACE, type SliceTrace } from '../../main/tasks/slices.ts';
import type { AppEvent, TaskProgress } from '../../shared/ipc/contract.ts';
import { derivedStructures } from '../support/derived-structures.ts';
import { runKillableChild } from '../support/killable-child.ts';
import { linkAccounts, writeRows } from '../support/statement-ledger.ts';

/**
 * 保存データを削除 of a large link, in slices: the kept data of a disconnected link of 60,000 rows
 * (generated, three accounts) goes a slice at a time while another link of the same ledger stays
 * as it was. A crash between or inside slices (SIGKILL) leaves the link marked 削除中, never whole,
 * and every derived structure equal to a recomputation from the rows left; the next run finishes it.
 * The WAL the slices write goes back into the file by checkpoints of their own between slices, never
 * in a slice's commit.
 */
const ROWS = 60_000;
const KILLS = 3;

let template: string;
let otherRows: unknown[];
beforeAll(() => {
  template = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-kept-delete-'));
  writeGeneratedLedger(template, ROWS);
  const db = openAppDatabase(template);
  // Another link whose remarks partly repeat the deleted one's: its search terms must stay.
  const [other] = linkAccounts(db, 'other', 1) as [number];
  writeRows(db, other, { from: '2026-01-05', days: 200, seed: 7, firstKey: 1 });
  new ConnectionStore(db).setStatus('generated', 'disconnected');
  // The days' columns built, so that their upkeep by the deletion is checked too.
  const columns = new DayColumnsPreparer(db);
  while (columns.buildSlice());
  db.close();
  otherRows = rowsOf(template, 'other');
}, 120_000);
afterAll(() => {
  if (template) fs.rmSync(template, { recursive: true, force: true });
});

function copyLedger(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-kept-delete-run-'));
  fs.copyFileSync(path.join(template, DATABASE_FILE), path.join(dir, DATABASE_FILE));
  return dir;
}

function rowsOf(dataDir: string, connectionId: string): unknown[] {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db
      .prepare(
        `SELECT t.* FROM transactions t JOIN accounts a ON a.id = t.account_id
         WHERE a.connection_id = ? ORDER BY t.account_id, t.item_key`,
      )
      .all(connectionId);
  } finally {
    db.close();
  }
}

function expectRecomputable(db: Database.Database, when: string): void {
  for (const [name, { stored, recomputed }] of Object.entries(derivedStructures(db)))
    expect(stored, `${name} ${when}`).toEqual(recomputed);
}

describe('deleting a link’s kept data in slices', () => {
  it('deletes the link a slice at a time, answering other calls between slices, with its progress told', async () => {
    const dir = copyLedger();
    const db = openAppDatabase(dir);
    try {
      const views = new ViewQueries(db);
      const progress: TaskProgress[] = [];
      const deletion = new KeptDataDeletion({
        db,
        connections: new ConnectionStore(db),
        tasks: new BackgroundTaskStore(db),
        emit: (event: AppEvent) => {
          if (event.type === 'task:progress') progress.push(event.task);
        },
      });
      const steps: SliceTrace[] = [];
      const heard = (trace: unknown) => steps.push(trace as SliceTrace);
      diagnostics.subscribe(SLICE_TRACE, heard);
      const deleted = deletion.delete('generated');
      // Marked before the first slice: the 連携 screen shows it 削除中, not whole.
      expect(views.connections().find((c) => c.id === 'generated')?.deleting).toBe(true);

      // Other calls meanwhile: each answers before the deletion ends, on a ledger part deleted.
      let ended = false;
      void deleted.then(() => (ended = true));
      const seenDuring: number[] = [];
      for (let i = 0; i < 5; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        if (ended) break;
        const page = views.transactions({ offset: 0, limit: 50, order: 'desc' });
        seenDuring.push(page.total);
        expect(views.connections().find((c) => c.id === 'generated')?.deleting).toBe(true);
        expect(db.pragma('wal_autocheckpoint', { simple: true }), 'no commit checkpoints meanwhile').toBe(0);
      }
      await deleted;
      diagnostics.unsubscribe(SLICE_TRACE, heard);
      const walHigh = fs.statSync(path.join(dir, `${DATABASE_FILE}-wal`)).size;
      expect(seenDuring.length, 'calls answered while the deletion ran').toBeGreaterThan(0);
      expect(seenDuring[0]).toBeLessThan(ROWS + otherRows.length);

      expect(views.connections().map((c) => c.id)).toEqual(['other']);
      expect(
        db.prepare("SELECT count(*) FROM accounts WHERE connection_id = 'generated'").pluck().get(),
      ).toBe(0);
      expect(db.prepare('SELECT count(*) FROM background_tasks').pluck().get()).toBe(0);
      expectRecomputable(db, 'once deleted');

      expect(progress.length).toBeGreaterThan(2);
      expect(progress.every((p) => p.kind === 'kept-data-delete' && p.total === ROWS)).toBe(true);
      expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
      expect(progress.at(-1)).toMatchObject({ done: ROWS, finished: true });

      // The WAL went back into the file in steps of its own: 60,000 rows make ~36,000 WAL pages
      // (~150 MB), of which the WAL never held more than a few checkpoints' worth.
      const checkpoints = steps.filter((s) => s.task === 'kept-data-delete' && s.step === 'checkpoint');
      expect(checkpoints.length).toBeGreaterThan(3);
      expect(checkpoints.every((c) => (c.pages ?? 0) > 0)).toBe(true);
      expect(walHigh).toBeLessThan(24 * 1024 * 1024);
      expect(steps.filter((s) => s.step === 'slice').reduce((n, s) => n + s.items, 0)).toBe(ROWS);
      expect(db.pragma('wal_autocheckpoint', { simple: true }), 'given back once deleted').toBe(1000);
    } finally {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(otherRows.length).toBeGreaterThan(500);
  }, 60_000);

  it('stopped mid-way (the app closing), it gives the connection its own checkpoints back', async () => {
    const dir = copyLedger();
    const db = openAppDatabase(dir);
    try {
      const tasks = new BackgroundTaskStore(db);
      const deletion = new KeptDataDeletion({
        db,
        connections: new ConnectionStore(db),
        tasks,
        emit: () => {},
      });
      const deleted = deletion.delete('generated');
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      await deletion.stop();
      await deleted;
      expect(tasks.get('kept-data-delete', 'generated'), 'left to resume at the next start').toBeDefined();
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    } finally {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an active link’s data (連携解除 withdraws the consent first)', () => {
    const dir = copyLedger();
    const db = openAppDatabase(dir);
    try {
      const deletion = new KeptDataDeletion({
        db,
        connections: new ConnectionStore(db),
        tasks: new BackgroundTaskStore(db),
        emit: () => {},
      });
      expect(() => deletion.delete('other')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
      expect(() => deletion.delete('nothing')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
      expect(db.prepare('SELECT count(*) FROM background_tasks').pluck().get()).toBe(0);
    } finally {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it(`killed ${KILLS} times mid-way, the link stays 削除中 with its structures right, and the next start finishes it`, async () => {
    const dir = copyLedger();
    try {
      let left = ROWS;
      for (let kill = 0; kill < KILLS; kill++) {
        const killAfter = 1 + Math.floor(Math.random() * 3);
        const run = await runKillableChild(['test/support/kept-data-delete-child.ts', dir, 'generated'], {
          unit: 'slice',
          killAfter,
          jitterMs: 30,
        });
        expect(run.finished, `killed after ${killAfter} progress lines, yet it finished`).toBe(false);
        const db = new Database(path.join(dir, DATABASE_FILE));
        try {
          const view = new ViewQueries(db).connections().find((c) => c.id === 'generated');
          expect(view?.deleting, 'the link is shown 削除中 after the kill').toBe(true);
          expectRecomputable(db, `after kill ${kill + 1}`);
        } finally {
          db.close();
        }
        const now = rowsOf(dir, 'generated').length;
        expect(now).toBeLessThanOrEqual(left);
        left = now;
        expect(rowsOf(dir, 'other')).toEqual(otherRows);
      }
      expect(left, 'the kills left rows to delete').toBeGreaterThan(0);

      const last = await runKillableChild(['test/support/kept-data-delete-child.ts', dir, 'generated'], {
        unit: 'slice',
        jitterMs: 0,
      });
      expect(last.finished).toBe(true);
      const db = new Database(path.join(dir, DATABASE_FILE));
      try {
        expect(new ViewQueries(db).connections().map((c) => c.id)).toEqual(['other']);
        expect(db.prepare('SELECT count(*) FROM background_tasks').pluck().get()).toBe(0);
        expect(
          db.prepare("SELECT count(*) FROM accounts WHERE connection_id = 'generated'").pluck().get(),
        ).toBe(0);
        expectRecomputable(db, 'once finished');
      } finally {
        db.close();
      }
      expect(rowsOf(dir, 'other')).toEqual(otherRows);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
