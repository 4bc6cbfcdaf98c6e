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
  // Bookkeeping (main/books/): the user's journal, kept beside the bank's rows and never inside
  // them. No foreign key reaches the bank tables: 連携解除 that deletes a connection's rows keeps
  // every entry. A reviewed line is known by the bank's account id and itemKey, which outlive the
  // ledger's own account ids (a connection deleted and linked again finds its lines reviewed).
  // The trigger is the one place the books look at a sync's write: the sync keeps the first copy
  // of a line (INSERT OR IGNORE on (account, item_key)); when the bank sends a known line with
  // other content, the new content is recorded here, and the line and its entry are flagged.
  `
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
  `,
  // Bookkeeping: the review queue's 未処理 lines as a table of their own, kept by triggers, so the
  // queue's first page reads 100 keys from an index however many lines are registered (walking
  // the bank rows and skipping reviewed ones took one probe per reviewed line). A line is in it
  // while the bank has it and no review names it: a sync's insert adds it, a review takes it out,
  // undoing the review (or deleting its entry) puts it back, deleting the bank row drops it.
  `
  CREATE TABLE books_queue (
    account_id INTEGER NOT NULL,
    item_key   TEXT NOT NULL,
    line_date  TEXT NOT NULL,
    PRIMARY KEY (account_id, item_key)
  ) WITHOUT ROWID;
  CREATE INDEX books_queue_by_date ON books_queue (line_date, account_id, item_key);
  CREATE INDEX books_queue_by_account ON books_queue (account_id, line_date, item_key);
  INSERT INTO books_queue (account_id, item_key, line_date)
  SELECT t.account_id, t.item_key, t.transaction_date
  FROM transactions t JOIN accounts a ON a.id = t.account_id
  WHERE NOT EXISTS (SELECT 1 FROM line_reviews r WHERE r.bank_account_id = a.bank_account_id AND r.item_key = t.item_key);
  CREATE TRIGGER books_queue_line_added AFTER INSERT ON transactions
  WHEN NOT EXISTS (
    SELECT 1 FROM line_reviews r
    WHERE r.bank_account_id = (SELECT bank_account_id FROM accounts WHERE id = NEW.account_id)
      AND r.item_key = NEW.item_key
  )
  BEGIN
    INSERT OR IGNORE INTO books_queue (account_id, item_key, line_date)
    VALUES (NEW.account_id, NEW.item_key, NEW.transaction_date);
  END;
  CREATE TRIGGER books_queue_line_removed AFTER DELETE ON transactions
  BEGIN
    DELETE FROM books_queue WHERE account_id = OLD.account_id AND item_key = OLD.item_key;
  END;
  CREATE TRIGGER books_queue_line_redated AFTER UPDATE OF transaction_date ON transactions
  BEGIN
    UPDATE books_queue SET line_date = NEW.transaction_date
    WHERE account_id = NEW.account_id AND item_key = NEW.item_key;
  END;
  CREATE TRIGGER books_queue_reviewed AFTER INSERT ON line_reviews
  BEGIN
    DELETE FROM books_queue
    WHERE item_key = NEW.item_key
      AND account_id IN (SELECT id FROM accounts WHERE bank_account_id = NEW.bank_account_id);
  END;
  CREATE TRIGGER books_queue_reopened AFTER DELETE ON line_reviews
  BEGIN
    INSERT OR IGNORE INTO books_queue (account_id, item_key, line_date)
    SELECT t.account_id, t.item_key, t.transaction_date
    FROM accounts a JOIN transactions t ON t.account_id = a.id AND t.item_key = OLD.item_key
    WHERE a.bank_account_id = OLD.bank_account_id;
  END;
  `,
];
