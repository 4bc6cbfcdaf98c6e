import type { AppErrorInfo } from '../../shared/app-errors.ts';
import { jstDate } from '../../shared/dates.ts';
import { askedWholeOverlap, type SyncCursor } from '../sync/sync-window.ts';
import { preparedOnce, type AppDatabase } from './app-database.ts';

/**
 * The sync cursor of each account (columns of `accounts`): where a run resumes, where the last one
 * ended, and how it ended. The cursor of a page in progress is written with the page's rows by the
 * statement writer, in one transaction. When this app last asked an account's whole overlap is
 * kept in memory only: an app that starts asks it again at its first sync (sync-window.ts).
 */
export class SyncStateStore {
  private readonly db: AppDatabase;
  /** Account id → when a run over its whole overlap last finished (epoch ms), since the app started. */
  private readonly overlapCheckedAt = new Map<number, number>();

  constructor(db: AppDatabase) {
    this.db = db;
  }

  cursor(accountId: number): SyncCursor {
    const row = preparedOnce(
      this.db,
      `SELECT run_date_from AS runDateFrom, next_item_key AS nextItemKey, synced_through AS syncedThrough,
         (SELECT transaction_date FROM transactions WHERE account_id = a.id
          ORDER BY transaction_date DESC LIMIT 1) AS latestRowDate
       FROM accounts a WHERE id = ?`,
    ).get(accountId) as Omit<SyncCursor, 'overlapCheckedAt'>;
    return { ...row, overlapCheckedAt: this.overlapCheckedAt.get(accountId) ?? null };
  }

  /**
   * The run reached the bank's last page on `through`. A run that asked the whole overlap (it began
   * where the overlap does, or earlier: the run's start is still in run_date_from, written with its
   * last page) moves syncedThrough there, from where the next whole check goes back; a run from the
   * last day only leaves it.
   */
  finishRun(accountId: number, through: string, at: string): void {
    const run = preparedOnce(
      this.db,
      'SELECT run_date_from AS runDateFrom, synced_through AS syncedThrough FROM accounts WHERE id = ?',
    ).get(accountId) as { runDateFrom: string | null; syncedThrough: string | null };
    const whole = askedWholeOverlap(run, run.runDateFrom, jstDate(Date.parse(at)));
    preparedOnce(
      this.db,
      `UPDATE accounts SET run_date_from = NULL, next_item_key = NULL,
         synced_through = CASE WHEN @whole THEN @through ELSE synced_through END,
         last_synced_at = @at, last_error = NULL WHERE id = @accountId`,
    ).run({ whole: whole ? 1 : 0, through, at, accountId });
    if (whole) this.overlapCheckedAt.set(accountId, Date.now());
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
