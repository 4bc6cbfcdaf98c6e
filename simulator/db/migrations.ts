/**
 * The bank's schema, one numbered step each. A step is never edited once released: add a new one.
 * Times are epoch seconds (UTC); dates shown to people are derived in JST where they are rendered.
 */
export const MIGRATIONS: readonly string[] = [
  /* 1 */ `
  CREATE TABLE oidc_models (
    model TEXT NOT NULL,
    id TEXT NOT NULL,
    payload TEXT NOT NULL,
    grant_id TEXT,
    uid TEXT,
    user_code TEXT,
    expires_at INTEGER,
    consumed_at INTEGER,
    PRIMARY KEY (model, id)
  );
  CREATE INDEX oidc_models_grant ON oidc_models (grant_id);
  CREATE INDEX oidc_models_uid ON oidc_models (model, uid);
  CREATE INDEX oidc_models_expiry ON oidc_models (expires_at);

  CREATE TABLE bank_secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL);

  CREATE TABLE customers (
    id TEXT PRIMARY KEY,
    login_id TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('personal', 'corporate')),
    name TEXT NOT NULL,
    name_kana TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    password_login INTEGER NOT NULL DEFAULT 1,
    certificate_login INTEGER NOT NULL DEFAULT 0,
    totp_secret TEXT,
    last_totp_counter INTEGER,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_at INTEGER,
    UNIQUE (channel, login_id)
  );

  CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    branch_code TEXT NOT NULL,
    branch_name TEXT NOT NULL,
    account_type_code TEXT NOT NULL CHECK (account_type_code IN ('01', '02')),
    account_number TEXT NOT NULL,
    account_name TEXT NOT NULL,
    account_name_kana TEXT NOT NULL,
    position INTEGER NOT NULL
  );
  CREATE INDEX accounts_customer ON accounts (customer_id, position);

  CREATE TABLE links (
    grant_id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    client_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    scopes TEXT NOT NULL,
    account_ids TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER,
    revoked_by TEXT
  );
  CREATE INDEX links_created ON links (created_at);

  CREATE TABLE interaction_state (
    uid TEXT PRIMARY KEY,
    csrf_token TEXT NOT NULL,
    pending_customer_id TEXT,
    created_at INTEGER NOT NULL
  );

  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    event TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('success', 'failure', 'info')),
    customer_id TEXT,
    client_id TEXT,
    detail TEXT
  );
  `,
  /* 2: the account-information API's ledger */ `
  ALTER TABLE accounts ADD COLUMN profile TEXT NOT NULL DEFAULT 'household';

  CREATE TABLE transactions (
    account_id TEXT NOT NULL REFERENCES accounts (id),
    seq INTEGER NOT NULL,
    transaction_date TEXT NOT NULL,
    value_date TEXT NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('1', '2')),
    amount INTEGER NOT NULL CHECK (amount > 0),
    remarks TEXT NOT NULL,
    balance INTEGER NOT NULL,
    posted INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, seq)
  ) WITHOUT ROWID;
  CREATE INDEX transactions_by_date ON transactions (account_id, transaction_date, seq);

  CREATE TABLE ledger_state (
    account_id TEXT PRIMARY KEY REFERENCES accounts (id),
    opening_balance INTEGER NOT NULL,
    generated_through TEXT NOT NULL,
    last_seq INTEGER NOT NULL,
    balance INTEGER NOT NULL
  );
  `,
  /* 3: holdings — 円定期預金 and 外貨普通預金, which have a balance but no statement */ `
  CREATE TABLE holdings (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    branch_code TEXT NOT NULL,
    branch_name TEXT NOT NULL,
    account_type_code TEXT NOT NULL CHECK (account_type_code IN ('11', '51')),
    account_number TEXT NOT NULL,
    currency_code TEXT NOT NULL,
    balance_minor INTEGER NOT NULL,
    position INTEGER NOT NULL
  );
  CREATE INDEX holdings_customer ON holdings (customer_id, position);
  `,
  /* 4: one link per consent screen, however often 許可 is posted */ `
  ALTER TABLE interaction_state ADD COLUMN consent_grant_id TEXT;
  `,
  /* 5: DPoP proofs used at the API, kept across restarts until their iat leaves the window */ `
  CREATE TABLE dpop_jtis (id TEXT PRIMARY KEY, expires_at INTEGER NOT NULL) WITHOUT ROWID;
  CREATE INDEX dpop_jtis_expiry ON dpop_jtis (expires_at);
  `,
];
