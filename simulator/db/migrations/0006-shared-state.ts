/**
 * Step 6: Faults and maintenance move from process memory into the database, so every bank
 * process on one database (and a restarted one) sees the same: a queue of scheduled faults and
 * the bank's switches (maintenance).
 */
export const STEP_0006_SHARED_STATE = `
  CREATE TABLE fault_queue (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    spec TEXT NOT NULL,
    remaining INTEGER NOT NULL
  );

  CREATE TABLE bank_flags (name TEXT PRIMARY KEY, value TEXT NOT NULL);
  `;
