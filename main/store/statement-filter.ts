/**
 * The 明細 screen's filter as the store's tables are asked it. The searched text is resolved
 * before, to the distinct remarks that hold it (statement-search.ts).
 */
export interface StatementFilter {
  accountId?: number;
  dateFrom?: string;
  dateTo?: string;
  type?: '1' | '2';
  minAmount?: number;
  maxAmount?: number;
  /** Absent when no text is searched. */
  search?: Search;
}

/** The distinct remarks a search matches, as their ids in remarks_terms (migration 7). */
export interface Search {
  /** Never empty: a search that matches no remark answers without asking the tables. */
  matching: readonly number[];
  /**
   * When the search matches most remarks (ﾌﾘｺﾐ matches every transfer's), the few it does not: a
   * day's matches are then its rows less theirs, counted from a handful of totals, and a page
   * leaves their rows out of the days it reads.
   */
  notMatching?: readonly number[];
}

/** One SQL condition and the value bound to its `?`. */
export type Condition = readonly [sql: string, value: string | number];

/**
 * A set of remarks in a condition: the totals name a remark by its id, the rows by their folded
 * remarks (the column their index by remarks starts with). The ids are bound as one JSON array,
 * however many remarks there are.
 */
export const termIn = (ids: readonly number[]): Condition => [
  'term_id IN (SELECT value FROM json_each(?))',
  JSON.stringify(ids),
];
export const remarksIn = (ids: readonly number[], not = false): Condition => [
  `remarks_folded ${not ? 'NOT IN' : 'IN'} (SELECT folded FROM remarks_terms WHERE id IN (SELECT value FROM json_each(?)))`,
  JSON.stringify(ids),
];

/**
 * The filter's conditions but the search's, over a table whose columns are named as in
 * `transactions` (each caller matches the remarks as its table holds them).
 */
export function filterConditions(filter: StatementFilter): Condition[] {
  const conditions: Array<Condition | false> = [
    filter.accountId !== undefined && ['account_id = ?', filter.accountId],
    filter.dateFrom !== undefined && ['transaction_date >= ?', filter.dateFrom],
    filter.dateTo !== undefined && ['transaction_date <= ?', filter.dateTo],
    filter.type !== undefined && ['type = ?', filter.type],
    filter.minAmount !== undefined && ['amount >= ?', filter.minAmount],
    filter.maxAmount !== undefined && ['amount <= ?', filter.maxAmount],
  ];
  return conditions.filter((condition) => condition !== false);
}

/** `WHERE a AND b …` (or nothing) and the values to bind, in order. */
export function whereClause(conditions: readonly Condition[]): {
  where: string;
  params: Array<string | number>;
} {
  return {
    where: conditions.length ? `WHERE ${conditions.map(([sql]) => sql).join(' AND ')}` : '',
    params: conditions.map(([, value]) => value),
  };
}

export const filtersAmounts = (filter: StatementFilter): boolean =>
  filter.minAmount !== undefined || filter.maxAmount !== undefined;

export const filtersDates = (filter: StatementFilter): boolean =>
  filter.dateFrom !== undefined || filter.dateTo !== undefined;
