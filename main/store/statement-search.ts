import { foldKana } from '../../shared/kana.ts';
import type { AppDatabase } from './app-database.ts';
import {
  filterConditions,
  termIn,
  type Condition,
  type Search,
  type StatementFilter,
} from './statement-filter.ts';

/**
 * The distinct remarks whose folded form contains the folded text (shared/kana.ts: ﾃﾞﾝｷ, デンキ and
 * でんき all find ﾃﾞﾝｷﾘﾖｳｷﾝ), found once per query through the full-text index (migration 7): GLOB
 * is a case-sensitive substring test like the index; FTS5 answers it from trigrams when the text
 * has 3 characters or more, and by reading its small table of distinct remarks when it has 1 or 2.
 * Undefined when the text folds to nothing (only spaces): it filters nothing. A text holding a
 * control character matches nothing: remarks never hold one (rule keywords refuse them too), and
 * GLOB would read a NUL as the pattern's end — `*` — and match every row.
 */
export function findSearch(db: AppDatabase, text: string): Search | undefined {
  if (CONTROL_CHARACTER.test(text)) return { matching: [] };
  const folded = foldKana(text);
  if (folded === '') return undefined;
  const matching = db
    .prepare('SELECT rowid FROM remarks_search WHERE folded GLOB ?')
    .pluck()
    .all(`*${globLiteral(folded)}*`) as number[];
  if (matching.length === 0) return { matching };
  const remarks = db.prepare('SELECT count(*) FROM remarks_terms').pluck().get() as number;
  if (matching.length * 2 <= remarks) return { matching };
  const notMatching = db
    .prepare('SELECT id FROM remarks_terms WHERE id NOT IN (SELECT value FROM json_each(?))')
    .pluck()
    .all(JSON.stringify(matching)) as number[];
  return { matching, notMatching };
}

const CONTROL_CHARACTER = /\p{Cc}/u;

/** The user's text matched as typed: GLOB's wildcards `*`, `?` and `[` each in a class of their own. */
function globLiteral(text: string): string {
  return text.replace(/[*?[]/g, (char) => `[${char}]`);
}

/**
 * Up to this many remarks, a day's totals of a set of remarks are found by one seek per remark
 * (about 1 µs each); past it, by reading all the day's totals (about 0.1 µs each, 420 a day at
 * 1,000,000 rows) and testing each. The unary + keeps the planner off the seeks.
 */
const SEEKS_PER_DAY = 16;

/** The remarks the search's totals are read for: those it does not match, when it matches most. */
export const countedTerms = (search: Search): readonly number[] => search.notMatching ?? search.matching;

/**
 * Conditions on statement_totals (migration 12: by day, remark, account and type) for the rows of
 * some remarks under the filter's account and type, day by day: the day's condition is the
 * caller's.
 */
export function termsOfDay(ids: readonly number[], filter: StatementFilter): Condition[] {
  const [sql, value] = termIn(ids);
  return [
    [ids.length <= SEEKS_PER_DAY ? sql : `+${sql}`, value],
    ...filterConditions({ accountId: filter.accountId, type: filter.type }),
  ];
}
