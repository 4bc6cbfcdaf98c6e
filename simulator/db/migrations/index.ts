/**
 * The bank's schema, one file per step, in the order they run (shared/sqlite-migrations.ts runs
 * them; `user_version` counts the steps a database has run). Times are epoch seconds (UTC); dates
 * shown to people are derived in JST where they are rendered.
 *
 * A released step is never edited, not even a comment inside its SQL: a bank's database ran it
 * as it was, and a fresh one must run the same. To change the schema, add a step:
 * 1. a new file numbered after the last (`0005-what-it-does.ts`) exporting its SQL written out
 *    in full — no fragment shared with another step — with a comment saying why;
 * 2. its import appended to MIGRATIONS below;
 * 3. its hash recorded in test/simulator/bank-migration-steps.test.ts (the test prints the line);
 * 4. `node scripts/freeze-migrated-databases.ts`, which keeps a database as the new step leaves
 *    it in test/fixtures/migrations/, for later steps to be tested against.
 */
import { STEP_0001_BANK } from './0001-bank.ts';
import { STEP_0002_LEDGER } from './0002-ledger.ts';
import { STEP_0003_HOLDINGS } from './0003-holdings.ts';
import { STEP_0004_CONSENT_GRANT } from './0004-consent-grant.ts';
import { STEP_0005_DPOP_JTIS } from './0005-dpop-jtis.ts';
import { STEP_0006_SHARED_STATE } from './0006-shared-state.ts';

import { STEP_0007_NAMESPACES } from './0007-namespaces.ts';
export const MIGRATIONS: readonly string[] = [
  STEP_0001_BANK,
  STEP_0002_LEDGER,
  STEP_0003_HOLDINGS,
  STEP_0004_CONSENT_GRANT,
  STEP_0005_DPOP_JTIS,
  STEP_0006_SHARED_STATE,
  STEP_0007_NAMESPACES,
];
