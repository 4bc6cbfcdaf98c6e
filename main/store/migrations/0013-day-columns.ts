/**
 * Step 13: Filters by amount scan the rows as columns, day by day (statement-columns.ts,
 * column-scan.ts): about 10 ms at 1,000,000 rows whatever the amounts are combined with —
 * dates, a 摘要 search, a page deep in the order — where totals kept by amount answered only an
 * amount alone, and counting on the rows took up to 160 ms. So statement_amount_totals goes,
 * and each day's columns are kept as a blob, deleted by the same triggers whenever a row of its
 * day is written (or its seq, which orders the day, changes), and built again after a sync in
 * the background, or by the next scan.
 *
 * The totals' part of the trigger bodies is step 12's, written out again: each step states its
 * own SQL, so that no edit made for a later step changes what this one runs.
 */
export const STEP_0013_DAY_COLUMNS = `
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
    
    INSERT OR IGNORE INTO remarks_terms (folded) VALUES (new.remarks_folded);
    INSERT INTO statement_totals VALUES (new.transaction_date,
      (SELECT id FROM remarks_terms WHERE folded = new.remarks_folded), new.account_id, new.type, 1, new.amount)
    ON CONFLICT DO UPDATE SET row_count = row_count + 1, amount = amount + excluded.amount;
    INSERT INTO statement_day_totals VALUES (new.transaction_date, new.account_id, new.type, 1, new.amount)
    ON CONFLICT DO UPDATE SET row_count = row_count + 1, amount = amount + excluded.amount;
    INSERT INTO statement_term_totals VALUES
      ((SELECT id FROM remarks_terms WHERE folded = new.remarks_folded), new.account_id, new.type, 1, new.amount)
    ON CONFLICT DO UPDATE SET row_count = row_count + 1, amount = amount + excluded.amount;
    
    DELETE FROM statement_day_columns WHERE transaction_date = new.transaction_date;
  END;
  CREATE TRIGGER transactions_totals_removed AFTER DELETE ON transactions BEGIN
    
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
    
    DELETE FROM statement_day_columns WHERE transaction_date = old.transaction_date;
  END;
  CREATE TRIGGER transactions_totals_changed
    AFTER UPDATE OF account_id, seq, transaction_date, type, amount, remarks_folded ON transactions
  BEGIN
    
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
    
    DELETE FROM statement_day_columns WHERE transaction_date = old.transaction_date;
    
    INSERT OR IGNORE INTO remarks_terms (folded) VALUES (new.remarks_folded);
    INSERT INTO statement_totals VALUES (new.transaction_date,
      (SELECT id FROM remarks_terms WHERE folded = new.remarks_folded), new.account_id, new.type, 1, new.amount)
    ON CONFLICT DO UPDATE SET row_count = row_count + 1, amount = amount + excluded.amount;
    INSERT INTO statement_day_totals VALUES (new.transaction_date, new.account_id, new.type, 1, new.amount)
    ON CONFLICT DO UPDATE SET row_count = row_count + 1, amount = amount + excluded.amount;
    INSERT INTO statement_term_totals VALUES
      ((SELECT id FROM remarks_terms WHERE folded = new.remarks_folded), new.account_id, new.type, 1, new.amount)
    ON CONFLICT DO UPDATE SET row_count = row_count + 1, amount = amount + excluded.amount;
    
    DELETE FROM statement_day_columns WHERE transaction_date = new.transaction_date;
  END;
  `;
