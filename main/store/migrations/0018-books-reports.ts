/**
 * Step 18: the books' reports (試算表, 総勘定元帳, 残高照合) and the opening balances they start from.
 * The reports read entries only through the `journal_lines` view (step 16: one row per line of each
 * live entry's current version), so that the journal's own shape can change under them. 期首残高 is one set per ledger,
 * as of the first day of a fiscal year (book_opening holds that day); no entry may be dated before
 * it (main/books/opening-balances.ts). sub_title '' is the title itself, without a 補助科目.
 */
export const STEP_0018_BOOKS_REPORTS = `
  CREATE TABLE book_opening (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    as_of    TEXT NOT NULL,
    saved_at TEXT NOT NULL
  );
  CREATE TABLE book_opening_balances (
    title_code TEXT NOT NULL,
    sub_title  TEXT NOT NULL DEFAULT '',
    debit      INTEGER NOT NULL DEFAULT 0 CHECK (debit >= 0),
    credit     INTEGER NOT NULL DEFAULT 0 CHECK (credit >= 0),
    PRIMARY KEY (title_code, sub_title)
  ) WITHOUT ROWID;
  `;
