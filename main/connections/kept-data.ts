import { AppError } from '../../shared/app-errors.ts';
import type { AppEvent } from '../../shared/ipc/contract.ts';
import { log } from '../log/logger.ts';
import type { AppDatabase } from '../store/app-database.ts';
import type { BackgroundTaskStore } from '../store/background-task-store.ts';
import type { ConnectionStore } from '../store/connection-store.ts';
import { WalCheckpoints } from '../store/wal-checkpoints.ts';
import { everyMs, runSlices, type SliceBudget } from '../tasks/slices.ts';

export interface KeptDataDeletionDeps {
  db: AppDatabase;
  connections: ConnectionStore;
  tasks: BackgroundTaskStore;
  emit(event: AppEvent): void;
  budget?: SliceBudget;
  now?: () => Date;
}

/**
 * Deletes what a link disconnected with its data kept left behind: the connection, its accounts and
 * their statements. Only a disconnected link's data: an active or 要再連携 one goes through
 * 連携解除, which withdraws the consent at the bank first.
 *
 * A link of 200,000 rows took 2.6 s in one transaction, every IPC call waiting; so the link is first
 * marked 削除中 (background_tasks, its own transaction), then its rows go a slice at a time, the app
 * answering other calls between slices, and the last slice deletes the connection, its accounts and
 * the mark together. A crash between slices leaves a link marked 削除中 with fewer rows — never one
 * that looks whole — and the next start finishes it (resume). Each slice is one transaction whose
 * row triggers keep every derived structure equal to the rows that are left. The WAL those slices
 * write is copied back into the file by checkpoints of their own between slices, never inside a
 * slice's commit (store/wal-checkpoints.ts: that was the deletion's longest wait, 40–107 ms).
 */
export class KeptDataDeletion {
  private readonly deps: KeptDataDeletionDeps;
  private readonly running = new Map<string, Promise<void>>();
  private stopped = false;

  constructor(deps: KeptDataDeletionDeps) {
    this.deps = deps;
  }

  /** Marks the link 削除中 and deletes its data in slices; resolves once it is gone. */
  delete(connectionId: string): Promise<void> {
    const joined = this.running.get(connectionId);
    if (joined) return joined;
    const record = this.deps.connections.get(connectionId);
    if (!record) throw new AppError('NOT_FOUND', `no connection ${connectionId}`);
    if (record.status !== 'disconnected')
      throw new AppError(
        'INVALID_ARGUMENT',
        'only a disconnected link’s kept data can be deleted; disconnect it first',
      );
    const total = this.deps.connections.rowCount(connectionId);
    const at = (this.deps.now?.() ?? new Date()).toISOString();
    this.deps.tasks.begin('kept-data-delete', connectionId, total, at);
    this.deps.emit({ type: 'connections:changed' });
    return this.run(connectionId);
  }

  /**
   * The deletions a crash cut short (marked, not finished), taken up again at the core's start;
   * resolves when they are done (a failure is logged: the mark stays for the next start).
   */
  async resume(): Promise<void> {
    await Promise.all(
      this.deps.tasks.list('kept-data-delete').map((task) => {
        log.info('connections.kept-data-resumed', { connectionId: task.subject });
        return this.run(task.subject).catch((error: unknown) =>
          log.error('connections.kept-data-failed', { connectionId: task.subject, cause: error }),
        );
      }),
    );
  }

  /** Deletes no more after the slice being written (the app closing); the rest resumes at next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled(this.running.values());
  }

  private run(connectionId: string): Promise<void> {
    const run = this.slices(connectionId).finally(() => this.running.delete(connectionId));
    this.running.set(connectionId, run);
    return run;
  }

  private async slices(connectionId: string): Promise<void> {
    const { db, connections, tasks, emit } = this.deps;
    const task = tasks.get('kept-data-delete', connectionId);
    if (!task) return;
    // Resumed: what earlier slices deleted counts as done.
    let done = Math.max(0, task.total - connections.rowCount(connectionId));
    const progress = everyMs(PROGRESS_MS, () =>
      emit({
        type: 'task:progress',
        task: { kind: 'kept-data-delete', subject: connectionId, done, total: task.total },
      }),
    );
    progress(true);
    const checkpoints = new WalCheckpoints(db, 'kept-data-delete');
    checkpoints.hold();
    const finished = await runSlices(
      (size) =>
        db.transaction(() => {
          const deleted = connections.deleteRows(connectionId, size);
          if (deleted < size) {
            // The last slice: the emptied accounts and the connection go with the mark.
            connections.delete(connectionId);
            tasks.end('kept-data-delete', connectionId);
            return { items: deleted, finished: true };
          }
          return { items: deleted, finished: false };
        })(),
      {
        name: 'kept-data-delete',
        stopped: () => this.stopped,
        ...(this.deps.budget ? { budget: this.deps.budget } : {}),
        afterSlice: (items) => {
          done += items;
          progress();
        },
        between: (items) => checkpoints.after(items),
      },
    ).finally(() => checkpoints.release());
    if (!finished) return;
    emit({
      type: 'task:progress',
      task: { kind: 'kept-data-delete', subject: connectionId, done, total: task.total, finished: true },
    });
    emit({ type: 'connections:changed' });
  }
}

/** How often the progress is told to the renderer. */
const PROGRESS_MS = 100;
