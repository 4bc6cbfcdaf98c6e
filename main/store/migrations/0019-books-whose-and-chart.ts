/**
 * Step 19: whose books (issue 21, items 1 and 14).
 *
 * A linked bank account can be left out of the books (「帳簿に含める」 off): the owner's private
 * account linked beside the company's. Its lines never wait in 仕訳待ち, so both of step 10's
 * triggers that put a line in books_queue learn to pass it by, and two new ones take its 未処理
 * lines out when it is excluded and put them back (the unreviewed ones) when it is included
 * again. Keyed by the bank's account id, as reviews are: a link deleted and made again keeps the
 * choice. Entries already written for the account are the user's and are kept.
 *
 * The chart of accounts a ledger uses: 法人 or 個人事業主 (NULL until the owner picks at 帳簿's first
 * start), and the built-in titles it holds. A ledger from before keeps the 29 titles it had.
 *
 * Suggestions learned from past registrations (item 4): a registered line's kana-folded remarks
 * kept with its review and indexed, and entries' versions indexed by 取引先 (step 16's tables), so a waiting line finds what
 * lines like it were booked as in one index range, however many are registered. Reviews from
 * before take their line's folded remarks from the bank row (NULL where it is gone).
 */
export const STEP_0019_BOOKS_WHOSE_AND_CHART = `
  CREATE TABLE book_excluded_accounts (
    bank_account_id TEXT PRIMARY KEY,
    excluded_at     TEXT NOT NULL
  ) WITHOUT ROWID;

  DROP TRIGGER books_queue_line_added;
  CREATE TRIGGER books_queue_line_added AFTER INSERT ON transactions
  WHEN NOT EXISTS (
    SELECT 1 FROM line_reviews r
    WHERE r.bank_account_id = (SELECT bank_account_id FROM accounts WHERE id = NEW.account_id)
      AND r.item_key = NEW.item_key
  ) AND NOT EXISTS (
    SELECT 1 FROM book_excluded_accounts x
    WHERE x.bank_account_id = (SELECT bank_account_id FROM accounts WHERE id = NEW.account_id)
  )
  BEGIN
    INSERT OR IGNORE INTO books_queue (account_id, item_key, line_date)
    VALUES (NEW.account_id, NEW.item_key, NEW.transaction_date);
  END;

  DROP TRIGGER books_queue_reopened;
  CREATE TRIGGER books_queue_reopened AFTER DELETE ON line_reviews
  WHEN NOT EXISTS (SELECT 1 FROM book_excluded_accounts x WHERE x.bank_account_id = OLD.bank_account_id)
  BEGIN
    INSERT OR IGNORE INTO books_queue (account_id, item_key, line_date)
    SELECT t.account_id, t.item_key, t.transaction_date
    FROM accounts a JOIN transactions t ON t.account_id = a.id AND t.item_key = OLD.item_key
    WHERE a.bank_account_id = OLD.bank_account_id;
  END;

  CREATE TRIGGER books_account_excluded AFTER INSERT ON book_excluded_accounts
  BEGIN
    DELETE FROM books_queue
    WHERE account_id IN (SELECT id FROM accounts WHERE bank_account_id = NEW.bank_account_id);
  END;

  CREATE TRIGGER books_account_included AFTER DELETE ON book_excluded_accounts
  BEGIN
    INSERT OR IGNORE INTO books_queue (account_id, item_key, line_date)
    SELECT t.account_id, t.item_key, t.transaction_date
    FROM accounts a JOIN transactions t ON t.account_id = a.id
    WHERE a.bank_account_id = OLD.bank_account_id
      AND NOT EXISTS (SELECT 1 FROM line_reviews r
                      WHERE r.bank_account_id = OLD.bank_account_id AND r.item_key = t.item_key);
  END;

  ALTER TABLE line_reviews ADD COLUMN line_remarks_folded TEXT;
  UPDATE line_reviews SET line_remarks_folded = (
    SELECT t.remarks_folded FROM accounts a JOIN transactions t ON t.account_id = a.id
    WHERE a.bank_account_id = line_reviews.bank_account_id AND t.item_key = line_reviews.item_key
    LIMIT 1);
  CREATE INDEX line_reviews_learned ON line_reviews (line_remarks_folded, line_type, entry_id)
    WHERE status = 'registered';
  CREATE INDEX book_entry_versions_by_counterparty ON book_entry_versions (counterparty, entry_id, version);

  CREATE TABLE book_chart (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    kind TEXT CHECK (kind IN ('corporation', 'sole'))
  );
  INSERT INTO book_chart (id, kind) VALUES (1, NULL);
  CREATE TABLE book_chart_titles (
    code TEXT PRIMARY KEY
  ) WITHOUT ROWID;
  INSERT INTO book_chart_titles (code) VALUES
    ('cash'), ('ordinary_deposit'), ('checking_deposit'), ('receivables'), ('payables'), ('accrued'),
    ('withholdings'), ('loans'), ('owner_draw'), ('owner_contribution'), ('sales'), ('interest_income'),
    ('misc_income'), ('purchases'), ('salaries'), ('legal_welfare'), ('welfare'), ('rent'), ('utilities'),
    ('communication'), ('travel'), ('fees'), ('supplies'), ('advertising'), ('entertainment'),
    ('insurance'), ('taxes'), ('interest_expense'), ('misc_expense');
  `;
