/**
 * Step 4: One link per consent screen, however often 許可 is posted
 */
export const STEP_0004_CONSENT_GRANT = `
  ALTER TABLE interaction_state ADD COLUMN consent_grant_id TEXT;
  `;
