/**
 * Step 7: The 摘要 search as a full-text index. Statements repeat a few remarks (CORP9000's 100,000
 * rows have 15 distinct ones), so the index holds each distinct folded remark once
 * (remarks_terms), searched by FTS5's trigram tokenizer (case-sensitive: the text is folded
 * already, and the match must equal a substring test). A search finds the matching remarks in
 * that small index — with GLOB, which FTS5 answers from trigrams from 3 characters on and by
 * reading the small table for 1–2 — and then the rows through transactions_by_remarks.
 * Triggers keep it in step with the rows, whoever writes them; a remark no row uses any more
 * (a connection's data deleted) leaves the index with its last row.
 */
export const STEP_0007_REMARKS_SEARCH = `
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
  `;
