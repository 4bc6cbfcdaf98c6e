/**
 * Step 5 on PostgreSQL: DPoP proofs used at the API, as SQLite's step 5.
 */
export const PG_STEP_0005_DPOP_JTIS = `
  CREATE TABLE dpop_jtis (id TEXT PRIMARY KEY, expires_at BIGINT NOT NULL);
  CREATE INDEX dpop_jtis_expiry ON dpop_jtis (expires_at);
  `;
