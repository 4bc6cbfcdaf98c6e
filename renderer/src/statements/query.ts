import type { TransactionQuery } from '../../../shared/ipc/contract.ts';

/** What the filter bar holds: the inputs' raw strings ('' = no filter). */
export interface StatementFilters {
  accountId: string;
  dateFrom: string;
  dateTo: string;
  type: '' | '1' | '2';
  minAmount: string;
  maxAmount: string;
  text: string;
  /** By date: 'desc' newest first (the default), 'asc' oldest first. */
  order: 'asc' | 'desc';
}

export const emptyFilters: StatementFilters = {
  accountId: '',
  dateFrom: '',
  dateTo: '',
  type: '',
  minAmount: '',
  maxAmount: '',
  text: '',
  order: 'desc',
};

const MAX_YEN = 1e13;
const MAX_TEXT = 100;

/** `12,000`, `１２０００` or `¥12000` as integer yen; undefined for '' and for anything else. */
export function parseYen(input: string): number | undefined {
  const ascii = input
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[,，¥￥円\s]/g, '');
  if (!/^\d+$/.test(ascii)) return undefined;
  const n = Number(ascii);
  return n <= MAX_YEN ? n : undefined;
}

export type FilterProblem = 'minAmount' | 'maxAmount' | 'dateRange' | 'amountRange';

/**
 * The filters as the core's query (in the order chosen), and which inputs could not be read: those are
 * left out of the query and marked on the screen rather than sent to be refused.
 */
export function toQuery(filters: StatementFilters): { query: TransactionQuery; problems: FilterProblem[] } {
  const query: TransactionQuery = { order: filters.order };
  const problems: FilterProblem[] = [];
  if (filters.accountId) query.accountId = filters.accountId;
  if (/^\d{4}-\d{2}-\d{2}$/.test(filters.dateFrom)) query.dateFrom = filters.dateFrom;
  if (/^\d{4}-\d{2}-\d{2}$/.test(filters.dateTo)) query.dateTo = filters.dateTo;
  if (query.dateFrom && query.dateTo && query.dateFrom > query.dateTo) problems.push('dateRange');
  if (filters.type) query.type = filters.type;
  for (const key of ['minAmount', 'maxAmount'] as const) {
    if (filters[key].trim() === '') continue;
    const n = parseYen(filters[key]);
    if (n === undefined) problems.push(key);
    else query[key] = n;
  }
  if (query.minAmount !== undefined && query.maxAmount !== undefined && query.minAmount > query.maxAmount)
    problems.push('amountRange');
  const text = filters.text.trim().slice(0, MAX_TEXT);
  if (text) query.text = text;
  return { query, problems };
}

/** Which way the list moved since the last look: the rows that way are read further ahead. */
export type ScrollDirection = 'down' | 'up' | 'none';

/**
 * Kanji in a remarks search: the bank prints remarks in kana (ﾃﾞﾝｷﾘﾖｳｷﾝ, never 電気料金), so a
 * search with kanji that finds nothing is told to use kana.
 */
export function hasKanji(text: string): boolean {
  return /\p{Script=Han}/u.test(text);
}
