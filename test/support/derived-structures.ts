import type Database from 'better-sqlite3';
import { decodeDay } from '../../main/store/day-columns.ts';

/**
 * Every structure the ledger derives from `transactions` (and the books' day totals, from the
 * entries a sync's 自動登録 writes), read as it is stored and as a
 * recomputation from the rows gives it, remark ids replaced by their text (ids are given in
 * arrival order, which the recomputation does not know). Equal pairs mean the structures are
 * right whoever wrote the rows: the per-row triggers, the sync's set-based page upkeep, a crash.
 */
export function derivedStructures(
  db: Database.Database,
): Record<string, { stored: unknown; recomputed: unknown }> {
  const all = (sql: string): unknown[] => db.prepare(sql).raw().all();
  return {
    remarksTerms: {
      stored: all('SELECT folded FROM remarks_terms ORDER BY folded'),
      recomputed: all('SELECT DISTINCT remarks_folded FROM transactions ORDER BY remarks_folded'),
    },
    searchIndex: { stored: searchIndexCheck(db), recomputed: 'ok' },
    statementTotals: {
      stored: all(`SELECT s.transaction_date, r.folded, s.account_id, s.type, s.row_count, s.amount
        FROM statement_totals s LEFT JOIN remarks_terms r ON r.id = s.term_id ORDER BY 1, 2, 3, 4`),
      recomputed: all(`SELECT transaction_date, remarks_folded, account_id, type, count(*), sum(amount)
        FROM transactions GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`),
    },
    dayTotals: {
      stored: all('SELECT * FROM statement_day_totals ORDER BY 1, 2, 3'),
      recomputed: all(`SELECT transaction_date, account_id, type, count(*), sum(amount)
        FROM transactions GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`),
    },
    termTotals: {
      stored: all(`SELECT r.folded, s.account_id, s.type, s.row_count, s.amount
        FROM statement_term_totals s LEFT JOIN remarks_terms r ON r.id = s.term_id ORDER BY 1, 2, 3`),
      recomputed: all(`SELECT remarks_folded, account_id, type, count(*), sum(amount)
        FROM transactions GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`),
    },
    dayColumns: storedDayColumns(db),
    reviewQueue: {
      stored: all('SELECT account_id, item_key, line_date FROM books_queue ORDER BY 1, 2'),
      recomputed: all(`SELECT t.account_id, t.item_key, t.transaction_date
        FROM transactions t JOIN accounts a ON a.id = t.account_id
        WHERE NOT EXISTS (SELECT 1 FROM line_reviews r
                          WHERE r.bank_account_id = a.bank_account_id AND r.item_key = t.item_key)
        ORDER BY 1, 2`),
    },
    // The books' day totals the reports read, beside journal_lines (a day left with zeros agrees).
    booksDayTotals: {
      stored: all(`SELECT title_code, sub_title, entry_date, debit, credit, lines FROM book_title_day_totals
        WHERE NOT (lines = 0 AND debit = 0 AND credit = 0) ORDER BY 1, 2, 3`),
      recomputed: all(`SELECT title_code, coalesce(sub_title, ''), entry_date,
          sum(CASE WHEN side = 'debit' THEN amount ELSE 0 END),
          sum(CASE WHEN side = 'credit' THEN amount ELSE 0 END), count(*)
        FROM journal_lines GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`),
    },
    ...booksFinder(db),
  };
}

/** The live entries migration 23 has read (all but those an older ledger still has to be read). */
const READ = 'NOT EXISTS (SELECT 1 FROM book_finder_backfill b WHERE e.id BETWEEN b.next_id AND b.last_id)';

/**
 * The 仕訳帳's finder, the 取引先 it names and the 取引先 balances on 売掛金/買掛金 (migration 23)
 * beside journal_lines (a 取引先 left with zeros agrees).
 */
export function booksFinder(
  db: Database.Database,
): Record<
  'entryFinder' | 'finderCounterparties' | 'counterpartyBalances',
  { stored: unknown; recomputed: unknown }
> {
  const all = (sql: string): unknown[] => db.prepare(sql).raw().all();
  return {
    entryFinder: {
      stored: all(
        'SELECT entry_id, version, entry_date, counterparty, amount FROM book_entry_finder ORDER BY 1',
      ),
      recomputed: all(`SELECT e.entry_id, e.version, e.entry_date, e.counterparty,
          sum(CASE WHEN e.side = 'debit' THEN e.amount ELSE 0 END)
        FROM journal_lines e WHERE ${READ.replace('e.id', 'e.entry_id')} GROUP BY 1 ORDER BY 1`),
    },
    finderCounterparties: {
      stored: all(
        'SELECT counterparty, entries FROM book_finder_counterparties WHERE entries <> 0 ORDER BY 1',
      ),
      recomputed: all('SELECT counterparty, count(*) FROM book_entry_finder GROUP BY 1 ORDER BY 1'),
    },
    counterpartyBalances: {
      stored: all(`SELECT title_code, counterparty, debit, credit, lines FROM book_counterparty_balances
        WHERE NOT (lines = 0 AND debit = 0 AND credit = 0) ORDER BY 1, 2`),
      recomputed: all(`SELECT title_code, counterparty,
          sum(CASE WHEN side = 'debit' THEN amount ELSE 0 END),
          sum(CASE WHEN side = 'credit' THEN amount ELSE 0 END), count(*)
        FROM journal_lines e WHERE title_code IN ('receivables', 'payables')
          AND ${READ.replace('e.id', 'e.entry_id')}
        GROUP BY 1, 2 ORDER BY 1, 2`),
    },
  };
}

/** FTS5's own check that the trigram index holds exactly remarks_terms' rows. */
function searchIndexCheck(db: Database.Database): string {
  try {
    db.prepare("INSERT INTO remarks_search (remarks_search) VALUES ('integrity-check')").run();
    return 'ok';
  } catch (error) {
    return String(error);
  }
}

/** Each day's stored columns beside the same day's rows (a day without a blob is to be built: no claim). */
function storedDayColumns(db: Database.Database): { stored: unknown; recomputed: unknown } {
  const stored: unknown[] = [];
  const recomputed: unknown[] = [];
  const days = db
    .prepare('SELECT transaction_date, columns FROM statement_day_columns ORDER BY 1')
    .raw()
    .all() as Array<[string, Buffer]>;
  const rows = db.prepare(
    `SELECT t.account_id, t.seq, r.id, t.type, t.amount
     FROM transactions t JOIN remarks_terms r ON r.folded = t.remarks_folded
     WHERE t.transaction_date = ? ORDER BY t.account_id, t.seq`,
  );
  for (const [date, blob] of days) {
    const day = decodeDay(date, blob);
    stored.push([
      date,
      Array.from(day.accountId, (accountId, i) => [
        accountId,
        day.seq[i],
        day.termId[i],
        String(day.type[i]),
        day.amount[i],
      ]),
    ]);
    recomputed.push([date, rows.raw().all(date)]);
  }
  return { stored, recomputed };
}
