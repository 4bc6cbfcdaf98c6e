import type { Database } from 'better-sqlite3';
import { counterpartyFrom } from '../main/books/counterparty.ts';

/**
 * The floor of rule application: what the app writes for the 自動登録 rules over the review queue,
 * in the fewest statements SQL allows. The same matches as the app's rule matcher (the same folded
 * remarks, match kinds, direction, amount range, and the same order of specificity to pick the
 * winner) in one statement that picks each won queue line with its entry's sides, then one
 * statement per table the app writes — the entry's head, version and two lines (migration 16), the
 * line's review, and the line's removal from the review queue — over all won lines at once. The
 * 取引先 an entry names is the app's (counterpartyFrom), asked once per remarks as printed. Lines
 * the app leaves 未処理 are left here too: a negative amount, a date before the opening balances.
 * Not here: the own-account transfers the app holds for review (a ledger of one account has none:
 * bench-books.ts checks that app and floor wrote the same rows). Returns how many lines it registered.
 */
export function applyRulesInOneStatement(db: Database): number {
  db.exec(`DROP TABLE IF EXISTS temp.floor_won; DROP TABLE IF EXISTS temp.floor_names;
    CREATE TEMP TABLE floor_names (remarks TEXT PRIMARY KEY, counterparty TEXT NOT NULL) WITHOUT ROWID`);
  const name = db.prepare('INSERT INTO temp.floor_names VALUES (?, ?)');
  const printed = db
    .prepare('SELECT DISTINCT t.remarks FROM books_queue q JOIN transactions t USING (account_id, item_key)')
    .pluck()
    .all() as string[];
  db.transaction(() => {
    for (const remarks of printed) name.run(remarks, counterpartyFrom(remarks));
  })();
  const base = db.prepare('SELECT coalesce(max(id), 0) FROM book_entries').pluck().get() as number;
  db.prepare(
    `CREATE TEMP TABLE floor_won AS
       SELECT ${base} + row_number() OVER (ORDER BY account_id, item_key) AS id, account_id, item_key,
         bank_account_id, transaction_date, type, amount, remarks, remarks_folded,
         CASE type WHEN '1' THEN bank_title ELSE title_code END AS debit_title,
         CASE type WHEN '1' THEN label ELSE sub_title END AS debit_sub,
         CASE type WHEN '1' THEN 'none' ELSE tax_code END AS debit_tax,
         CASE type WHEN '1' THEN title_code ELSE bank_title END AS credit_title,
         CASE type WHEN '1' THEN sub_title ELSE label END AS credit_sub,
         CASE type WHEN '1' THEN tax_code ELSE 'none' END AS credit_tax,
         coalesce(counterparty, (SELECT n.counterparty FROM temp.floor_names n WHERE n.remarks = won.remarks)) AS counterparty,
         coalesce(memo, remarks) AS memo, rule_id
       FROM (
         SELECT t.account_id, t.item_key, a.bank_account_id, t.transaction_date, t.type, t.amount, t.remarks,
           t.remarks_folded, r.id AS rule_id, r.action, r.title_code, r.sub_title, r.tax_code, r.counterparty, r.memo,
           CASE WHEN a.account_type_name LIKE '%当座%' THEN 'checking_deposit' ELSE 'ordinary_deposit' END AS bank_title,
           s.name AS label,
           row_number() OVER (PARTITION BY t.account_id, t.item_key ORDER BY
             CASE r.match WHEN 'exact' THEN 3 WHEN 'contains' THEN 1 ELSE 2 END DESC,
             length(r.folded) DESC,
             CASE WHEN r.min_amount IS NULL AND r.max_amount IS NULL THEN 1e18
                  ELSE coalesce(r.max_amount, 9007199254740991) - coalesce(r.min_amount, 0) END,
             r.type IS NOT NULL DESC, r.id) AS rank
         FROM books_queue q CROSS JOIN transactions t USING (account_id, item_key)
         JOIN accounts a ON a.id = t.account_id
         -- The account's 補助科目 as the app named it (main/books/bank-sub-titles.ts).
         JOIN book_bank_sub_titles s ON s.bank_account_id = a.bank_account_id
         JOIN book_rules r ON (r.type IS NULL OR r.type = t.type)
           AND (r.min_amount IS NULL OR t.amount >= r.min_amount) AND (r.max_amount IS NULL OR t.amount <= r.max_amount)
           AND CASE r.match
                 WHEN 'exact' THEN t.remarks_folded = r.folded
                 WHEN 'prefix' THEN substr(t.remarks_folded, 1, length(r.folded)) = r.folded
                 WHEN 'suffix' THEN substr(t.remarks_folded, -length(r.folded)) = r.folded
                 ELSE instr(t.remarks_folded, r.folded) > 0 END
         WHERE t.amount >= 0
           AND t.transaction_date >= coalesce((SELECT as_of FROM book_opening WHERE id = 1), '')) won
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
      SELECT id, 1, 2, 'credit', credit_title, credit_sub, credit_tax, amount FROM temp.floor_won;
    INSERT INTO line_reviews (bank_account_id, item_key, status, entry_id, line_date, line_type, line_amount,
        line_remarks, reviewed_at, line_remarks_folded)
      SELECT bank_account_id, item_key, 'registered', id, transaction_date, type, amount, remarks, ${at},
        remarks_folded FROM temp.floor_won;
    DELETE FROM books_queue WHERE (account_id, item_key) IN (SELECT account_id, item_key FROM temp.floor_won);`);
  return db.prepare('SELECT count(*) FROM temp.floor_won').pluck().get() as number;
}

/**
 * What a rule application wrote, a row per entry line with its line's review, its entry's version
 * and the queue left, less the time stamps (each writer's own): app and floor must give the same
 * rows. Read from the schema `schema` (`main`, or an attached copy).
 */
const writtenRows = (schema: string) => `
  SELECT r.bank_account_id, r.item_key, r.status, r.line_date, r.line_type, r.line_amount, r.line_remarks,
    r.line_remarks_folded, e.id, e.source, e.version, e.deleted, v.change, v.entry_date, v.counterparty,
    v.memo, v.rule_id, v.reason, l.line_no, l.side, l.title_code, l.sub_title, l.tax_code, l.amount
  FROM ${schema}.line_reviews r JOIN ${schema}.book_entries e ON e.id = r.entry_id
  JOIN ${schema}.book_entry_versions v ON v.entry_id = e.id AND v.version = e.version
  JOIN ${schema}.book_entry_lines l ON l.entry_id = e.id AND l.version = e.version`;

/** Rows of `main` not in `other` and the other way round, the queue's and the day totals' included. */
export function differences(db: Database, other: string): number {
  const count = (sql: string) => db.prepare(`SELECT count(*) FROM (${sql})`).pluck().get() as number;
  const queue = (schema: string) => `SELECT account_id, item_key, line_date FROM ${schema}.books_queue`;
  const totals = (schema: string) =>
    `SELECT title_code, sub_title, entry_date, debit, credit, lines FROM ${schema}.book_title_day_totals`;
  return [writtenRows, queue, totals].reduce(
    (sum, rows) =>
      sum + count(`${rows('main')} EXCEPT ${rows(other)}`) + count(`${rows(other)} EXCEPT ${rows('main')}`),
    0,
  );
}
