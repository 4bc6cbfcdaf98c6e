/**
 * Step 12: 明細 queries at 1,000,000 rows in milliseconds (statement-query.ts; filters by amount
 * with a search or dates aside: they are counted on the rows). What cost was counting and
 * summing hundreds of thousands of matches, and skipping as many index entries to reach a deep
 * page. Four tables of totals now answer the count and sums of each kind of filter without
 * reading the rows, and say on which day a page starts, so a page at any offset reads its rows
 * from that day on:
 * - statement_day_totals by day, account and 入金/出金 (≈4,400 rows at 1,000,000): no 摘要;
 * - statement_totals by day, remark, account and type: a 摘要 search within dates, and the day a
 *   search's page starts on — rebuilt date first, and with the remark's id in remarks_terms
 *   instead of its text, so walking the days tests each entry against a set of integers;
 * - statement_term_totals by remark, account and type: a 摘要 search over all dates;
 * - statement_amount_totals by amount, type and account: an amount filter without dates or 摘要.
 * One trigger per kind of write keeps all of them and the remarks index (step 7's triggers are
 * merged into it: a remark's id must exist before the totals name it, and leave only after).
 * An UPDATE of a row moves its totals too, though the app only ever inserts and deletes rows.
 * A total whose last row leaves is deleted, so a remark's id is named by no total once its last
 * row is gone, and can leave remarks_terms (and be given again) with it.
 *
 * The trigger bodies are written out here as this step ran them when released; step 13 repeats
 * the totals' part of them in its own triggers. A change to them is a step of its own.
 */
export const STEP_0012_TOTALS_BY_FILTER = `
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
    
    INSERT OR IGNORE INTO remarks_terms (folded) VALUES (new.remarks_folded);
    INSERT INTO statement_totals VALUES (new.transaction_date,
      (SELECT id FROM remarks_terms WHERE folded = new.remarks_folded), new.account_id, new.type, 1, new.amount)
    ON CONFLICT DO UPDATE SET row_count = row_count + 1, amount = amount + excluded.amount;
    INSERT INTO statement_day_totals VALUES (new.transaction_date, new.account_id, new.type, 1, new.amount)
    ON CONFLICT DO UPDATE SET row_count = row_count + 1, amount = amount + excluded.amount;
    INSERT INTO statement_term_totals VALUES
      ((SELECT id FROM remarks_terms WHERE folded = new.remarks_folded), new.account_id, new.type, 1, new.amount)
    ON CONFLICT DO UPDATE SET row_count = row_count + 1, amount = amount + excluded.amount;
    
    INSERT INTO statement_amount_totals VALUES (new.amount, new.type, new.account_id, 1)
    ON CONFLICT DO UPDATE SET row_count = row_count + 1;
  END;
  CREATE TRIGGER transactions_totals_removed AFTER DELETE ON transactions BEGIN
    
    UPDATE statement_amount_totals SET row_count = row_count - 1
    WHERE (amount, type, account_id) = (old.amount, old.type, old.account_id);
    DELETE FROM statement_amount_totals WHERE row_count = 0
      AND (amount, type, account_id) = (old.amount, old.type, old.account_id);
    
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
      AND NOT EXISTS (SELECT 1 FROM transactions WHERE remarks_folded = old.remarks_folded);
  END;
  CREATE TRIGGER transactions_totals_changed
    AFTER UPDATE OF account_id, transaction_date, type, amount, remarks_folded ON transactions
  BEGIN
    
    UPDATE statement_amount_totals SET row_count = row_count - 1
    WHERE (amount, type, account_id) = (old.amount, old.type, old.account_id);
    DELETE FROM statement_amount_totals WHERE row_count = 0
      AND (amount, type, account_id) = (old.amount, old.type, old.account_id);
    
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
      AND NOT EXISTS (SELECT 1 FROM transactions WHERE remarks_folded = old.remarks_folded);
    
    INSERT OR IGNORE INTO remarks_terms (folded) VALUES (new.remarks_folded);
    INSERT INTO statement_totals VALUES (new.transaction_date,
      (SELECT id FROM remarks_terms WHERE folded = new.remarks_folded), new.account_id, new.type, 1, new.amount)
    ON CONFLICT DO UPDATE SET row_count = row_count + 1, amount = amount + excluded.amount;
    INSERT INTO statement_day_totals VALUES (new.transaction_date, new.account_id, new.type, 1, new.amount)
    ON CONFLICT DO UPDATE SET row_count = row_count + 1, amount = amount + excluded.amount;
    INSERT INTO statement_term_totals VALUES
      ((SELECT id FROM remarks_terms WHERE folded = new.remarks_folded), new.account_id, new.type, 1, new.amount)
    ON CONFLICT DO UPDATE SET row_count = row_count + 1, amount = amount + excluded.amount;
    
    INSERT INTO statement_amount_totals VALUES (new.amount, new.type, new.account_id, 1)
    ON CONFLICT DO UPDATE SET row_count = row_count + 1;
  END;
  `;
