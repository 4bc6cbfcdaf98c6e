/**
 * Step 2: The statement view and its search at 100,000 rows. Remarks stay as the bank sent them;
 * beside them their kana-folded form (shared/kana.ts, registered as fold_kana() when the ledger
 * opens), which the search matches. The two indexes hold each order of the view — all accounts,
 * or one — by day and then as the bank ordered the rows (item_key is the bank's zero-padded
 * sequence: its string order is the bank's order), and every filtered column: a page or a count
 * is read from an index alone, and only the 200 rows shown are looked up (statement-query.ts).
 */
export const STEP_0002_FOLDED_REMARKS = `
  ALTER TABLE transactions ADD COLUMN remarks_folded TEXT NOT NULL DEFAULT '';
  UPDATE transactions SET remarks_folded = fold_kana(remarks);
  CREATE INDEX transactions_by_date
    ON transactions (transaction_date, account_id, item_key, type, amount, remarks_folded);
  CREATE INDEX transactions_by_account_date
    ON transactions (account_id, transaction_date, item_key, type, amount, remarks_folded);
  `;
