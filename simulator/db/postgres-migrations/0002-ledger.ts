/**
 * Step 2 on PostgreSQL: the account-information API's ledger, as SQLite's step 2.
 */
export const PG_STEP_0002_LEDGER = `
  ALTER TABLE accounts ADD COLUMN profile TEXT NOT NULL DEFAULT 'household';

  CREATE TABLE transactions (
    account_id TEXT NOT NULL REFERENCES accounts (id),
    seq INTEGER NOT NULL,
    transaction_date TEXT NOT NULL,
    value_date TEXT NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('1', '2')),
    amount BIGINT NOT NULL CHECK (amount > 0),
    remarks TEXT NOT NULL,
    balance BIGINT NOT NULL,
    posted INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, seq)
  );
  CREATE INDEX transactions_by_date ON transactions (account_id, transaction_date, seq);

  CREATE TABLE ledger_state (
    account_id TEXT PRIMARY KEY REFERENCES accounts (id),
    opening_balance BIGINT NOT NULL,
    generated_through TEXT NOT NULL,
    last_seq INTEGER NOT NULL,
    balance BIGINT NOT NULL
  );
  `;
