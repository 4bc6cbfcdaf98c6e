import diagnostics from 'node:diagnostics_channel';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AppDatabase, DATABASE_FILE, openAppDatabase } from '../../main/store/app-database.ts';
import { WalCheckpoints } from '../../main/store/wal-checkpoints.ts';
import { SLICE_TRACE, type SliceTrace } from '../../main/tasks/slices.ts';

/**
 * A long writer's WAL checkpoints as steps of their own: while it holds them, no commit copies the
 * WAL back (that copy, with its syncs, was the longest wait behind a deletion's slices); between its
 * slices, a checkpoint runs once enough is written, so the WAL stays bounded; and the connection's
 * own checkpoints come back when the last writer lets go.
 */
let dir: string;
let db: AppDatabase;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-wal-checkpoints-'));
  db = openAppDatabase(dir);
  db.exec('CREATE TABLE scratch (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A transaction of `rows` rows of 4 KB: a page or two of WAL each. */
const writeSlice = (rows: number) =>
  db.transaction(() => {
    const insert = db.prepare('INSERT INTO scratch (body) VALUES (?)');
    for (let i = 0; i < rows; i++) insert.run(Buffer.alloc(4096, i));
  })();
const walBytes = () => fs.statSync(path.join(dir, `${DATABASE_FILE}-wal`)).size;
const autocheckpoint = () => db.pragma('wal_autocheckpoint', { simple: true });

function traced<T>(run: () => Promise<T>): Promise<{ value: T; steps: SliceTrace[] }> {
  const steps: SliceTrace[] = [];
  const heard = (trace: unknown) => steps.push(trace as SliceTrace);
  diagnostics.subscribe(SLICE_TRACE, heard);
  return run()
    .then((value) => ({ value, steps }))
    .finally(() => diagnostics.unsubscribe(SLICE_TRACE, heard));
}

describe('WAL checkpoints between slices', () => {
  it('held, no commit checkpoints: the WAL grows past SQLite’s own threshold of 1,000 pages', () => {
    const checkpoints = new WalCheckpoints(db, 'test');
    checkpoints.hold();
    expect(autocheckpoint()).toBe(0);
    for (let i = 0; i < 120; i++) writeSlice(10);
    expect(walBytes()).toBeGreaterThan(1_100 * 4096);
    checkpoints.release();
    expect(autocheckpoint()).toBe(1000);
  });

  it('checkpoints in steps of their own once enough is written, the WAL bounded', async () => {
    const checkpoints = new WalCheckpoints(db, 'test', { budgetMs: 1_000, initial: 100, min: 1, max: 100 });
    checkpoints.hold();
    const { steps } = await traced(async () => {
      for (let i = 0; i < 120; i++) {
        writeSlice(10);
        await checkpoints.after(10);
      }
    });
    checkpoints.release();
    // 1,200 rows, a checkpoint every 100: twelve, each copying what its ten slices wrote.
    expect(steps.map((s) => s.step)).toEqual(Array(12).fill('checkpoint'));
    for (const step of steps) {
      expect(step.items).toBe(100);
      expect(step.pages).toBeGreaterThanOrEqual(100);
    }
    // The WAL restarts after each: it never held more than ~two checkpoints' worth.
    expect(walBytes()).toBeLessThan(2 * 250 * 4_200);
    const rows = db.prepare('SELECT count(*) FROM scratch').pluck().get();
    expect(rows).toBe(1_200);
  });

  it('comes sooner after a checkpoint that ran over its budget', async () => {
    const checkpoints = new WalCheckpoints(db, 'test', { budgetMs: 0.001, initial: 50, min: 10, max: 50 });
    checkpoints.hold();
    const { steps } = await traced(async () => {
      for (let i = 0; i < 30; i++) {
        writeSlice(10);
        await checkpoints.after(10);
      }
    });
    checkpoints.release();
    // The first after 50 rows; then none took a microsecond: every slice's 10 rows (the least).
    expect(steps.map((s) => s.items)).toEqual([50, ...Array(25).fill(10)]);
  });

  it('gives the connection its checkpoints back when the last of two writers lets go', () => {
    db.pragma('wal_autocheckpoint = 500');
    const first = new WalCheckpoints(db, 'first');
    const second = new WalCheckpoints(db, 'second');
    first.hold();
    second.hold();
    first.release();
    expect(autocheckpoint()).toBe(0);
    first.release();
    expect(autocheckpoint(), 'a second release of one writer releases nothing').toBe(0);
    second.release();
    expect(autocheckpoint()).toBe(500);
  });
});
