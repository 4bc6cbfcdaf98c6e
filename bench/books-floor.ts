import type { Database } from 'better-sqlite3';

/**
 * The floor of rule application: the same matches as the app's rule matcher (the same folded
 * remarks, match kinds, direction, amount range, and the same order of specificity to pick the
 * winner) in one SQL statement that picks each won line with its entry's sides, then one statement
 * per table of the entry (head, version, two lines: migration 16), as the app does (the app
 * besides writes each line's review row and takes the line out of the review queue). Returns how
 * many lines a 自動登録 rule won.
 */
export function applyRulesInOneStatement(db: Database): number {
  db.exec('DROP TABLE IF EXISTS temp.floor_won');
  const base = db.prepare('SELECT coalesce(max(id), 0) FROM book_entries').pluck().get() as number;
  db.prepare(
    `CREATE TEMP TABLE floor_won AS
       SELECT ${base} + row_number() OVER () AS id, transaction_date,
         CASE type WHEN '1' THEN bank_title ELSE title_code END AS debit_title,
         CASE type WHEN '1' THEN label ELSE sub_title END AS debit_sub,
         CASE type WHEN '1' THEN 'none' ELSE tax_code END AS debit_tax,
         CASE type WHEN '1' THEN title_code ELSE bank_title END AS credit_title,
         CASE type WHEN '1' THEN sub_title ELSE label END AS credit_sub,
         CASE type WHEN '1' THEN tax_code ELSE 'none' END AS credit_tax,
         amount, coalesce(counterparty, '') AS counterparty, coalesce(memo, remarks) AS memo, rule_id
       FROM (
         SELECT t.transaction_date, t.type, t.amount, t.remarks, r.id AS rule_id, r.action, r.title_code,
           r.sub_title, r.tax_code, r.counterparty, r.memo,
           CASE WHEN a.account_type_name LIKE '%当座%' THEN 'checking_deposit' ELSE 'ordinary_deposit' END AS bank_title,
           a.branch_name || ' ' || substr(a.account_number, -4) AS label,
           row_number() OVER (PARTITION BY t.account_id, t.item_key ORDER BY
             CASE r.match WHEN 'exact' THEN 3 WHEN 'contains' THEN 1 ELSE 2 END DESC,
             length(r.folded) DESC,
             CASE WHEN r.min_amount IS NULL AND r.max_amount IS NULL THEN 1e18
                  ELSE coalesce(r.max_amount, 9007199254740991) - coalesce(r.min_amount, 0) END,
             r.type IS NOT NULL DESC, r.id) AS rank
         FROM transactions t JOIN accounts a ON a.id = t.account_id
         JOIN book_rules r ON (r.type IS NULL OR r.type = t.type)
           AND (r.min_amount IS NULL OR t.amount >= r.min_amount) AND (r.max_amount IS NULL OR t.amount <= r.max_amount)
           AND CASE r.match
                 WHEN 'exact' THEN t.remarks_folded = r.folded
                 WHEN 'prefix' THEN substr(t.remarks_folded, 1, length(r.folded)) = r.folded
                 WHEN 'suffix' THEN substr(t.remarks_folded, -length(r.folded)) = r.folded
                 ELSE instr(t.remarks_folded, r.folded) > 0 END
         WHERE NOT EXISTS (SELECT 1 FROM line_reviews lr
                           WHERE lr.bank_account_id = a.bank_account_id AND lr.item_key = t.item_key))
       WHERE rank = 1 AND action = 'auto'`,
  ).run();
  const at = "'2026-01-01T00:00:00Z'";
  db.exec(`
    INSERT INTO book_entries (id, source, recorded_on, created_at, version, deleted)
      SELECT id, 'bank', '2026-01-01', ${at}, 1, 0 FROM temp.floor_won;
    INSERT INTO book_entry_versions (entry_id, version, change, entry_date, counterparty, memo, rule_id, reason, written_at)
      SELECT id, 1, 'registered', transaction_date, counterparty, memo, rule_id, '', ${at} FROM temp.floor_won;
    INSERT INTO book_entry_lines (entry_id, version, line_no, side, title_code, sub_title, tax_code, amount)
      SELECT id, 1, 1, 'debit', debit_title, debit_sub, debit_tax, amount FROM temp.floor_won;
    INSERT INTO book_entry_lines (entry_id, version, line_no, side, title_code, sub_title, tax_code, amount)
      SELECT id, 1, 2, 'credit', credit_title, credit_sub, credit_tax, amount FROM temp.floor_won;`);
  return db.prepare('SELECT count(*) FROM temp.floor_won').pluck().get() as number;
}
