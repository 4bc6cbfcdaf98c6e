/**
 * The desktop app's database schema, one step per release (shared/sqlite-migrations.ts runs them).
 * Amounts are integer yen; dates `YYYY-MM-DD` JST; times ISO 8601 UTC. No token is ever stored
 * here: refresh tokens live in the OS keychain only.
 */

/**
 * The totals' trigger bodies, for a row inserted (`new`) or deleted (`old`); an update runs both.
 * Step 12 kept the totals below and statement_amount_totals; step 13 keeps the totals below and
 * marks the row's day for its columns to be built again. A later change is a step of its own.
 */
const TOTALS_ADD_NEW = `
    INSERT OR IGNORE INTO remarks_terms (folded) VALUES (new.remarks_folded);
    INSERT INTO statement_totals VALUES (new.transaction_date,
      (SELECT id FROM remarks_terms WHERE folded = new.remarks_folded), new.account_id, new.type, 1, new.amount)
    ON CONFLICT DO UPDATE SET row_count = row_count + 1, amount = amount + excluded.amount;
    INSERT INTO statement_day_totals VALUES (new.transaction_date, new.account_id, new.type, 1, new.amount)
    ON CONFLICT DO UPDATE SET row_count = row_count + 1, amount = amount + excluded.amount;
    INSERT INTO statement_term_totals VALUES
      ((SELECT id FROM remarks_terms WHERE folded = new.remarks_folded), new.account_id, new.type, 1, new.amount)
    ON CONFLICT DO UPDATE SET row_count = row_count + 1, amount = amount + excluded.amount;`;
const AMOUNT_TOTALS_ADD_NEW = `
    INSERT INTO statement_amount_totals VALUES (new.amount, new.type, new.account_id, 1)
    ON CONFLICT DO UPDATE SET row_count = row_count + 1;`;
// A total whose last row leaves is deleted, so a remark's id is named by no total once its last
// row is gone, and can leave remarks_terms (and be given again) with it.
const TOTALS_REMOVE_OLD = `
    UPDATE statement_totals SET row_count = row_count - 1, amount = amount - old.amount
    WHERE (transaction_date, term_id, account_id, type) = (old.transaction_date,
      (SELECT id FROM remarks_terms WHERE folded = old.remarks_folded), old.account_id, old.type);
    DELETE FROM statement_totals WHERE row_count = 0
      AND (transaction_date, term_id, account_id, type) = (old.transaction_date,
        (SELECT id FROM remarks_terms WHERE folded = old.remarks_folded), old.account_id, old.type);
    UPDATE statement_day_totals SET row_count = row_count - 1, amount = amount - old.amount
    WHERE (transaction_date, account_id, type) = (old.transaction_date, old.account_id, old.type);
    DELETE FROM statement_day_totals WHERE row_count = 0
      AND (transaction_date, account_id, type) = (old.transaction_date, old.account_id, old.type);
    UPDATE statement_term_totals SET row_count = row_count - 1, amount = amount - old.amount
    WHERE (term_id, account_id, type) =
      ((SELECT id FROM remarks_terms WHERE folded = old.remarks_folded), old.account_id, old.type);
    DELETE FROM statement_term_totals WHERE row_count = 0 AND (term_id, account_id, type) =
      ((SELECT id FROM remarks_terms WHERE folded = old.remarks_folded), old.account_id, old.type);
    DELETE FROM remarks_terms WHERE folded = old.remarks_folded
      AND NOT EXISTS (SELECT 1 FROM transactions WHERE remarks_folded = old.remarks_folded);`;
const AMOUNT_TOTALS_REMOVE_OLD = `
    UPDATE statement_amount_totals SET row_count = row_count - 1
    WHERE (amount, type, account_id) = (old.amount, old.type, old.account_id);
    DELETE FROM statement_amount_totals WHERE row_count = 0
      AND (amount, type, account_id) = (old.amount, old.type, old.account_id);`;
// Step 13: a day whose rows change has its columns built again (statement-columns.ts).
const DAY_COLUMNS_STALE_NEW = `
    DELETE FROM statement_day_columns WHERE transaction_date = new.transaction_date;`;
const DAY_COLUMNS_STALE_OLD = `
    DELETE FROM statement_day_columns WHERE transaction_date = old.transaction_date;`;

export const SCHEMA_MIGRATIONS: readonly string[] = [
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
  // 4: shared/kana.ts folds every long-vowel dash to ー since the search learnt that カード finds
  // ｶ-ﾄﾞ, but rows stored before kept their old fold (ｶ-ﾄﾞ as カ-ド): they are folded again.
  `
  UPDATE transactions SET remarks_folded = fold_kana(remarks);
  `,
  // 5: banks other than the simulator. Accounts: what GMO Aozora sends (branch code, type code,
  // currency; branch, number and holder only for 普通預金 — '' when absent in the NOT NULL columns
  // of step 1), the foreign balance of a 外貨普通預金, whether the bank serves a statement at all,
  // and the next statement sequence number. Profiles: the API dialect, a base per channel (NULL:
  // api_base), and the scopes to ask for with the operations each grants (JSON; NULL: the dialect's).
  `
  ALTER TABLE accounts ADD COLUMN branch_code TEXT;
  ALTER TABLE accounts ADD COLUMN account_type_code TEXT;
  ALTER TABLE accounts ADD COLUMN currency_code TEXT NOT NULL DEFAULT 'JPY';
  ALTER TABLE accounts ADD COLUMN foreign_balance TEXT;
  ALTER TABLE accounts ADD COLUMN serves_statements INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE accounts ADD COLUMN next_seq INTEGER NOT NULL DEFAULT 1;

  ALTER TABLE bank_profiles ADD COLUMN dialect TEXT NOT NULL DEFAULT 'bankdemo';
  ALTER TABLE bank_profiles ADD COLUMN api_base_personal TEXT;
  ALTER TABLE bank_profiles ADD COLUMN api_base_corporate TEXT;
  ALTER TABLE bank_profiles ADD COLUMN scopes TEXT;
  `,
  // 6: the statement's order within a day is the order the rows arrived in (seq, given by the
  // statement writer from accounts.next_seq), not the bank's itemKey — GMO's is a timestamp, the
  // simulator's a zero-padded number, another bank's anything. Rows stored before are numbered in
  // their old order. Amounts may be negative where a dialect allows it (GMO: "マイナス含む"), so the
  // table is rebuilt without step 1's CHECK (amount >= 0); nothing refers to its rows. The indexes
  // of step 2 now hold seq where they held item_key (the key is in every index of a WITHOUT ROWID
  // table anyway, for the page's lookup).
  `
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
  `,
  // 7: the 摘要 search as a full-text index. Statements repeat a few remarks (CORP9000's 100,000
  // rows have 15 distinct ones), so the index holds each distinct folded remark once
  // (remarks_terms), searched by FTS5's trigram tokenizer (case-sensitive: the text is folded
  // already, and the match must equal a substring test). A search finds the matching remarks in
  // that small index — with GLOB, which FTS5 answers from trigrams from 3 characters on and by
  // reading the small table for 1–2 — and then the rows through transactions_by_remarks.
  // Triggers keep it in step with the rows, whoever writes them; a remark no row uses any more
  // (a connection's data deleted) leaves the index with its last row.
  `
  CREATE TABLE remarks_terms (id INTEGER PRIMARY KEY, folded TEXT NOT NULL UNIQUE);
  CREATE VIRTUAL TABLE remarks_search USING fts5(
    folded, content = 'remarks_terms', content_rowid = 'id', tokenize = 'trigram case_sensitive 1'
  );
  CREATE TRIGGER remarks_terms_added AFTER INSERT ON remarks_terms BEGIN
    INSERT INTO remarks_search (rowid, folded) VALUES (new.id, new.folded);
  END;
  CREATE TRIGGER remarks_terms_removed AFTER DELETE ON remarks_terms BEGIN
    INSERT INTO remarks_search (remarks_search, rowid, folded) VALUES ('delete', old.id, old.folded);
  END;
  CREATE INDEX transactions_by_remarks
    ON transactions (remarks_folded, transaction_date, account_id, seq, type, amount);
  CREATE TRIGGER transactions_term_added AFTER INSERT ON transactions BEGIN
    INSERT OR IGNORE INTO remarks_terms (folded) VALUES (new.remarks_folded);
  END;
  CREATE TRIGGER transactions_term_removed AFTER DELETE ON transactions
    WHEN NOT EXISTS (SELECT 1 FROM transactions WHERE remarks_folded = old.remarks_folded)
  BEGIN
    DELETE FROM remarks_terms WHERE folded = old.remarks_folded;
  END;
  CREATE TRIGGER transactions_term_changed AFTER UPDATE OF remarks_folded ON transactions BEGIN
    INSERT OR IGNORE INTO remarks_terms (folded) VALUES (new.remarks_folded);
    DELETE FROM remarks_terms WHERE folded = old.remarks_folded
      AND NOT EXISTS (SELECT 1 FROM transactions WHERE remarks_folded = old.remarks_folded);
  END;
  INSERT INTO remarks_terms (folded) SELECT DISTINCT remarks_folded FROM transactions;
  `,
  // 8: the 明細 screen's 件数・入金計・出金計 without reading every row. Rows summed by account, day,
  // 入金/出金 and folded remarks — the columns the screen filters by, amounts apart — so a count
  // and its sums over 100,000 rows read about a tenth as many (statement-query.ts); a filter by
  // amount still counts the rows. Triggers keep it in step with the rows.
  `
  CREATE TABLE statement_totals (
    account_id       INTEGER NOT NULL,
    transaction_date TEXT NOT NULL,
    type             TEXT NOT NULL,
    remarks_folded   TEXT NOT NULL,
    row_count        INTEGER NOT NULL,
    amount           INTEGER NOT NULL,
    PRIMARY KEY (account_id, transaction_date, type, remarks_folded)
  ) WITHOUT ROWID;
  CREATE INDEX statement_totals_by_date ON statement_totals (transaction_date, account_id);
  CREATE TRIGGER transactions_totals_added AFTER INSERT ON transactions BEGIN
    INSERT INTO statement_totals VALUES
      (new.account_id, new.transaction_date, new.type, new.remarks_folded, 1, new.amount)
    ON CONFLICT DO UPDATE SET row_count = row_count + 1, amount = amount + excluded.amount;
  END;
  CREATE TRIGGER transactions_totals_removed AFTER DELETE ON transactions BEGIN
    UPDATE statement_totals SET row_count = row_count - 1, amount = amount - old.amount
      WHERE (account_id, transaction_date, type, remarks_folded)
        = (old.account_id, old.transaction_date, old.type, old.remarks_folded);
    DELETE FROM statement_totals WHERE row_count = 0
      AND (account_id, transaction_date, type, remarks_folded)
        = (old.account_id, old.transaction_date, old.type, old.remarks_folded);
  END;
  INSERT INTO statement_totals
    SELECT account_id, transaction_date, type, remarks_folded, count(*), sum(amount)
    FROM transactions GROUP BY account_id, transaction_date, type, remarks_folded;
  `,
  // 9: bookkeeping (main/books/): the user's journal, kept beside the bank's rows and never inside
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
  // 10: bookkeeping: the review queue's 未処理 lines as a table of their own, kept by triggers, so the
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
  // 11: bookkeeping: a review takes its line out of books_queue in the code that writes it
  // (BooksStore.review, and rule application's batch statement), no longer by a trigger per
  // review: rule application writes tens of thousands of reviews at once, and a trigger program
  // per row cost more than the entries themselves (npm run bench:books). Every review is written
  // by those two; undoing one still puts the line back through books_queue_reopened.
  `
  DROP TRIGGER books_queue_reviewed;
  `,
  // 12: 明細 queries at 1,000,000 rows in milliseconds (statement-query.ts; filters by amount with a
  // search or dates aside: they are counted on the rows). What cost was counting and summing
  // hundreds of thousands of matches, and skipping as many index entries to reach a deep page. Four tables of totals now answer the count and sums of each kind of filter
  // without reading the rows, and say on which day a page starts, so a page at any offset reads
  // its rows from that day on:
  // - statement_day_totals by day, account and 入金/出金 (≈4,400 rows at 1,000,000): no 摘要;
  // - statement_totals by day, remark, account and type: a 摘要 search within dates, and the day a
  //   search's page starts on — rebuilt date first, and with the remark's id in remarks_terms
  //   instead of its text, so walking the days tests each entry against a set of integers;
  // - statement_term_totals by remark, account and type: a 摘要 search over all dates;
  // - statement_amount_totals by amount, type and account: an amount filter without dates or 摘要.
  // One trigger per kind of write keeps all of them and the remarks index (step 7's triggers are
  // merged into it: a remark's id must exist before the totals name it, and leave only after).
  // An UPDATE of a row moves its totals too, though the app only ever inserts and deletes rows.
  `
  DROP TRIGGER transactions_term_added;
  DROP TRIGGER transactions_term_removed;
  DROP TRIGGER transactions_term_changed;
  DROP TRIGGER transactions_totals_added;
  DROP TRIGGER transactions_totals_removed;
  DROP TABLE statement_totals;

  CREATE TABLE statement_totals (
    transaction_date TEXT NOT NULL,
    term_id          INTEGER NOT NULL,
    account_id       INTEGER NOT NULL,
    type             TEXT NOT NULL,
    row_count        INTEGER NOT NULL,
    amount           INTEGER NOT NULL,
    PRIMARY KEY (transaction_date, term_id, account_id, type)
  ) WITHOUT ROWID;
  CREATE TABLE statement_day_totals (
    transaction_date TEXT NOT NULL,
    account_id       INTEGER NOT NULL,
    type             TEXT NOT NULL,
    row_count        INTEGER NOT NULL,
    amount           INTEGER NOT NULL,
    PRIMARY KEY (transaction_date, account_id, type)
  ) WITHOUT ROWID;
  CREATE TABLE statement_term_totals (
    term_id    INTEGER NOT NULL,
    account_id INTEGER NOT NULL,
    type       TEXT NOT NULL,
    row_count  INTEGER NOT NULL,
    amount     INTEGER NOT NULL,
    PRIMARY KEY (term_id, account_id, type)
  ) WITHOUT ROWID;
  -- The amounts' sum is amount × row_count.
  CREATE TABLE statement_amount_totals (
    amount     INTEGER NOT NULL,
    type       TEXT NOT NULL,
    account_id INTEGER NOT NULL,
    row_count  INTEGER NOT NULL,
    PRIMARY KEY (amount, type, account_id)
  ) WITHOUT ROWID;

  INSERT OR IGNORE INTO remarks_terms (folded) SELECT DISTINCT remarks_folded FROM transactions;
  INSERT INTO statement_totals
    SELECT t.transaction_date, r.id, t.account_id, t.type, count(*), sum(t.amount)
    FROM transactions t JOIN remarks_terms r ON r.folded = t.remarks_folded
    GROUP BY t.transaction_date, r.id, t.account_id, t.type;
  INSERT INTO statement_day_totals
    SELECT transaction_date, account_id, type, sum(row_count), sum(amount)
    FROM statement_totals GROUP BY transaction_date, account_id, type;
  INSERT INTO statement_term_totals
    SELECT term_id, account_id, type, sum(row_count), sum(amount)
    FROM statement_totals GROUP BY term_id, account_id, type;
  INSERT INTO statement_amount_totals
    SELECT amount, type, account_id, count(*) FROM transactions GROUP BY amount, type, account_id;

  CREATE TRIGGER transactions_totals_added AFTER INSERT ON transactions BEGIN
    ${TOTALS_ADD_NEW}
    ${AMOUNT_TOTALS_ADD_NEW}
  END;
  CREATE TRIGGER transactions_totals_removed AFTER DELETE ON transactions BEGIN
    ${AMOUNT_TOTALS_REMOVE_OLD}
    ${TOTALS_REMOVE_OLD}
  END;
  CREATE TRIGGER transactions_totals_changed
    AFTER UPDATE OF account_id, transaction_date, type, amount, remarks_folded ON transactions
  BEGIN
    ${AMOUNT_TOTALS_REMOVE_OLD}
    ${TOTALS_REMOVE_OLD}
    ${TOTALS_ADD_NEW}
    ${AMOUNT_TOTALS_ADD_NEW}
  END;
  `,
  // 13: filters by amount scan the rows as columns, day by day (statement-columns.ts,
  // column-scan.ts): about 10 ms at 1,000,000 rows whatever the amounts are combined with —
  // dates, a 摘要 search, a page deep in the order — where totals kept by amount answered only an
  // amount alone, and counting on the rows took up to 160 ms. So statement_amount_totals goes,
  // and each day's columns are kept as a blob, deleted by the same triggers whenever a row of its
  // day is written (or its seq, which orders the day, changes), and built again after a sync in
  // the background, or by the next scan.
  `
  DROP TRIGGER transactions_totals_added;
  DROP TRIGGER transactions_totals_removed;
  DROP TRIGGER transactions_totals_changed;
  DROP TABLE statement_amount_totals;

  -- id: random, never reused (statement-columns.ts). No row: the day's columns are to be built.
  CREATE TABLE statement_day_columns (
    id               INTEGER PRIMARY KEY,
    transaction_date TEXT NOT NULL UNIQUE,
    columns          BLOB NOT NULL
  );

  CREATE TRIGGER transactions_totals_added AFTER INSERT ON transactions BEGIN
    ${TOTALS_ADD_NEW}
    ${DAY_COLUMNS_STALE_NEW}
  END;
  CREATE TRIGGER transactions_totals_removed AFTER DELETE ON transactions BEGIN
    ${TOTALS_REMOVE_OLD}
    ${DAY_COLUMNS_STALE_OLD}
  END;
  CREATE TRIGGER transactions_totals_changed
    AFTER UPDATE OF account_id, seq, transaction_date, type, amount, remarks_folded ON transactions
  BEGIN
    ${TOTALS_REMOVE_OLD}
    ${DAY_COLUMNS_STALE_OLD}
    ${TOTALS_ADD_NEW}
    ${DAY_COLUMNS_STALE_NEW}
  END;
  `,
  // 14: the fiscal year's first month (設定 → 会計年度の開始月; 1 = the calendar year), which the
  // export's period follows; and the 補助科目 each bank account goes by in the books — short and
  // unique, as 弥生 cuts a name past 24 桁 (the bank's 「デモ信用金庫 本店営業部 1001」 is 28 and
  // lost its number there). A bank account without a row gets its name on first use
  // (main/books/bank-sub-titles.ts).
  `
  ALTER TABLE settings ADD COLUMN fiscal_year_start_month INTEGER NOT NULL DEFAULT 1
    CHECK (fiscal_year_start_month BETWEEN 1 AND 12);

  CREATE TABLE book_bank_sub_titles (
    bank_account_id TEXT PRIMARY KEY,
    name            TEXT NOT NULL
  ) WITHOUT ROWID;
  `,
];
