import { useCallback, useEffect, useState } from 'react';
import type { AccountView, AppEvent, ConnectionView, SyncOutcome } from '../../shared/ipc/contract.ts';
import type { AppErrorInfo } from '../../shared/app-errors.ts';
import { call, subscribe } from './bridge.ts';

export interface SyncProgress {
  pages: number;
  rows: number;
}

export interface CoreState {
  connections: ConnectionView[];
  accounts: AccountView[];
  /** Set while the system browser is open for a link. */
  waiting: boolean;
  progress: SyncProgress | undefined;
  lastSync: SyncOutcome | undefined;
  error: AppErrorInfo | undefined;
  setError(error: AppErrorInfo | undefined): void;
  reload(): Promise<void>;
}

/** The core's state as the page shows it, kept current by the core's events. */
export function useCore(): CoreState {
  const [connections, setConnections] = useState<ConnectionView[]>([]);
  const [accounts, setAccounts] = useState<AccountView[]>([]);
  const [waiting, setWaiting] = useState(false);
  const [progress, setProgress] = useState<SyncProgress>();
  const [lastSync, setLastSync] = useState<SyncOutcome>();
  const [error, setError] = useState<AppErrorInfo>();

  const reload = useCallback(async () => {
    const [c, a] = await Promise.all([
      call('connections:list', undefined),
      call('ledger:accounts', undefined),
    ]);
    setConnections(c);
    setAccounts(a);
  }, []);

  useEffect(() => {
    void reload().catch(() => {});
    // Rows per account add up across a connection's accounts within one sync.
    const rowsByAccount = new Map<string, SyncProgress>();
    return subscribe((event: AppEvent) => {
      switch (event.type) {
        case 'connect:waiting':
          setWaiting(true);
          break;
        case 'connect:finished':
          setWaiting(false);
          break;
        case 'connections:changed':
          void reload().catch(() => {});
          break;
        case 'sync:progress': {
          rowsByAccount.set(event.accountId, { pages: event.pages, rows: event.rows });
          const all = [...rowsByAccount.values()];
          setProgress({
            pages: all.reduce((n, p) => n + p.pages, 0),
            rows: all.reduce((n, p) => n + p.rows, 0),
          });
          break;
        }
        case 'sync:finished':
          rowsByAccount.clear();
          setProgress(undefined);
          setLastSync(event.outcome);
          void reload().catch(() => {});
          break;
      }
    });
  }, [reload]);

  return { connections, accounts, waiting, progress, lastSync, error, setError, reload };
}
