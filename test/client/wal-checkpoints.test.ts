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

  it('checkpoints in steps of their own once enough pages are written, the WAL bounded', async () => {
    const checkpoints = new WalCheckpoints(db, 'test', { budgetMs: 1_000, initial: 200, min: 200, max: 200 });
    checkpoints.hold();
    const { steps } = await traced(async () => {
      for (let i = 0; i < 120; i++) {
        writeSlice(10);
        await checkpoints.after(10);
      }
    });
    checkpoints.release();
    expect(steps.length).toBeGreaterThan(5);
    expect(steps.every((s) => s.step === 'checkpoint')).toBe(true);
    // The first after 200 rows (a page a row until one is measured); then after about 200 pages
    // each, as many rows as the checkpoint before made that many.
    expect(steps[0]!.items).toBe(200);
    for (const step of steps.slice(1)) {
      expect(step.pages).toBeGreaterThanOrEqual(100);
      expect(step.pages).toBeLessThanOrEqual(300);
    }
    // The WAL restarts after each: it never held much more than a checkpoint's worth.
    expect(walBytes()).toBeLessThan(2 * steps[0]!.pages! * 4_200);
    expect(db.prepare('SELECT count(*) FROM scratch').pluck().get()).toBe(1_200);
  });

  it('comes sooner after a checkpoint that ran over its budget', async () => {
    const checkpoints = new WalCheckpoints(db, 'test', { budgetMs: 0.001, initial: 400, min: 20, max: 400 });
    checkpoints.hold();
    const { steps } = await traced(async () => {
      for (let i = 0; i < 60; i++) {
        writeSlice(10);
        await checkpoints.after(10);
      }
    });
    checkpoints.release();
    // None took a microsecond: after the first (400 rows), every one at the fewest pages, 20.
    expect(steps[0]!.items).toBe(400);
    expect(steps.length).toBeGreaterThan(10);
    for (const step of steps.slice(1)) expect(step.items).toBeLessThanOrEqual(20);
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
