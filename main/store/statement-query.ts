import type { StatementPage, TransactionQuery } from '../../shared/ipc/contract.ts';
import type { AppDatabase } from './app-database.ts';
import { scanColumns } from './column-scan.ts';
import { currentDayColumns } from './statement-columns.ts';
import { filtersAmounts, type StatementFilter } from './statement-filter.ts';
import { readPage, readRowsByKeys, type PageRow } from './statement-page.ts';
import { findSearch } from './statement-search.ts';
import { statementTotals } from './statement-totals.ts';

export type StatementQuery = Required<Pick<TransactionQuery, 'offset' | 'limit'>> & TransactionQuery;

/**
 * One page of the statement view, how many rows match and their 入金 / 出金 sums: the filters of
 * the 明細 screen, in either order. Within a day the rows keep the order they arrived in (seq,
 * migration 6), so in `asc` order each account's balance follows from the one before it. The count
 * and sums come from totals kept beside the rows (statement-totals.ts), the page from the days it
 * spans (statement-page.ts); a filter by amount scans the rows' columns instead (column-scan.ts).
 * Each answers what counting and sorting every matching row would.
 */
export function queryStatement(db: AppDatabase, query: StatementQuery): StatementPage {
  // One read transaction: the count, the walk over the totals and the page see the same rows, even
  // if another connection writes between them.
  return db.transaction(() => answer(db, query))();
}

function answer(db: AppDatabase, query: StatementQuery): StatementPage {
  const filter = toFilter(db, query);
  if (filter.search?.matching.length === 0) return { total: 0, deposits: 0, withdrawals: 0, rows: [] };
  if (filtersAmounts(filter)) return scanned(db, filter, query);
  const totals = statementTotals(db, filter);
  // Past the last match (or none at all): the count already said so, the rows need not be read.
  if (query.offset >= totals.total) return { ...totals, rows: [] };

  // A page in the second half is read from the other end and turned round: the days are then
  // walked, or the index skipped through, for at most half the matches.
  const limit = Math.min(query.limit, totals.total - query.offset);
  const fromEnd = query.offset + limit / 2 > totals.total / 2;
  const offset = fromEnd ? totals.total - query.offset - limit : query.offset;
  const order = (query.order === 'desc') !== fromEnd ? 'DESC' : 'ASC';
  const rows = readPage(db, filter, { order, offset, limit });
  if (fromEnd) rows.reverse();
  return { ...totals, rows: toViews(rows) };
}

/**
 * A filter by amount, answered by one scan of the rows' columns (column-scan.ts): no table of
 * totals keeps amounts with the days or remarks they are combined with.
 */
function scanned(db: AppDatabase, filter: StatementFilter, query: StatementQuery): StatementPage {
  const { page, ...totals } = scanColumns(currentDayColumns(db), filter, {
    order: query.order ?? 'asc',
    offset: query.offset,
    limit: query.limit,
  });
  return { ...totals, rows: toViews(readRowsByKeys(db, page)) };
}

const toViews = (rows: PageRow[]): StatementPage['rows'] =>
  rows.map((r) => ({ ...r, accountId: String(r.accountId) }));

/** The query as the tables are asked it, the text resolved to the remarks that hold it. */
function toFilter(db: AppDatabase, query: StatementQuery): StatementFilter {
  const filter: StatementFilter = {};
  if (query.accountId !== undefined) filter.accountId = Number(query.accountId);
  if (query.dateFrom) filter.dateFrom = query.dateFrom;
  if (query.dateTo) filter.dateTo = query.dateTo;
  if (query.type) filter.type = query.type;
  if (query.minAmount !== undefined) filter.minAmount = query.minAmount;
  if (query.maxAmount !== undefined) filter.maxAmount = query.maxAmount;
  const search = query.text === undefined ? undefined : findSearch(db, query.text);
  if (search) filter.search = search;
  return filter;
}
