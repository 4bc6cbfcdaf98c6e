/**
 * Step 4 on PostgreSQL: one link per consent screen, as SQLite's step 4.
 */
export const PG_STEP_0004_CONSENT_GRANT = `
  ALTER TABLE interaction_state ADD COLUMN consent_grant_id TEXT;
  `;
