import type { AppErrorInfo } from '../../shared/app-errors.ts';
import type { AppDatabase } from './app-database.ts';

/** Where an account's sync stands. */
export interface SyncCursor {
  runDateFrom: string | null;
  nextItemKey: string | null;
  syncedThrough: string | null;
}

/**
 * The sync cursor of each account (columns of `accounts`): where a run resumes, where the last one
 * ended, and how it ended. The cursor of a page in progress is written with the page's rows by the
 * statement writer, in one transaction.
 */
export class SyncStateStore {
  private readonly db: AppDatabase;

  constructor(db: AppDatabase) {
    this.db = db;
  }

  cursor(accountId: number): SyncCursor {
    return this.db
      .prepare(
        'SELECT run_date_from AS runDateFrom, next_item_key AS nextItemKey, synced_through AS syncedThrough FROM accounts WHERE id = ?',
      )
      .get(accountId) as SyncCursor;
  }

  /** The run reached the bank's last page: the next one starts from `syncedThrough`. */
  finishRun(accountId: number, syncedThrough: string, at: string): void {
    this.db
      .prepare(
        `UPDATE accounts SET run_date_from = NULL, next_item_key = NULL, synced_through = ?,
           last_synced_at = ?, last_error = NULL WHERE id = ?`,
      )
      .run(syncedThrough, at, accountId);
  }

  /** Forgets a run's position (the bank refused its page key): the next run starts over. */
  abandonRun(accountId: number): void {
    this.db
      .prepare('UPDATE accounts SET run_date_from = NULL, next_item_key = NULL WHERE id = ?')
      .run(accountId);
  }

  setError(accountId: number, error: AppErrorInfo | null): void {
    this.db
      .prepare('UPDATE accounts SET last_error = ? WHERE id = ?')
      .run(error ? JSON.stringify(error) : null, accountId);
  }
}
