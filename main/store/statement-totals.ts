import type { StatementPage } from '../../shared/ipc/contract.ts';
import type { AppDatabase } from './app-database.ts';
import {
  filterConditions,
  filtersDates,
  termIn,
  whereClause,
  type Condition,
  type StatementFilter,
} from './statement-filter.ts';
import { countedTerms, termsOfDay } from './statement-search.ts';

export type StatementTotals = Omit<StatementPage, 'rows'>;

/**
 * How many rows match a filter without amounts and their 入金 / 出金 sums, from the smaller table
 * of totals (migration 12) that holds every column the filter tests: a few thousand totals where
 * the rows are a million. (Amounts are totalled by nothing: a filter by amount is scanned,
 * column-scan.ts.)
 */
export function statementTotals(db: AppDatabase, filter: StatementFilter): StatementTotals {
  const conditions = filterConditions(filter);
  const { search } = filter;
  const days = () => sum(db, 'statement_day_totals', 'row_count', 'amount', conditions);
  if (!search) return days();
  const ofTerms = filtersDates(filter)
    ? termsWithinDates(db, countedTerms(search), filter)
    : sum(db, 'statement_term_totals', 'row_count', 'amount', [...conditions, termIn(countedTerms(search))]);
  return search.notMatching ? difference(days(), ofTerms) : ofTerms;
}

/** The count and 入金 / 出金 sums over a table whose every row stands for `rowCount` rows summing to `amount`. */
const TOTALS_OF = (rowCount: string, amount: string) =>
  `coalesce(sum(${rowCount}), 0) AS total,
   coalesce(sum(${amount}) FILTER (WHERE type = '1'), 0) AS deposits,
   coalesce(sum(${amount}) FILTER (WHERE type = '2'), 0) AS withdrawals`;

function sum(
  db: AppDatabase,
  from: string,
  rowCount: string,
  amount: string,
  conditions: readonly Condition[],
): StatementTotals {
  const { where, params } = whereClause(conditions);
  return db
    .prepare(`SELECT ${TOTALS_OF(rowCount, amount)} FROM ${from} ${where}`)
    .get(...params) as StatementTotals;
}

/** The rows of some remarks within the filter's dates, read day by day (statement-search.ts). */
function termsWithinDates(db: AppDatabase, ids: readonly number[], filter: StatementFilter): StatementTotals {
  const days = whereClause(filterConditions({ dateFrom: filter.dateFrom, dateTo: filter.dateTo }));
  const terms = whereClause(termsOfDay(ids, filter));
  return db
    .prepare(
      `SELECT ${TOTALS_OF('row_count', 'amount')}
       FROM (SELECT DISTINCT transaction_date FROM statement_day_totals ${days.where}) AS day
       CROSS JOIN statement_totals USING (transaction_date)
       ${terms.where}`,
    )
    .get(...days.params, ...terms.params) as StatementTotals;
}

const difference = (all: StatementTotals, part: StatementTotals): StatementTotals => ({
  total: all.total - part.total,
  deposits: all.deposits - part.deposits,
  withdrawals: all.withdrawals - part.withdrawals,
});
