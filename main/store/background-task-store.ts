import type { AppDatabase } from './app-database.ts';

export type BackgroundTaskKind = 'kept-data-delete' | 'rules-apply';

export interface BackgroundTaskRecord {
  kind: BackgroundTaskKind;
  /** The connection a deletion empties; '' for the rules' application. */
  subject: string;
  /** What the task had to do when it began (rows, lines), for its progress. */
  total: number;
  startedAt: string;
}

/**
 * The `background_tasks` table: the marks of long operations running in slices (main/tasks/). A mark
 * is written before the first slice and removed inside the last one's transaction; a mark found at
 * start is a task a crash cut short, resumed from what its slices left.
 */
export class BackgroundTaskStore {
  private readonly db: AppDatabase;

  constructor(db: AppDatabase) {
    this.db = db;
  }

  /** Marks a task begun; a mark already there (a task resumed) keeps its first total and time. */
  begin(kind: BackgroundTaskKind, subject: string, total: number, startedAt: string): BackgroundTaskRecord {
    this.db
      .prepare(
        `INSERT INTO background_tasks (kind, subject, total, started_at) VALUES (?, ?, ?, ?)
         ON CONFLICT DO NOTHING`,
      )
      .run(kind, subject, total, startedAt);
    return this.get(kind, subject)!;
  }

  get(kind: BackgroundTaskKind, subject: string): BackgroundTaskRecord | undefined {
    return this.db
      .prepare(
        `SELECT kind, subject, total, started_at AS startedAt FROM background_tasks
         WHERE kind = ? AND subject = ?`,
      )
      .get(kind, subject) as BackgroundTaskRecord | undefined;
  }

  list(kind: BackgroundTaskKind): BackgroundTaskRecord[] {
    return this.db
      .prepare(
        `SELECT kind, subject, total, started_at AS startedAt FROM background_tasks
         WHERE kind = ? ORDER BY started_at`,
      )
      .all(kind) as BackgroundTaskRecord[];
  }

  /** Removes the mark; called inside the transaction of the task's last slice. */
  end(kind: BackgroundTaskKind, subject: string): void {
    this.db.prepare('DELETE FROM background_tasks WHERE kind = ? AND subject = ?').run(kind, subject);
  }
}
