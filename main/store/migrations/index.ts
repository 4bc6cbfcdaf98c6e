/**
 * The desktop app's database schema, one file per step, in the order they run
 * (shared/sqlite-migrations.ts runs them; `user_version` counts the steps a database has run).
 * Amounts are integer yen; dates `YYYY-MM-DD` JST; times ISO 8601 UTC. No token is ever stored
 * here: refresh tokens live in the OS keychain only.
 *
 * A released step is never edited, not even a comment inside its SQL: a user's database ran it
 * as it was, and a fresh one must run the same. To change the schema, add a step:
 * 1. a new file numbered after the last (`0016-what-it-does.ts`) exporting its SQL written out
 *    in full — no fragment shared with another step — with a comment saying why;
 * 2. its import appended to SCHEMA_MIGRATIONS below;
 * 3. its hash recorded in test/client/schema-migration-steps.test.ts (the test prints the line);
 * 4. `node scripts/freeze-migrated-databases.ts`, which keeps a database as the new step leaves
 *    it in test/fixtures/migrations/, for later steps to be tested against.
 */
import { STEP_0001_CONNECTIONS } from './0001-connections.ts';
import { STEP_0002_FOLDED_REMARKS } from './0002-folded-remarks.ts';
import { STEP_0003_SETTINGS } from './0003-settings.ts';
import { STEP_0004_REFOLD_DASHES } from './0004-refold-dashes.ts';
import { STEP_0005_OTHER_BANKS } from './0005-other-banks.ts';
import { STEP_0006_ARRIVAL_ORDER } from './0006-arrival-order.ts';
import { STEP_0007_REMARKS_SEARCH } from './0007-remarks-search.ts';
import { STEP_0008_STATEMENT_TOTALS } from './0008-statement-totals.ts';
import { STEP_0009_BOOKS } from './0009-books.ts';
import { STEP_0010_BOOKS_QUEUE } from './0010-books-queue.ts';
import { STEP_0011_REVIEW_LEAVES_QUEUE } from './0011-review-leaves-queue.ts';
import { STEP_0012_TOTALS_BY_FILTER } from './0012-totals-by-filter.ts';
import { STEP_0013_DAY_COLUMNS } from './0013-day-columns.ts';
import { STEP_0014_FISCAL_YEAR_AND_BANK_SUB_TITLES } from './0014-fiscal-year-and-bank-sub-titles.ts';
import { STEP_0015_KEY_PROTECTED } from './0015-key-protected.ts';
import { STEP_0016_COMPOUND_ENTRIES_WITH_HISTORY } from './0016-compound-entries-with-history.ts';
import { STEP_0017_COUNTERPARTIES } from './0017-counterparties.ts';
import { STEP_0018_BOOKS_REPORTS } from './0018-books-reports.ts';
import { STEP_0019_BOOKS_WHOSE_AND_CHART } from './0019-books-whose-and-chart.ts';
import { STEP_0020_SETTLEMENTS_AND_RULE_LINES } from './0020-settlements-and-rule-lines.ts';
import { STEP_0021_BACKGROUND_TASKS } from './0021-background-tasks.ts';
import { STEP_0022_TITLE_DAY_TOTALS } from './0022-title-day-totals.ts';
import { STEP_0023_ENTRY_FINDER_AND_COUNTERPARTY_BALANCES } from './0023-entry-finder-and-counterparty-balances.ts';

export const SCHEMA_MIGRATIONS: readonly string[] = [
  STEP_0001_CONNECTIONS,
  STEP_0002_FOLDED_REMARKS,
  STEP_0003_SETTINGS,
  STEP_0004_REFOLD_DASHES,
  STEP_0005_OTHER_BANKS,
  STEP_0006_ARRIVAL_ORDER,
  STEP_0007_REMARKS_SEARCH,
  STEP_0008_STATEMENT_TOTALS,
  STEP_0009_BOOKS,
  STEP_0010_BOOKS_QUEUE,
  STEP_0011_REVIEW_LEAVES_QUEUE,
  STEP_0012_TOTALS_BY_FILTER,
  STEP_0013_DAY_COLUMNS,
  STEP_0014_FISCAL_YEAR_AND_BANK_SUB_TITLES,
  STEP_0015_KEY_PROTECTED,
  STEP_0016_COMPOUND_ENTRIES_WITH_HISTORY,
  STEP_0017_COUNTERPARTIES,
  STEP_0018_BOOKS_REPORTS,
  STEP_0019_BOOKS_WHOSE_AND_CHART,
  STEP_0020_SETTLEMENTS_AND_RULE_LINES,
  STEP_0021_BACKGROUND_TASKS,
  STEP_0022_TITLE_DAY_TOTALS,
  STEP_0023_ENTRY_FINDER_AND_COUNTERPARTY_BALANCES,
];
