/**
 * Step 1 on PostgreSQL: the bank itself, as SQLite's step 1 (the provider's models and secrets,
 * customers and accounts, links, login interactions, the audit log). Epoch seconds are BIGINT;
 * `links.seq` gives links the creation order SQLite's rowid gives them.
 */
export const PG_STEP_0001_BANK = `
  CREATE TABLE oidc_models (
    model TEXT NOT NULL,
    id TEXT NOT NULL,
    payload TEXT NOT NULL,
    grant_id TEXT,
    uid TEXT,
    user_code TEXT,
    expires_at BIGINT,
    consumed_at BIGINT,
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
    last_totp_counter BIGINT,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_at BIGINT,
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
    seq BIGSERIAL NOT NULL,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    client_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    scopes TEXT NOT NULL,
    account_ids TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT,
    revoked_by TEXT
  );
  CREATE INDEX links_created ON links (created_at);

  CREATE TABLE interaction_state (
    uid TEXT PRIMARY KEY,
    csrf_token TEXT NOT NULL,
    pending_customer_id TEXT,
    created_at BIGINT NOT NULL
  );

  CREATE TABLE audit_log (
    id BIGSERIAL PRIMARY KEY,
    at BIGINT NOT NULL,
    event TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('success', 'failure', 'info')),
    customer_id TEXT,
    client_id TEXT,
    detail TEXT
  );
  `;
