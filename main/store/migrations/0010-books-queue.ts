/**
 * Step 10: Bookkeeping: the review queue's 未処理 lines as a table of their own, kept by triggers, so the
 * queue's first page reads 100 keys from an index however many lines are registered (walking
 * the bank rows and skipping reviewed ones took one probe per reviewed line). A line is in it
 * while the bank has it and no review names it: a sync's insert adds it, a review takes it out,
 * undoing the review (or deleting its entry) puts it back, deleting the bank row drops it.
 */
export const STEP_0010_BOOKS_QUEUE = `
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
  `;
