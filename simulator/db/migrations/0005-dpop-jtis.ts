/**
 * Step 5: DPoP proofs used at the API, kept across restarts until their iat leaves the window
 */
export const STEP_0005_DPOP_JTIS = `
  CREATE TABLE dpop_jtis (id TEXT PRIMARY KEY, expires_at INTEGER NOT NULL) WITHOUT ROWID;
  CREATE INDEX dpop_jtis_expiry ON dpop_jtis (expires_at);
  `;
