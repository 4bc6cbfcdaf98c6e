/**
 * Step 23: what the 仕訳帳's search and the review queue's 消込 proposals read instead of every line
 * (bench:books at a million lines: the search 289 ms, the queue's page 700 ms — each of its lines'
 * proposals read its 取引先's ~42,000 買掛金 lines through `journal_lines`):
 *  - book_entry_finder: each live entry's current version, one row: its 取引日, 取引先 and amount
 *    (the debits' sum), with indexes by date and by 取引先, so a search counts and sums a range of
 *    an index and reads its page's 200 ids in order;
 *  - book_finder_counterparties: the 取引先 the finder's rows name, with how many, so that a search
 *    by part of a 取引先 tests a few thousand names, not every entry;
 *  - book_counterparty_balances: each 取引先's debits, credits and lines on 売掛金 and 買掛金. A
 *    取引先 whose balance on the title is not on the raising side has no open item (open-items.ts:
 *    what is open less what is unapplied is the balance, and both are never non-zero at once), so
 *    its proposal needs none of its lines.
 * Kept by triggers, as book_title_day_totals is (step 22), so no write path can forget them: a line
 * written under its entry's current version comes in (to the finder a debit line only: every entry
 * has one, and a trigger on each credit line too made 自動登録 at a million lines take twice as
 * long); the head moving (a correction's new version, a deletion) takes the old version out and
 * brings the new one in.
 *
 * An existing ledger is not read here: a million entries would hold the app's start for seconds.
 * book_finder_backfill names the entries that were there (ids next_id..last_id, not yet read);
 * the triggers leave those alone, and the app reads them in slices in the background
 * (main/books/finder-backfill.ts), each slice's entries as they then stand, moving next_id in the
 * same transaction. Until next_id passes last_id the search and the proposals read the journal as
 * before. A new ledger has nothing to read (last_id 0).
 */
export const STEP_0023_ENTRY_FINDER_AND_COUNTERPARTY_BALANCES = `
  CREATE TABLE book_entry_finder (
    entry_id     INTEGER PRIMARY KEY,
    version      INTEGER NOT NULL,
    entry_date   TEXT NOT NULL,
    counterparty TEXT NOT NULL,
    amount       INTEGER NOT NULL
  );
  CREATE INDEX book_entry_finder_by_date ON book_entry_finder (entry_date, entry_id, amount);
  CREATE INDEX book_entry_finder_by_counterparty ON book_entry_finder (counterparty, entry_date, amount);

  CREATE TABLE book_finder_counterparties (
    counterparty TEXT PRIMARY KEY,
    entries      INTEGER NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE book_counterparty_balances (
    title_code   TEXT NOT NULL CHECK (title_code IN ('receivables', 'payables')),
    counterparty TEXT NOT NULL,
    debit        INTEGER NOT NULL,
    credit       INTEGER NOT NULL,
    lines        INTEGER NOT NULL,
    PRIMARY KEY (title_code, counterparty)
  ) WITHOUT ROWID;

  CREATE TABLE book_finder_backfill (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    next_id INTEGER NOT NULL,
    last_id INTEGER NOT NULL
  );
  INSERT INTO book_finder_backfill (id, next_id, last_id)
  SELECT 1, coalesce(min(id), 1), coalesce(max(id), 0) FROM book_entries;

  CREATE TRIGGER book_finder_counterparties_in AFTER INSERT ON book_entry_finder
  BEGIN
    INSERT INTO book_finder_counterparties (counterparty, entries) VALUES (NEW.counterparty, 1)
    ON CONFLICT (counterparty) DO UPDATE SET entries = entries + 1;
  END;
  CREATE TRIGGER book_finder_counterparties_out AFTER DELETE ON book_entry_finder
  BEGIN
    UPDATE book_finder_counterparties SET entries = entries - 1 WHERE counterparty = OLD.counterparty;
  END;

  CREATE TRIGGER book_entry_finder_debit AFTER INSERT ON book_entry_lines
  WHEN NEW.side = 'debit'
    AND EXISTS (SELECT 1 FROM book_entries e
                WHERE e.id = NEW.entry_id AND e.version = NEW.version AND e.deleted = 0)
    AND NOT EXISTS (SELECT 1 FROM book_finder_backfill b WHERE NEW.entry_id BETWEEN b.next_id AND b.last_id)
  BEGIN
    INSERT INTO book_entry_finder (entry_id, version, entry_date, counterparty, amount)
    SELECT NEW.entry_id, NEW.version, v.entry_date, v.counterparty, NEW.amount
    FROM book_entry_versions v WHERE v.entry_id = NEW.entry_id AND v.version = NEW.version
    ON CONFLICT (entry_id) DO UPDATE SET amount = amount + excluded.amount;
  END;

  CREATE TRIGGER book_counterparty_balances_line AFTER INSERT ON book_entry_lines
  WHEN NEW.title_code IN ('receivables', 'payables')
    AND EXISTS (SELECT 1 FROM book_entries e
                WHERE e.id = NEW.entry_id AND e.version = NEW.version AND e.deleted = 0)
    AND NOT EXISTS (SELECT 1 FROM book_finder_backfill b WHERE NEW.entry_id BETWEEN b.next_id AND b.last_id)
  BEGIN
    INSERT INTO book_counterparty_balances (title_code, counterparty, debit, credit, lines)
    SELECT NEW.title_code, v.counterparty,
           CASE WHEN NEW.side = 'debit' THEN NEW.amount ELSE 0 END,
           CASE WHEN NEW.side = 'credit' THEN NEW.amount ELSE 0 END, 1
    FROM book_entry_versions v WHERE v.entry_id = NEW.entry_id AND v.version = NEW.version
    ON CONFLICT (title_code, counterparty) DO UPDATE SET
      debit = debit + excluded.debit, credit = credit + excluded.credit, lines = lines + 1;
  END;

  CREATE TRIGGER book_entry_finder_head AFTER UPDATE OF version, deleted ON book_entries
  WHEN NOT EXISTS (SELECT 1 FROM book_finder_backfill b WHERE NEW.id BETWEEN b.next_id AND b.last_id)
  BEGIN
    DELETE FROM book_entry_finder WHERE entry_id = OLD.id;
    INSERT INTO book_entry_finder (entry_id, version, entry_date, counterparty, amount)
    SELECT NEW.id, NEW.version, v.entry_date, v.counterparty,
           sum(CASE WHEN l.side = 'debit' THEN l.amount ELSE 0 END)
    FROM book_entry_versions v
    JOIN book_entry_lines l ON l.entry_id = v.entry_id AND l.version = v.version
    WHERE v.entry_id = NEW.id AND v.version = NEW.version AND NEW.deleted = 0
    GROUP BY v.entry_id;
    INSERT INTO book_counterparty_balances (title_code, counterparty, debit, credit, lines)
    SELECT l.title_code, v.counterparty,
           -sum(CASE WHEN l.side = 'debit' THEN l.amount ELSE 0 END),
           -sum(CASE WHEN l.side = 'credit' THEN l.amount ELSE 0 END), -count(*)
    FROM book_entry_lines l
    JOIN book_entry_versions v ON v.entry_id = l.entry_id AND v.version = l.version
    WHERE l.entry_id = OLD.id AND l.version = OLD.version AND OLD.deleted = 0
      AND l.title_code IN ('receivables', 'payables')
    GROUP BY l.title_code, v.counterparty
    ON CONFLICT (title_code, counterparty) DO UPDATE SET
      debit = debit + excluded.debit, credit = credit + excluded.credit, lines = lines + excluded.lines;
    INSERT INTO book_counterparty_balances (title_code, counterparty, debit, credit, lines)
    SELECT l.title_code, v.counterparty,
           sum(CASE WHEN l.side = 'debit' THEN l.amount ELSE 0 END),
           sum(CASE WHEN l.side = 'credit' THEN l.amount ELSE 0 END), count(*)
    FROM book_entry_lines l
    JOIN book_entry_versions v ON v.entry_id = l.entry_id AND v.version = l.version
    WHERE l.entry_id = NEW.id AND l.version = NEW.version AND NEW.deleted = 0
      AND l.title_code IN ('receivables', 'payables')
    GROUP BY l.title_code, v.counterparty
    ON CONFLICT (title_code, counterparty) DO UPDATE SET
      debit = debit + excluded.debit, credit = credit + excluded.credit, lines = lines + excluded.lines;
  END;
  `;
