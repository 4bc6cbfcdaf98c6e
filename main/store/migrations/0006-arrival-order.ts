/**
 * Step 6: The statement's order within a day is the order the rows arrived in (seq, given by the
 * statement writer from accounts.next_seq), not the bank's itemKey — GMO's is a timestamp, the
 * simulator's a zero-padded number, another bank's anything. Rows stored before are numbered in
 * their old order. Amounts may be negative where a dialect allows it (GMO: "マイナス含む"), so the
 * table is rebuilt without step 1's CHECK (amount >= 0); nothing refers to its rows. The indexes
 * of step 2 now hold seq where they held item_key (the key is in every index of a WITHOUT ROWID
 * table anyway, for the page's lookup).
 */
export const STEP_0006_ARRIVAL_ORDER = `
  CREATE TABLE transactions_v6 (
    account_id       INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    item_key         TEXT NOT NULL,
    seq              INTEGER NOT NULL,
    transaction_date TEXT NOT NULL,
    value_date       TEXT NOT NULL,
    type             TEXT NOT NULL CHECK (type IN ('1', '2')),
    amount           INTEGER NOT NULL,
    remarks          TEXT NOT NULL,
    remarks_folded   TEXT NOT NULL DEFAULT '',
    balance          INTEGER NOT NULL,
    PRIMARY KEY (account_id, item_key)
  ) WITHOUT ROWID;
  INSERT INTO transactions_v6
    SELECT account_id, item_key,
      row_number() OVER (PARTITION BY account_id ORDER BY transaction_date, item_key),
      transaction_date, value_date, type, amount, remarks, remarks_folded, balance
    FROM transactions;
  DROP TABLE transactions;
  ALTER TABLE transactions_v6 RENAME TO transactions;
  UPDATE accounts SET next_seq = 1 + coalesce((SELECT max(seq) FROM transactions WHERE account_id = accounts.id), 0);
  CREATE INDEX transactions_by_date
    ON transactions (transaction_date, account_id, seq, type, amount, remarks_folded);
  CREATE INDEX transactions_by_account_date
    ON transactions (account_id, transaction_date, seq, type, amount, remarks_folded);
  `;
