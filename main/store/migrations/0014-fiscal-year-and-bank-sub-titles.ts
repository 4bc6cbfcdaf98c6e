/**
 * Step 14: the fiscal year's first month (設定 → 会計年度の開始月; 1 = the calendar year), which the
 * export's period follows; and the 補助科目 each bank account goes by in the books — short and
 * unique, as 弥生 cuts a name past 24 桁 (the bank's 「デモ信用金庫 本店営業部 1001」 is 28 and
 * lost its number there). A bank account without a row gets its name on first use
 * (main/books/bank-sub-titles.ts).
 */
export const STEP_0014_FISCAL_YEAR_AND_BANK_SUB_TITLES = `
  ALTER TABLE settings ADD COLUMN fiscal_year_start_month INTEGER NOT NULL DEFAULT 1
    CHECK (fiscal_year_start_month BETWEEN 1 AND 12);

  CREATE TABLE book_bank_sub_titles (
    bank_account_id TEXT PRIMARY KEY,
    name            TEXT NOT NULL
  ) WITHOUT ROWID;
  `;
