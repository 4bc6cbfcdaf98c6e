import { z } from 'zod';
import type { AppErrorInfo } from '../app-errors.ts';
import type { DomainChannel } from './channels.ts';
import { id } from './schema-parts.ts';

/** The `sync:` domain: fetching the banks' new statements, one connection or all. */

export const SYNC_ARGS = {
  'sync:run': z.object({ connectionId: id.optional() }).strict(),
} as const satisfies Record<DomainChannel<'sync'>, z.ZodType>;

export interface AccountSyncResult {
  accountId: string;
  newTransactions: number;
  error?: AppErrorInfo;
}

export interface SyncOutcome {
  connectionId: string;
  startedAt: string;
  finishedAt: string;
  accounts: AccountSyncResult[];
  /** Set when the whole connection failed (expired link, bank down before the account list). */
  error?: AppErrorInfo;
}

export interface SyncResults {
  'sync:run': SyncOutcome[];
}
