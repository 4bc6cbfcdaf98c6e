import { foldKana } from '../../shared/kana.ts';
import type { StatementPage, TransactionQuery, TransactionView } from '../../shared/ipc/contract.ts';
import type { AppDatabase } from './app-database.ts';

export type StatementQuery = Required<Pick<TransactionQuery, 'offset' | 'limit'>> & TransactionQuery;

/**
 * The rows whose folded remarks contain the folded text: the distinct remarks that match come
 * from the full-text index (migration 4), the rows from the index by remarks. GLOB is a
 * case-sensitive substring test like the index; FTS5 answers it from trigrams when the text has 3
 * characters or more, and by reading its small table of distinct remarks when it has 1 or 2.
 */
const TEXT_FILTER = 'remarks_folded IN (SELECT folded FROM remarks_search WHERE folded GLOB ?)';

/**
 * One page of the statement view, how many rows match and their 入金 / 出金 sums: the filters of
 * the 明細 screen, in either order. Within a day the rows keep the order they arrived in (seq, migration 6), so in
 * `asc` order each account's balance follows from the one before it.
 */
export function queryStatement(db: AppDatabase, query: StatementQuery): StatementPage {
  const text = query.text === undefined ? '' : foldKana(query.text);
  const filters: Array<[applies: boolean, sql: string, value: string | number | undefined]> = [
    [query.accountId !== undefined, 'account_id = ?', Number(query.accountId)],
    [!!query.dateFrom, 'transaction_date >= ?', query.dateFrom],
    [!!query.dateTo, 'transaction_date <= ?', query.dateTo],
    [!!query.type, 'type = ?', query.type],
    [query.minAmount !== undefined, 'amount >= ?', query.minAmount],
    [query.maxAmount !== undefined, 'amount <= ?', query.maxAmount],
    // Both sides folded (shared/kana.ts): ﾃﾞﾝｷ, デンキ and でんき all find ﾃﾞﾝｷﾘﾖｳｷﾝ.
    [text !== '', TEXT_FILTER, `*${globLiteral(text)}*`],
  ];
  const active = filters.filter(([applies]) => applies);
  const where = (sqls: string[]) => (sqls.length ? `WHERE ${sqls.join(' AND ')}` : '');
  const clause = where(active.map(([, sql]) => sql));
  const params = active.map(([, , value]) => value!);

  // Count and sums in one pass: over the rows summed by day (migration 5) unless amounts are
  // filtered, which only the rows themselves can answer.
  const byAmount = query.minAmount !== undefined || query.maxAmount !== undefined;
  const [rowCount, source] = byAmount ? ['1', 'transactions'] : ['row_count', 'statement_totals'];
  const sums = db
    .prepare(
      `SELECT coalesce(sum(${rowCount}), 0) AS total,
         coalesce(sum(amount) FILTER (WHERE type = '1'), 0) AS deposits,
         coalesce(sum(amount) FILTER (WHERE type = '2'), 0) AS withdrawals
       FROM ${source} ${clause}`,
    )
    .get(...params) as Omit<StatementPage, 'rows'>;
  // Past the last match (or none at all): the count already said so, the index need not be read again.
  if (query.offset >= sums.total) return { ...sums, rows: [] };

  // A search that matches a large share of the rows (ｳﾘｱｹﾞ: 60%) is paged fastest along the date
  // order, testing each row's remarks (the unary + keeps the planner off the remarks index); a
  // narrow one (ﾃﾞﾝｷ: 1%) from the remarks index, sorting only its matches.
  const wide = text !== '' && sums.total * 8 > countAll(db);
  const pageClause = wide ? where(active.map(([, sql]) => (sql === TEXT_FILTER ? `+${sql}` : sql))) : clause;
  // A page in the second half is read from the other end and turned round: the index is then
  // skipped through for at most half the matches, whichever page the list asks for.
  const limit = Math.min(query.limit, sums.total - query.offset);
  const fromEnd = query.offset + limit / 2 > sums.total / 2;
  const offset = fromEnd ? sums.total - query.offset - limit : query.offset;
  const direction = (query.order === 'desc') !== fromEnd ? 'DESC' : 'ASC';
  const order = `ORDER BY transaction_date ${direction}, account_id ${direction}, seq ${direction}`;
  // The page's keys come from a covering index (migration 2), so skipping 99,800 rows reads only
  // that index; the table is visited for the rows shown, not for every row skipped. CROSS JOIN
  // keeps the page as the outer loop: with LIMIT bound as a parameter the planner would otherwise
  // scan the whole table and probe the page.
  const rows = db
    .prepare(
      `SELECT account_id AS accountId, item_key AS itemKey, transaction_date AS transactionDate,
         value_date AS valueDate, type, amount, remarks, balance
       FROM (SELECT account_id, item_key FROM transactions ${pageClause} ${order} LIMIT ? OFFSET ?) AS page
       CROSS JOIN transactions USING (account_id, item_key)
       ${order}`,
    )
    .all(...params, limit, offset) as Array<TransactionView & { accountId: number }>;
  if (fromEnd) rows.reverse();
  return { ...sums, rows: rows.map((r) => ({ ...r, accountId: String(r.accountId) })) };
}

/** Every row of the ledger: SQLite counts a whole table from its smallest index's page counts. */
function countAll(db: AppDatabase): number {
  return (db.prepare('SELECT count(*) AS n FROM transactions').get() as { n: number }).n;
}

/** The user's text matched as typed: GLOB's wildcards `*`, `?` and `[` each in a class of their own. */
function globLiteral(text: string): string {
  return text.replace(/[*?[]/g, (char) => `[${char}]`);
}
