/**
 * Step 3: What the user sets on the 設定 screen: one row of settings, and the banks they added (the
 * built-in one is not stored: it comes with the app).
 */
export const STEP_0003_SETTINGS = `
  CREATE TABLE settings (
    id                    INTEGER PRIMARY KEY CHECK (id = 1),
    language              TEXT NOT NULL DEFAULT 'ja' CHECK (language IN ('ja', 'en')),
    sync_interval_minutes INTEGER NOT NULL DEFAULT 15 CHECK (sync_interval_minutes >= 0)
  );
  INSERT INTO settings (id) VALUES (1);

  CREATE TABLE bank_profiles (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    issuer     TEXT NOT NULL,
    client_id  TEXT NOT NULL,
    api_base   TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  `;
