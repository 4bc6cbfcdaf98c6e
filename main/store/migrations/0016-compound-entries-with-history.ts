/**
 * Step 16: compound entries (複合仕訳) that keep their history (電子帳簿保存法's 訂正削除履歴).
 * An entry was one row of `journal_entries`, one debit, one credit and one amount, updated and
 * deleted in place. It becomes:
 * - `book_entries`, the entry's identity: where it came from, its 記帳日 (`recorded_on`, the JST
 *   date it was first registered, kept apart from the 取引日), and which of its versions is current
 *   (`version`, `deleted`) — the only columns ever changed, and only by writing a new version;
 * - `book_entry_versions`, one row per version, never changed nor deleted (triggers refuse it):
 *   the 取引日, 取引先, 摘要, what changed (registered / corrected / deleted), when and why;
 * - `book_entry_lines`, the N lines of a version, each a side, a 勘定科目, a 補助科目, a 税区分
 *   and an amount, never changed but for a 補助科目's name (a bank account's 補助科目 renamed is
 *   a label renamed everywhere, not a correction of what was booked).
 * Debits equal credits is the core's check (BOOKS_ENTRY_UNBALANCED) before anything is written.
 * Every existing entry becomes version 1 with two lines (debit first); its 記帳日 is the JST date
 * of its created_at. `line_reviews` is made again to name the new table (its rows kept through a
 * temporary copy, so no trigger ever sees it missing under another name), and the queue's
 * trigger on it with it. `journal_lines` is the view the reports read: every line of
 * the current version of every entry not deleted.
 */
export const STEP_0016_COMPOUND_ENTRIES_WITH_HISTORY = `
  CREATE TABLE book_entries (
    id          INTEGER PRIMARY KEY,
    source      TEXT NOT NULL CHECK (source IN ('bank', 'transfer', 'manual')),
    recorded_on TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
  );
  CREATE TABLE book_entry_versions (
    entry_id     INTEGER NOT NULL REFERENCES book_entries (id),
    version      INTEGER NOT NULL CHECK (version >= 1),
    change       TEXT NOT NULL CHECK (change IN ('registered', 'corrected', 'deleted')),
    entry_date   TEXT NOT NULL,
    counterparty TEXT NOT NULL,
    memo         TEXT NOT NULL,
    rule_id      INTEGER,
    reason       TEXT NOT NULL DEFAULT '',
    written_at   TEXT NOT NULL,
    PRIMARY KEY (entry_id, version)
  ) WITHOUT ROWID;
  CREATE INDEX book_entry_versions_by_date ON book_entry_versions (entry_date, entry_id, version);
  CREATE TABLE book_entry_lines (
    entry_id   INTEGER NOT NULL,
    version    INTEGER NOT NULL,
    line_no    INTEGER NOT NULL CHECK (line_no >= 1),
    side       TEXT NOT NULL CHECK (side IN ('debit', 'credit')),
    title_code TEXT NOT NULL,
    sub_title  TEXT,
    tax_code   TEXT NOT NULL,
    amount     INTEGER NOT NULL CHECK (amount >= 0),
    PRIMARY KEY (entry_id, version, line_no),
    FOREIGN KEY (entry_id, version) REFERENCES book_entry_versions (entry_id, version)
  ) WITHOUT ROWID;
  CREATE INDEX book_entry_lines_by_title ON book_entry_lines (title_code, entry_id, version);

  CREATE TRIGGER book_entries_kept BEFORE DELETE ON book_entries
  BEGIN SELECT RAISE(ABORT, 'BOOKS_HISTORY_KEPT: an entry is deleted by a new version, never removed'); END;
  CREATE TRIGGER book_entries_identity_kept
  BEFORE UPDATE OF id, source, recorded_on, created_at ON book_entries
  BEGIN SELECT RAISE(ABORT, 'BOOKS_HISTORY_KEPT: an entry''s origin and 記帳日 never change'); END;
  CREATE TRIGGER book_entry_versions_kept BEFORE UPDATE ON book_entry_versions
  BEGIN SELECT RAISE(ABORT, 'BOOKS_HISTORY_KEPT: a version is never changed'); END;
  CREATE TRIGGER book_entry_versions_not_removed BEFORE DELETE ON book_entry_versions
  BEGIN SELECT RAISE(ABORT, 'BOOKS_HISTORY_KEPT: a version is never removed'); END;
  CREATE TRIGGER book_entry_lines_kept
  BEFORE UPDATE OF entry_id, version, line_no, side, title_code, tax_code, amount ON book_entry_lines
  BEGIN SELECT RAISE(ABORT, 'BOOKS_HISTORY_KEPT: a line is never changed'); END;
  CREATE TRIGGER book_entry_lines_not_removed BEFORE DELETE ON book_entry_lines
  BEGIN SELECT RAISE(ABORT, 'BOOKS_HISTORY_KEPT: a line is never removed'); END;

  INSERT INTO book_entries (id, source, recorded_on, created_at, version, deleted)
  SELECT id, source, coalesce(date(created_at, '+9 hours'), entry_date), created_at, 1, 0
  FROM journal_entries;
  INSERT INTO book_entry_versions (entry_id, version, change, entry_date, counterparty, memo, rule_id, reason, written_at)
  SELECT id, 1, 'registered', entry_date, counterparty, memo, rule_id, '', created_at FROM journal_entries;
  INSERT INTO book_entry_lines (entry_id, version, line_no, side, title_code, sub_title, tax_code, amount)
  SELECT id, 1, 1, 'debit', debit_title, debit_sub, debit_tax, amount FROM journal_entries;
  INSERT INTO book_entry_lines (entry_id, version, line_no, side, title_code, sub_title, tax_code, amount)
  SELECT id, 1, 2, 'credit', credit_title, credit_sub, credit_tax, amount FROM journal_entries;

  CREATE TEMP TABLE line_reviews_kept AS SELECT * FROM line_reviews;
  DROP TRIGGER books_queue_reopened;
  DROP TABLE line_reviews;
  DROP TABLE journal_entries;
  CREATE TABLE line_reviews (
    bank_account_id TEXT NOT NULL,
    item_key        TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('registered', 'ignored')),
    entry_id        INTEGER REFERENCES book_entries (id),
    -- The line as it was when reviewed.
    line_date       TEXT NOT NULL,
    line_type       TEXT NOT NULL,
    line_amount     INTEGER NOT NULL,
    line_remarks    TEXT NOT NULL,
    reviewed_at     TEXT NOT NULL,
    PRIMARY KEY (bank_account_id, item_key)
  ) WITHOUT ROWID;
  INSERT INTO line_reviews (bank_account_id, item_key, status, entry_id, line_date, line_type, line_amount,
    line_remarks, reviewed_at)
  SELECT bank_account_id, item_key, status, entry_id, line_date, line_type, line_amount, line_remarks, reviewed_at
  FROM temp.line_reviews_kept;
  DROP TABLE temp.line_reviews_kept;
  CREATE INDEX line_reviews_by_entry ON line_reviews (entry_id);
  CREATE INDEX line_reviews_by_status ON line_reviews (status, line_date, bank_account_id, item_key);
  CREATE TRIGGER books_queue_reopened AFTER DELETE ON line_reviews
  BEGIN
    INSERT OR IGNORE INTO books_queue (account_id, item_key, line_date)
    SELECT t.account_id, t.item_key, t.transaction_date
    FROM accounts a JOIN transactions t ON t.account_id = a.id AND t.item_key = OLD.item_key
    WHERE a.bank_account_id = OLD.bank_account_id;
  END;

  CREATE VIEW journal_lines AS
  SELECT e.id AS entry_id, v.entry_date, l.side, l.title_code, l.sub_title, l.tax_code, l.amount,
         v.counterparty, v.memo, l.line_no, e.version, e.recorded_on, e.source
  FROM book_entries e
  JOIN book_entry_versions v ON v.entry_id = e.id AND v.version = e.version
  JOIN book_entry_lines l ON l.entry_id = e.id AND l.version = e.version
  WHERE e.deleted = 0;
  `;
