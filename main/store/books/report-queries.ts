import type { ReconciliationLine } from '../../../shared/ipc/reports-contract.ts';
import type { BankDay, LedgerDay } from '../../books/reconciliation.ts';
import type { TitleSums } from '../../books/balance-math.ts';
import type { AppDatabase } from '../app-database.ts';
import { dayWindow } from '../day-window.ts';

/**
 * The reports' reads (試算表, 総勘定元帳, 残高照合). Entries are read only through the
 * `journal_lines` view — one row per side of each live entry — never from the journal's tables,
 * whose shape is the journal's own — and through `book_title_day_totals` (migration 22), the view's
 * sums by title and day kept as the entries are written: sums over a period read those, and a
 * 元帳 page reads the view only for the days it shows. The arithmetic is main/books/balance-math.ts's.
 */

/** A 補助科目 filter: undefined — every one; '' — the title without one; else that one. */
const SUB_CLAUSE = `(@sub IS NULL OR coalesce(sub_title, '') = @sub)`;
/** The same over the day totals, whose sub_title is '' for none. */
const TOTALS_SUB_CLAUSE = `(@sub IS NULL OR sub_title = @sub)`;

export interface LedgerPageRow {
  entryId: number;
  date: string;
  counterTitle: string | null;
  counterparty: string;
  memo: string;
  debit: number;
  credit: number;
}

export class ReportQueries {
  private readonly db: AppDatabase;

  constructor(db: AppDatabase) {
    this.db = db;
  }

  /**
   * Per title, debit and credit sums before `yearStart`, from `yearStart` to the day before
   * `dateFrom`, and within the period — one pass over the lines up to `dateTo`.
   */
  titleSums(yearStart: string, dateFrom: string, dateTo: string): TitleSums[] {
    return this.db
      .prepare(
        `SELECT title_code AS titleCode,
           sum(CASE WHEN entry_date < @year THEN debit ELSE 0 END) AS priorDebit,
           sum(CASE WHEN entry_date < @year THEN credit ELSE 0 END) AS priorCredit,
           sum(CASE WHEN entry_date >= @year AND entry_date < @from THEN debit ELSE 0 END) AS yearDebit,
           sum(CASE WHEN entry_date >= @year AND entry_date < @from THEN credit ELSE 0 END) AS yearCredit,
           sum(CASE WHEN entry_date >= @from THEN debit ELSE 0 END) AS debit,
           sum(CASE WHEN entry_date >= @from THEN credit ELSE 0 END) AS credit
         FROM book_title_day_totals WHERE entry_date <= @to AND lines > 0
         GROUP BY title_code`,
      )
      .all({ year: yearStart, from: dateFrom, to: dateTo }) as TitleSums[];
  }

  /** One title's (or 補助科目's) debit and credit sums and line count over [dateFrom, dateTo]. */
  sums(titleCode: string, subTitle: string | undefined, dateFrom: string, dateTo: string) {
    return this.db
      .prepare(
        `SELECT coalesce(sum(lines), 0) AS n, coalesce(sum(debit), 0) AS debit, coalesce(sum(credit), 0) AS credit
         FROM book_title_day_totals
         WHERE title_code = @title AND ${TOTALS_SUB_CLAUSE} AND entry_date BETWEEN @from AND @to`,
      )
      .get({ title: titleCode, sub: subTitle ?? null, from: dateFrom, to: dateTo }) as {
      n: number;
      debit: number;
      credit: number;
    };
  }

  /**
   * A page of the 元帳, oldest first, the net (debit − credit) of the period's lines before it, for
   * the page's first running balance, and the period's count and sums. The days' totals say which
   * days the page spans (day-window.ts) and the net of the days before them; only those days' lines
   * are read, with a window sum over them in order. 相手科目 is the other side's title when it is
   * one, else null (諸口).
   */
  ledgerPage(
    titleCode: string,
    subTitle: string | undefined,
    dateFrom: string,
    dateTo: string,
    offset: number,
    limit: number,
  ): { beforeNet: number; period: { n: number; debit: number; credit: number }; rows: LedgerPageRow[] } {
    const params = { title: titleCode, sub: subTitle ?? null, from: dateFrom, to: dateTo };
    const days = this.db
      .prepare(
        `SELECT entry_date, sum(lines), sum(debit), sum(credit) FROM book_title_day_totals
         WHERE title_code = @title AND ${TOTALS_SUB_CLAUSE} AND entry_date BETWEEN @from AND @to AND lines > 0
         GROUP BY entry_date ORDER BY entry_date`,
      )
      .raw()
      .all(params) as [day: string, lines: number, debit: number, credit: number][];
    const period = { n: 0, debit: 0, credit: 0 };
    for (const [, lines, debit, credit] of days) {
      period.n += lines;
      period.debit += debit;
      period.credit += credit;
    }
    const window = dayWindow(
      days.map(([day, lines]) => [day, lines] as const),
      offset,
      limit,
    );
    if (!window) return { beforeNet: 0, period, rows: [] };
    let netBefore = 0;
    for (const [day, , debit, credit] of days) if (day < window.first) netBefore += debit - credit;
    // +title_code: the days' index (by date) finds the page's few hundred lines; the title's index
    // would walk all of the title's lines in the ledger.
    const rows = this.db
      .prepare(
        `SELECT l.entry_id AS entryId, l.entry_date AS date, l.counterparty, l.memo, l.debit, l.credit, l.net,
           (SELECT CASE WHEN count(DISTINCT o.title_code) = 1 THEN min(o.title_code) END
              FROM journal_lines o WHERE o.entry_id = l.entry_id AND o.side <> l.side) AS counterTitle
         FROM (SELECT entry_id, entry_date, side, counterparty, memo,
                 CASE WHEN side = 'debit' THEN amount ELSE 0 END AS debit,
                 CASE WHEN side = 'credit' THEN amount ELSE 0 END AS credit,
                 sum(CASE WHEN side = 'debit' THEN amount ELSE -amount END)
                   OVER (ORDER BY entry_date, entry_id, side DESC ROWS UNBOUNDED PRECEDING) AS net
               FROM journal_lines
               WHERE +title_code = @title AND ${SUB_CLAUSE} AND entry_date BETWEEN @first AND @last
               ORDER BY entry_date, entry_id, side DESC
               LIMIT @limit OFFSET @skip) l`,
      )
      .all({
        ...params,
        first: window.first,
        last: window.last,
        skip: window.skip,
        limit,
      }) as (LedgerPageRow & {
      net: number;
    })[];
    const first = rows[0];
    return {
      beforeNet: first ? netBefore + first.net - (first.debit - first.credit) : 0,
      period,
      rows: rows.map(({ net: _net, ...row }) => row),
    };
  }

  /**
   * An account's days as the bank reported them, from `since` (null: all): the balance after the
   * day's last line, and the net of the day's lines not registered in the books. The 口座 screen
   * asks it on opening (照合), so nothing here reads every row: the days and their net come from
   * the 明細 totals (statement_day_totals), the balance from each day's last row by the index, and
   * the registered lines' net, taken off, from the account's reviews joined to their rows — a
   * scan of the account's rows with each one's review looked up took 260 ms at 1,000,000 rows.
   */
  bankDays(accountId: number, since: string | null): BankDay[] {
    // The days as a list the subqueries look up one by one: as a grouped subquery joined to the
    // balance's, SQLite took five times as long.
    const days = this.db
      .prepare(
        `SELECT d.transaction_date AS date,
           (SELECT l.balance FROM transactions l WHERE l.account_id = @account
              AND l.transaction_date = d.transaction_date ORDER BY l.seq DESC LIMIT 1) AS bankBalance,
           (SELECT sum(CASE WHEN n.type = '1' THEN n.amount ELSE -n.amount END) FROM statement_day_totals n
            WHERE n.transaction_date = d.transaction_date AND n.account_id = @account) AS notBookedNet
         FROM (SELECT DISTINCT transaction_date FROM statement_day_totals
               WHERE account_id = @account AND (@since IS NULL OR transaction_date >= @since)) d
         ORDER BY d.transaction_date`,
      )
      .all({ account: accountId, since }) as BankDay[];
    const registered = new Map(
      this.db
        .prepare(
          `SELECT t.transaction_date, sum(CASE WHEN t.type = '1' THEN t.amount ELSE -t.amount END)
           FROM accounts a
           JOIN line_reviews r ON r.bank_account_id = a.bank_account_id
           -- CROSS: from the reviews to their rows; SQLite would walk the account's rows otherwise.
           CROSS JOIN transactions t ON t.account_id = a.id AND t.item_key = r.item_key
           WHERE a.id = @account AND r.status = 'registered' AND (@since IS NULL OR t.transaction_date >= @since)
           GROUP BY t.transaction_date`,
        )
        .raw()
        .all({ account: accountId, since }) as Array<[date: string, net: number]>,
    );
    for (const day of days) day.notBookedNet -= registered.get(day.date) ?? 0;
    return days;
  }

  /** A 補助科目's movement per day, debit − credit. */
  ledgerDays(titleCode: string, subTitle: string): LedgerDay[] {
    return this.db
      .prepare(
        `SELECT entry_date AS date, sum(CASE WHEN side = 'debit' THEN amount ELSE -amount END) AS net
         FROM journal_lines WHERE title_code = @title AND ${SUB_CLAUSE}
         GROUP BY entry_date ORDER BY entry_date`,
      )
      .all({ title: titleCode, sub: subTitle }) as LedgerDay[];
  }

  /** An account's lines of [dateFrom, dateTo] in the bank's order, and the balance before the first. */
  linesBetween(
    accountId: number,
    dateFrom: string,
    dateTo: string,
  ): { before: number | null; lines: Omit<ReconciliationLine, 'chainBreak'>[] } {
    const lines = this.db
      .prepare(
        `SELECT t.transaction_date AS date, t.type, t.amount, t.remarks, t.balance,
           (r.status IS 'registered') AS booked
         FROM transactions t JOIN accounts a ON a.id = t.account_id
         LEFT JOIN line_reviews r ON r.bank_account_id = a.bank_account_id AND r.item_key = t.item_key
         WHERE t.account_id = ? AND t.transaction_date BETWEEN ? AND ? ORDER BY t.transaction_date, t.seq`,
      )
      .all(accountId, dateFrom, dateTo) as (Omit<ReconciliationLine, 'chainBreak' | 'booked'> & {
      booked: number;
    })[];
    const before = this.db
      .prepare(
        `SELECT balance FROM transactions WHERE account_id = ? AND transaction_date < ?
         ORDER BY transaction_date DESC, seq DESC LIMIT 1`,
      )
      .get(accountId, dateFrom) as { balance: number } | undefined;
    return { before: before?.balance ?? null, lines: lines.map((l) => ({ ...l, booked: l.booked === 1 })) };
  }
}
