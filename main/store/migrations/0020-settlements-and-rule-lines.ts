/**
 * Step 20: 消込 of open 売掛金/買掛金, and rules that write compound entries (issue 22).
 *
 * `book_settlements` links an entry that settles a 売掛金 (買掛金) — a bank 入金 booked against it —
 * to the entry that raised it, with the amount it settles. A link is intent, not a balance: the
 * open amount of an item is always derived from the journal's current lines (main/books/open-items.ts),
 * the links only say which raised item a settling entry's credit goes to, so a correction or a
 * deletion of either entry (a new version, step 16) changes what is open without touching a link.
 * Links are kept like the entries' history: never changed, never removed.
 *
 * `book_rules.fixed_lines`: a rule's fixed lines beside its title (JSON, NULL for a two-line rule),
 * e.g. 支払手数料 ¥440 on the 預金's side, or parts of the amount split off to other titles.
 */
export const STEP_0020_SETTLEMENTS_AND_RULE_LINES = `
  CREATE TABLE book_settlements (
    settling_entry_id INTEGER NOT NULL REFERENCES book_entries (id),
    settled_entry_id  INTEGER NOT NULL REFERENCES book_entries (id),
    title_code        TEXT NOT NULL CHECK (title_code IN ('receivables', 'payables')),
    amount            INTEGER NOT NULL CHECK (amount > 0),
    linked_at         TEXT NOT NULL,
    PRIMARY KEY (settling_entry_id, settled_entry_id, title_code)
  ) WITHOUT ROWID;
  CREATE INDEX book_settlements_by_title ON book_settlements (title_code, settled_entry_id);
  CREATE TRIGGER book_settlements_kept BEFORE UPDATE ON book_settlements
  BEGIN SELECT RAISE(ABORT, 'BOOKS_HISTORY_KEPT: a settlement link is never changed'); END;
  CREATE TRIGGER book_settlements_not_removed BEFORE DELETE ON book_settlements
  BEGIN SELECT RAISE(ABORT, 'BOOKS_HISTORY_KEPT: a settlement link is never removed'); END;

  ALTER TABLE book_rules ADD COLUMN fixed_lines TEXT;
  `;
