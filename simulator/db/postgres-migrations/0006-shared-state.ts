/**
 * Step 6 on PostgreSQL: faults and maintenance shared by every bank process, as SQLite's step 6.
 */
export const PG_STEP_0006_SHARED_STATE = `
  CREATE TABLE fault_queue (
    id BIGSERIAL PRIMARY KEY,
    spec TEXT NOT NULL,
    remaining INTEGER NOT NULL
  );

  CREATE TABLE bank_flags (name TEXT PRIMARY KEY, value TEXT NOT NULL);
  `;
