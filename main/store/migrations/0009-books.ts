/**
 * Step 9: Bookkeeping (main/books/): the user's journal, kept beside the bank's rows and never inside
 * them. No foreign key reaches the bank tables: 連携解除 that deletes a connection's rows keeps
 * every entry. A reviewed line is known by the bank's account id and itemKey, which outlive the
 * ledger's own account ids (a connection deleted and linked again finds its lines reviewed).
 * The trigger is the one place the books look at a sync's write: the sync keeps the first copy
 * of a line (INSERT OR IGNORE on (account, item_key)); when the bank sends a known line with
 * other content, the new content is recorded here, and the line and its entry are flagged.
 */
export const STEP_0009_BOOKS = `
  CREATE TABLE book_titles (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL CHECK (kind IN ('asset', 'liability', 'equity', 'revenue', 'expense')),
    default_tax TEXT NOT NULL,
    label_yayoi TEXT,
    label_freee TEXT,
    label_mf    TEXT,
    created_at  TEXT NOT NULL
  );
  CREATE TABLE book_sub_titles (
    title_code TEXT NOT NULL,
    name       TEXT NOT NULL,
    PRIMARY KEY (title_code, name)
  ) WITHOUT ROWID;
  CREATE TABLE book_rules (
    id           INTEGER PRIMARY KEY,
    keyword      TEXT NOT NULL,
    folded       TEXT NOT NULL CHECK (folded <> ''),
    match        TEXT NOT NULL CHECK (match IN ('contains', 'prefix', 'suffix', 'exact')),
    type         TEXT CHECK (type IN ('1', '2')),
    min_amount   INTEGER,
    max_amount   INTEGER,
    title_code   TEXT NOT NULL,
    sub_title    TEXT,
    tax_code     TEXT NOT NULL,
    counterparty TEXT,
    memo         TEXT,
    action       TEXT NOT NULL CHECK (action IN ('suggest', 'auto')),
    starter      INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL
  );
  CREATE TABLE books_state (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    starters_seeded INTEGER NOT NULL DEFAULT 0
  );
  INSERT INTO books_state (id) VALUES (1);
  CREATE TABLE journal_entries (
    id           INTEGER PRIMARY KEY,
    entry_date   TEXT NOT NULL,
    debit_title  TEXT NOT NULL,
    debit_sub    TEXT,
    debit_tax    TEXT NOT NULL,
    credit_title TEXT NOT NULL,
    credit_sub   TEXT,
    credit_tax   TEXT NOT NULL,
    amount       INTEGER NOT NULL CHECK (amount >= 0),
    counterparty TEXT NOT NULL,
    memo         TEXT NOT NULL,
    source       TEXT NOT NULL CHECK (source IN ('bank', 'transfer')),
    rule_id      INTEGER,
    created_at   TEXT NOT NULL
  );
  CREATE INDEX journal_entries_by_date ON journal_entries (entry_date, id);
  CREATE TABLE line_reviews (
    bank_account_id TEXT NOT NULL,
    item_key        TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('registered', 'ignored')),
    entry_id        INTEGER REFERENCES journal_entries (id) ON DELETE CASCADE,
    -- The line as it was when reviewed.
    line_date       TEXT NOT NULL,
    line_type       TEXT NOT NULL,
    line_amount     INTEGER NOT NULL,
    line_remarks    TEXT NOT NULL,
    reviewed_at     TEXT NOT NULL,
    PRIMARY KEY (bank_account_id, item_key)
  ) WITHOUT ROWID;
  CREATE INDEX line_reviews_by_entry ON line_reviews (entry_id);
  CREATE INDEX line_reviews_by_status ON line_reviews (status, line_date, bank_account_id, item_key);
  CREATE TABLE bank_line_changes (
    bank_account_id TEXT NOT NULL,
    item_key        TEXT NOT NULL,
    line_date       TEXT NOT NULL,
    line_type       TEXT NOT NULL,
    line_amount     INTEGER NOT NULL,
    line_remarks    TEXT NOT NULL,
    seen_at         TEXT NOT NULL,
    PRIMARY KEY (bank_account_id, item_key)
  ) WITHOUT ROWID;
  CREATE TRIGGER bank_line_changed BEFORE INSERT ON transactions
  WHEN EXISTS (
    SELECT 1 FROM transactions t
    WHERE t.account_id = NEW.account_id AND t.item_key = NEW.item_key
      AND (t.transaction_date IS NOT NEW.transaction_date OR t.type IS NOT NEW.type
           OR t.amount IS NOT NEW.amount OR t.remarks IS NOT NEW.remarks)
  )
  BEGIN
    INSERT OR REPLACE INTO bank_line_changes
      (bank_account_id, item_key, line_date, line_type, line_amount, line_remarks, seen_at)
    SELECT a.bank_account_id, NEW.item_key, NEW.transaction_date, NEW.type, NEW.amount, NEW.remarks,
           strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    FROM accounts a WHERE a.id = NEW.account_id;
  END;
  `;
