import type { AppErrorInfo } from '../../../shared/app-errors.ts';
import type { AccountView, ConnectionView } from '../../../shared/ipc/contract.ts';

/**
 * An account's last sync as the user should read it: the account's own run, unless its
 * connection tried later and failed as a whole (an expired link, the bank down before the
 * account list) — then that attempt, so a failure never hides behind an older success.
 */
export function accountSyncResult(
  account: Pick<AccountView, 'lastSyncedAt' | 'lastError'>,
  connection: Pick<ConnectionView, 'lastSync'> | undefined,
): { at: string; error?: AppErrorInfo } | undefined {
  const whole = connection?.lastSync;
  if (whole?.error && (!account.lastSyncedAt || whole.finishedAt > account.lastSyncedAt))
    return { at: whole.finishedAt, error: whole.error };
  if (!account.lastSyncedAt) return undefined;
  return account.lastError
    ? { at: account.lastSyncedAt, error: account.lastError }
    : { at: account.lastSyncedAt };
}
