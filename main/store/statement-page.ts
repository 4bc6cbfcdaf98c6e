import type { TransactionView } from '../../shared/ipc/contract.ts';
import type { AppDatabase } from './app-database.ts';
import { dayWindow } from './day-window.ts';
import {
  filterConditions,
  filtersAmounts,
  remarksIn,
  whereClause,
  type Condition,
  type StatementFilter,
} from './statement-filter.ts';
import { countedTerms, termsOfDay } from './statement-search.ts';
import { ledgerSize } from './statement-totals.ts';

export type PageRow = TransactionView & { accountId: number };

/** `limit` matching rows from the `offset`-th, in the statement's order or its reverse. */
export interface PageRequest {
  order: 'ASC' | 'DESC';
  offset: number;
  limit: number;
}

/**
 * One page of the rows that match the filter. The totals by day (migration 12) say on which day
 * the page starts and on which it ends; the page is then read from those days alone, however deep
 * the offset, skipping only the rows of its first day that come before it. Amounts are totalled by
 * no day, so a filter by amount is paged by offset along the whole order.
 */
export function readPage(
  db: AppDatabase,
  filter: StatementFilter,
  page: PageRequest,
  total: number,
): PageRow[] {
  if (filtersAmounts(filter)) return readByOffset(db, filter, page, total);
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
 * A page by offset along the whole order, for a filter by amount. A search matching most remarks,
 * or a large share of the rows (ｳﾘｱｹﾞ: 60% of CORP9000's), is paged fastest along the date order,
 * testing each row's remarks (the unary + keeps the planner off the remarks index); a narrow one
 * (ﾃﾞﾝｷ: 1%) from the remarks index, sorting only its matches.
 */
function readByOffset(db: AppDatabase, filter: StatementFilter, page: PageRequest, total: number): PageRow[] {
  const conditions = filterConditions(filter);
  const { search } = filter;
  if (!search) return pageRows(db, '', conditions, page);
  if (search.notMatching) return pageRows(db, '', [...conditions, remarksIn(search.notMatching, true)], page);
  const [sql, value] = remarksIn(search.matching);
  const wide = total * 8 > ledgerSize(db);
  return pageRows(db, '', [...conditions, [wide ? `+${sql}` : sql, value]], page);
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
