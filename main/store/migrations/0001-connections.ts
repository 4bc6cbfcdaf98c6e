/**
 * Step 1: the linked banks (connections; no token: refresh tokens live in the OS keychain only),
 * their accounts with the sync cursor, and the statement rows as the bank sent them.
 */
export const STEP_0001_CONNECTIONS = `
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
  `;
