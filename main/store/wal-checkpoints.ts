import fs from 'node:fs/promises';
import { SliceSizer, type SliceBudget, nextTurn, traceStep } from '../tasks/slices.ts';
import type { AppDatabase } from './app-database.ts';

/**
 * WAL checkpoints as steps of their own while a long writer runs in slices.
 *
 * SQLite copies the WAL back into the database file in the commit that takes the WAL past
 * `wal_autocheckpoint` pages (1,000), and with `synchronous = NORMAL` that copy syncs the WAL and
 * the file to disk. Deleting a link's million rows writes ~0.6 WAL pages a row (a row's entry in
 * each of the table's four orders, the remarks order scattered), so every third or fourth ~10 ms
 * slice ended in such a checkpoint: 14 ms more at the median, 40–65 ms now and then, the rest of
 * the app waiting (bench:blocking's 107 ms). So while a writer holds these, commits checkpoint
 * nothing; the writer calls `after(items)` between its slices, and once enough is written a
 * PASSIVE checkpoint runs in a turn of its own, its WAL synced beforehand off the main thread
 * (the half of the checkpoint's disk wait that can be; the file's own sync, after the copy, stays
 * in the step). How many WAL pages are written between two checkpoints follows the clock, as
 * slices do, within bounds: a checkpoint over its budget makes the next one come sooner.
 *
 * Nothing here changes what a crash leaves: a checkpoint copies committed pages only, and SQLite
 * recovers one cut short from the WAL; `wal_autocheckpoint` is the connection's, not the file's,
 * so a crash leaves the default for the next start.
 */
export class WalCheckpoints {
  private readonly db: AppDatabase;
  private readonly sizer: SliceSizer;
  private readonly name: string;
  private pending = 0;
  /** Until a checkpoint tells: a page an item. */
  private pagesPerItem = 1;
  private held = false;

  constructor(db: AppDatabase, name: string, budget: SliceBudget = CHECKPOINT_BUDGET) {
    this.db = db;
    this.name = name;
    this.sizer = new SliceSizer(budget);
  }

  /** Commits on this connection checkpoint nothing until `release()` (holds of several writers nest). */
  hold(): void {
    if (this.held || this.db.memory) return;
    this.held = true;
    const state = holdsOf(this.db);
    if (state.holds++ === 0) {
      state.previous = this.db.pragma('wal_autocheckpoint', { simple: true }) as number;
      this.db.pragma('wal_autocheckpoint = 0');
    }
  }

  /** Commits checkpoint as before once the last holder releases. */
  release(): void {
    if (!this.held) return;
    this.held = false;
    const state = holdsOf(this.db);
    if (--state.holds === 0 && this.db.open) this.db.pragma(`wal_autocheckpoint = ${state.previous}`);
  }

  /**
   * `items` were written since the last call: checkpoints, in a step of its own, once they made
   * about as many WAL pages as the clock allows between two checkpoints (the pages an item makes
   * learnt from the checkpoints before). Resolves after the step and a turn of the event loop (what
   * waited runs before the writer's next slice).
   */
  async after(items: number): Promise<void> {
    if (!this.held) return;
    this.pending += items;
    if (this.pending * this.pagesPerItem < this.sizer.size) return;
    await syncWal(this.db.name);
    if (!this.db.open) return;
    const started = performance.now();
    const [result] = this.db.pragma('wal_checkpoint(PASSIVE)') as { checkpointed: number }[];
    const ms = performance.now() - started;
    const pages = result?.checkpointed ?? 0;
    traceStep({ task: this.name, step: 'checkpoint', ms, items: this.pending, pages });
    if (pages > 0) {
      this.pagesPerItem = pages / Math.max(1, this.pending);
      this.sizer.took(pages, ms);
    }
    this.pending = 0;
    await nextTurn();
  }
}

/**
 * WAL pages between two checkpoints, ~10 ms a checkpoint as a slice is. A checkpoint's time is a
 * fixed part (its syncs: 3–4 ms on this 2-core machine, far more when other work fills the disk)
 * and ~0.005 ms a page, so below 500 pages more checkpoints only add syncs; above 2,000 (8 MB) one
 * is over budget on any machine measured. SQLite's own threshold is 1,000.
 */
const CHECKPOINT_BUDGET: SliceBudget = { budgetMs: 10, initial: 1_000, min: 500, max: 2_000 };

/** The connection's holds, shared by every writer on it. */
const holds = new WeakMap<AppDatabase, { holds: number; previous: number }>();
function holdsOf(db: AppDatabase): { holds: number; previous: number } {
  let state = holds.get(db);
  if (!state) holds.set(db, (state = { holds: 0, previous: 1000 }));
  return state;
}

/**
 * Syncs the WAL to disk on libuv's threads: the checkpoint that follows syncs it again before
 * copying, and finds nothing left to write. Only ever an extra sync; a WAL gone (the last
 * connection closed) has nothing to sync.
 */
async function syncWal(databaseFile: string): Promise<void> {
  let file: fs.FileHandle | undefined;
  try {
    file = await fs.open(`${databaseFile}-wal`, 'r+');
    await file.datasync();
  } catch {
    // Not there or not ours to sync: the checkpoint syncs what it copies itself.
  } finally {
    await file?.close();
  }
}
