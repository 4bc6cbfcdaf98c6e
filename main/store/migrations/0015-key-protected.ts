/**
 * Step 15: whether a link's tokens are bound to the app's own key (DPoP, RFC 9449), for the links
 * screen's 「鍵で保護」. The key and the refresh token stay in the OS keychain; this is only the
 * mark, set when a bound grant was stored. Every link made before is a bearer link (0).
 */
export const STEP_0015_KEY_PROTECTED = `
  ALTER TABLE connections ADD COLUMN key_protected INTEGER NOT NULL DEFAULT 0;
`;
