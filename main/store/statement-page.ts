import type { TransactionView } from '../../shared/ipc/contract.ts';
import type { AppDatabase } from './app-database.ts';
import { dayWindow } from './day-window.ts';
import {
  filterConditions,
  remarksIn,
  whereClause,
  type Condition,
  type StatementFilter,
} from './statement-filter.ts';
import { countedTerms, termsOfDay } from './statement-search.ts';
import type { RowKey } from './column-scan.ts';

export type PageRow = TransactionView & { accountId: number };

/** `limit` matching rows from the `offset`-th, in the statement's order or its reverse. */
export interface PageRequest {
  order: 'ASC' | 'DESC';
  offset: number;
  limit: number;
}

/**
 * One page of the rows that match a filter without amounts. The totals by day (migration 12) say
 * on which day the page starts and on which it ends; the page is then read from those days alone,
 * however deep the offset, skipping only the rows of its first day that come before it.
 */
export function readPage(db: AppDatabase, filter: StatementFilter, page: PageRequest): PageRow[] {
  const window = dayWindow(dayRows(db, filter, page.order), page.offset, page.limit);
  if (!window) return [];
  const [from, to] = page.order === 'ASC' ? [window.first, window.last] : [window.last, window.first];
  const conditions = filterConditions({ ...filter, dateFrom: from, dateTo: to });
  const { search } = filter;
  const request = { ...page, offset: window.skip };
  if (!search) return pageRows(db, '', conditions, request);
  // A search matching most remarks reads the days in order and leaves out the few others' rows; a
  // narrower one seeks each remark it matches in the index by remarks, and sorts the days' matches.
  if (search.notMatching)
    return pageRows(db, '', [...conditions, remarksIn(search.notMatching, true)], request);
  return pageRows(
    db,
    'INDEXED BY transactions_by_remarks',
    [...conditions, remarksIn(search.matching)],
    request,
  );
}

/**
 * The matching rows of each day, in the page's order, read in the order of the totals' key and
 * only as far as the page: from the totals by day, less (or only) a search's remarks' rows that
 * day (statement-search.ts).
 */
function dayRows(
  db: AppDatabase,
  filter: StatementFilter,
  order: PageRequest['order'],
): Iterable<[string, number]> {
  const days = whereClause(filterConditions(filter));
  const { search } = filter;
  const terms = search && whereClause(termsOfDay(countedTerms(search), filter));
  const ofTerms =
    terms &&
    `(SELECT coalesce(sum(row_count), 0) FROM statement_totals
      ${terms.where} AND transaction_date = day.transaction_date)`;
  const rows = !ofTerms ? 'sum(row_count)' : search.notMatching ? `sum(row_count) - ${ofTerms}` : ofTerms;
  return db
    .prepare(
      `SELECT transaction_date, ${rows} FROM statement_day_totals AS day ${days.where}
       GROUP BY transaction_date ORDER BY transaction_date ${order}`,
    )
    .raw()
    .iterate(...(terms?.params ?? []), ...days.params) as Iterable<[string, number]>;
}

/**
 * The page's keys come from a covering index, so skipping rows reads only that index; the table is
 * visited for the rows shown. CROSS JOIN keeps the page as the outer loop: with LIMIT bound as a
 * parameter the planner would otherwise scan the whole table and probe the page.
 */
function pageRows(
  db: AppDatabase,
  index: string,
  conditions: readonly Condition[],
  page: PageRequest,
): PageRow[] {
  const { where, params } = whereClause(conditions);
  const order = `ORDER BY transaction_date ${page.order}, account_id ${page.order}, seq ${page.order}`;
  return db
    .prepare(
      `SELECT account_id AS accountId, item_key AS itemKey, transaction_date AS transactionDate,
         value_date AS valueDate, type, amount, remarks, balance
       FROM (SELECT account_id, item_key FROM transactions ${index} ${where} ${order} LIMIT ? OFFSET ?) AS page
       CROSS JOIN transactions USING (account_id, item_key)
       ${order}`,
    )
    .all(...params, page.limit, page.offset) as PageRow[];
}

/** The rows of a page found by a scan (column-scan.ts), in the order of their keys. */
export function readRowsByKeys(db: AppDatabase, keys: readonly RowKey[]): PageRow[] {
  if (keys.length === 0) return [];
  return db
    .prepare(
      `SELECT t.account_id AS accountId, t.item_key AS itemKey, t.transaction_date AS transactionDate,
         t.value_date AS valueDate, t.type, t.amount, t.remarks, t.balance
       FROM json_each(?) AS key
       CROSS JOIN transactions AS t INDEXED BY transactions_by_account_date
         ON t.account_id = key.value ->> 'accountId' AND t.transaction_date = key.value ->> 'date'
         AND t.seq = key.value ->> 'seq'
       ORDER BY key.key`,
    )
    .all(JSON.stringify(keys)) as PageRow[];
}
