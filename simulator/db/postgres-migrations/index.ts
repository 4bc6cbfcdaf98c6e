/**
 * The bank's schema on PostgreSQL (BANK_DATABASE_URL), one file per step, in the order they run
 * (../postgres-migrate.ts runs them; `bank_schema.version` counts the steps run). Step N does
 * on PostgreSQL what step N of ../migrations/ does on SQLite, in PostgreSQL's types.
 *
 * As there, a released step is never edited: add a step, here and in ../migrations/ together.
 */
import { PG_STEP_0001_BANK } from './0001-bank.ts';
import { PG_STEP_0002_LEDGER } from './0002-ledger.ts';
import { PG_STEP_0003_HOLDINGS } from './0003-holdings.ts';
import { PG_STEP_0004_CONSENT_GRANT } from './0004-consent-grant.ts';
import { PG_STEP_0005_DPOP_JTIS } from './0005-dpop-jtis.ts';
import { PG_STEP_0006_SHARED_STATE } from './0006-shared-state.ts';

import { PG_STEP_0007_NAMESPACES } from './0007-namespaces.ts';
export const POSTGRES_MIGRATIONS: readonly string[] = [
  PG_STEP_0001_BANK,
  PG_STEP_0002_LEDGER,
  PG_STEP_0003_HOLDINGS,
  PG_STEP_0004_CONSENT_GRANT,
  PG_STEP_0005_DPOP_JTIS,
  PG_STEP_0006_SHARED_STATE,
  PG_STEP_0007_NAMESPACES,
];
