/**
 * The desktop ledger's schema, one step per release (shared/sqlite-migrations.ts runs them).
 * Amounts are integer yen; dates `YYYY-MM-DD` JST; times ISO 8601 UTC. No token is ever stored
 * here: refresh tokens live in the OS keychain only.
 */
export const LEDGER_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE connections (
    id           TEXT PRIMARY KEY,
    profile_id   TEXT NOT NULL,
    bank_name    TEXT NOT NULL,
    issuer       TEXT NOT NULL,
    channel      TEXT NOT NULL CHECK (channel IN ('personal', 'corporate')),
    scopes       TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('active', 'relink-required', 'disconnected')),
    linked_at    TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    last_sync    TEXT
  );

  CREATE TABLE accounts (
    id                INTEGER PRIMARY KEY,
    connection_id     TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    bank_account_id   TEXT NOT NULL,
    branch_name       TEXT NOT NULL,
    account_type_name TEXT NOT NULL,
    account_number    TEXT NOT NULL,
    account_name      TEXT NOT NULL,
    balance           INTEGER,
    balance_base_date TEXT,
    balance_base_time TEXT,
    -- The sync cursor. A run that stopped mid-way resumes at next_item_key within the same
    -- run_date_from; a finished run leaves synced_through, the day the next run starts a few days
    -- before. Written in the same transaction as each page of rows.
    run_date_from     TEXT,
    next_item_key     TEXT,
    synced_through    TEXT,
    last_synced_at    TEXT,
    last_error        TEXT,
    UNIQUE (connection_id, bank_account_id)
  );

  CREATE TABLE transactions (
    account_id       INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    item_key         TEXT NOT NULL,
    transaction_date TEXT NOT NULL,
    value_date       TEXT NOT NULL,
    type             TEXT NOT NULL CHECK (type IN ('1', '2')),
    amount           INTEGER NOT NULL CHECK (amount >= 0),
    remarks          TEXT NOT NULL,
    balance          INTEGER NOT NULL,
    PRIMARY KEY (account_id, item_key)
  ) WITHOUT ROWID;
  `,

  // 2: the statement view and its search at 100,000 rows. Remarks stay as the bank sent them;
  // beside them their kana-folded form (shared/kana.ts, registered as fold_kana() when the ledger
  // opens), which the search matches. The two indexes hold each order of the view — all accounts,
  // or one — by day and then as the bank ordered the rows (item_key is the bank's zero-padded
  // sequence: its string order is the bank's order), and every filtered column: a page or a count
  // is read from an index alone, and only the 200 rows shown are looked up (statement-query.ts).
  `
  ALTER TABLE transactions ADD COLUMN remarks_folded TEXT NOT NULL DEFAULT '';
  UPDATE transactions SET remarks_folded = fold_kana(remarks);
  CREATE INDEX transactions_by_date
    ON transactions (transaction_date, account_id, item_key, type, amount, remarks_folded);
  CREATE INDEX transactions_by_account_date
    ON transactions (account_id, transaction_date, item_key, type, amount, remarks_folded);
  `,
  // 3: what the user sets on the 設定 screen: one row of settings, and the banks they added (the
  // built-in one is not stored: it comes with the app).
  `
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
  `,
];
