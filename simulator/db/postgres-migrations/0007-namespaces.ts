/**
 * Step 7 on PostgreSQL: the scenario users' marks and the namespaces the root bank serves, as
 * SQLite's step 7.
 */
export const PG_STEP_0007_NAMESPACES = `
  CREATE TABLE bank_namespaces (
    name TEXT PRIMARY KEY,
    qa_token_sha256 TEXT NOT NULL,
    created_at BIGINT NOT NULL
  );

  CREATE TABLE scenario_marks (key TEXT PRIMARY KEY, at BIGINT NOT NULL);
  `;
