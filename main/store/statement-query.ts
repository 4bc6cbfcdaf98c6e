import { foldKana } from '../../shared/kana.ts';
import type { TransactionQuery, TransactionView } from '../../shared/ipc/contract.ts';
import type { AppDatabase } from './app-database.ts';

export type StatementQuery = Required<Pick<TransactionQuery, 'offset' | 'limit'>> & TransactionQuery;

/**
 * One page of the statement view and how many rows match: the filters of the 明細 screen, in
 * either order. Within a day the rows keep the order they arrived in (seq, migration 6), so in
 * `asc` order each account's balance follows from the one before it.
 */
export function queryStatement(
  db: AppDatabase,
  query: StatementQuery,
): { total: number; rows: TransactionView[] } {
  const text = query.text === undefined ? '' : foldKana(query.text);
  const filters: Array<[applies: boolean, sql: string, value: string | number | undefined]> = [
    [query.accountId !== undefined, 'account_id = ?', Number(query.accountId)],
    [!!query.dateFrom, 'transaction_date >= ?', query.dateFrom],
    [!!query.dateTo, 'transaction_date <= ?', query.dateTo],
    [!!query.type, 'type = ?', query.type],
    [query.minAmount !== undefined, 'amount >= ?', query.minAmount],
    [query.maxAmount !== undefined, 'amount <= ?', query.maxAmount],
    // Both sides folded (shared/kana.ts): ﾃﾞﾝｷ, デンキ and でんき all find ﾃﾞﾝｷﾘﾖｳｷﾝ. GLOB rather
    // than instr(): the same substring match at half the cost over 100,000 rows.
    [text !== '', 'remarks_folded GLOB ?', `*${globLiteral(text)}*`],
  ];
  const active = filters.filter(([applies]) => applies);
  const clause = active.length ? `WHERE ${active.map(([, sql]) => sql).join(' AND ')}` : '';
  const params = active.map(([, , value]) => value!);
  const direction = query.order === 'desc' ? 'DESC' : 'ASC';

  const total = (
    db.prepare(`SELECT count(*) AS n FROM transactions ${clause}`).get(...params) as { n: number }
  ).n;
  // Past the last match (or none at all): the count already said so, the index need not be read again.
  if (query.offset >= total) return { total, rows: [] };
  const order = `ORDER BY transaction_date ${direction}, account_id ${direction}, seq ${direction}`;
  // The page's keys come from a covering index (migration 2), so skipping 99,800 rows reads only
  // that index; the table is visited for the 200 rows shown, not for every row skipped. CROSS JOIN
  // keeps the page as the outer loop: with LIMIT bound as a parameter the planner would otherwise
  // scan the whole table and probe the page.
  const rows = db
    .prepare(
      `SELECT account_id AS accountId, item_key AS itemKey, transaction_date AS transactionDate,
         value_date AS valueDate, type, amount, remarks, balance
       FROM (SELECT account_id, item_key FROM transactions ${clause} ${order} LIMIT ? OFFSET ?) AS page
       CROSS JOIN transactions USING (account_id, item_key)
       ${order}`,
    )
    .all(...params, query.limit, query.offset) as Array<TransactionView & { accountId: number }>;
  return { total, rows: rows.map((r) => ({ ...r, accountId: String(r.accountId) })) };
}

/** The user's text matched as typed: GLOB's wildcards `*`, `?` and `[` each in a class of their own. */
function globLiteral(text: string): string {
  return text.replace(/[*?[]/g, (char) => `[${char}]`);
}
