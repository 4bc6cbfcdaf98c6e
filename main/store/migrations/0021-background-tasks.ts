/**
 * Step 21: the long operations that run in slices between which the app answers other calls
 * (deleting a link's kept data, applying the 自動登録 rules). A task's row is written before its
 * first slice and removed with its last: one found at start was cut short by a crash and is resumed
 * (main/tasks/). The row goes in the last slice's own transaction, so a task is never seen done
 * before it is; `total` is what the task had to do when it began, for its progress.
 */
export const STEP_0021_BACKGROUND_TASKS = `
  CREATE TABLE background_tasks (
    kind       TEXT NOT NULL CHECK (kind IN ('kept-data-delete', 'rules-apply')),
    subject    TEXT NOT NULL,
    total      INTEGER NOT NULL CHECK (total >= 0),
    started_at TEXT NOT NULL,
    PRIMARY KEY (kind, subject)
  ) WITHOUT ROWID;
`;
