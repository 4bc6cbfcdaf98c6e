import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { ConnectionView, SyncOutcome } from '../../../shared/ipc/contract.ts';
import { call, subscribe } from '../bridge.ts';
import type { ErrorState } from '../app/use-error.ts';
import {
  initialSyncState,
  outcomeError,
  reduceSync,
  summarizeSyncs,
  type SyncState,
  type SyncSummary,
} from './progress.ts';

export interface SyncControl {
  state: SyncState;
  /** A sync runs: the core said so, or the 同期 the user pressed has not answered yet. */
  busy: boolean;
  /** Every link's latest sync summed up (this session's, else what the connections remember). */
  summary: SyncSummary | undefined;
  run(connectionId?: string): void;
}

/**
 * The running syncs as the core reports them (launch, interval and on-demand syncs alike), and the
 * 同期 action. A failed sync's error is shown with a retry of that connection.
 */
export function useSync(errors: ErrorState, connections: ConnectionView[]): SyncControl {
  const [state, dispatch] = useReducer(reduceSync, initialSyncState);
  const { show, clear } = errors;
  const [asked, setAsked] = useState(0);

  const run = useCallback(
    (connectionId?: string) => {
      clear();
      setAsked((n) => n + 1);
      call('sync:run', connectionId ? { connectionId } : {})
        .catch((error: unknown) => show(error, { retry: () => run(connectionId) }))
        .finally(() => setAsked((n) => n - 1));
    },
    [show, clear],
  );

  useEffect(
    () =>
      subscribe((event) => {
        dispatch(event);
        if (event.type !== 'sync:finished') return;
        const error = outcomeError(event.outcome);
        const { connectionId } = event.outcome;
        if (error) show(error, { connectionId, retry: () => run(connectionId) });
      }),
    [show, run],
  );

  // Before any sync of this session ends, the last one is the newest the connections remember.
  const remembered = connections
    .map((c) => c.lastSync)
    .filter((s) => s !== undefined)
    .sort((a, b) => b.finishedAt.localeCompare(a.finishedAt))[0];
  // A sync that failed before this page opened (at launch, say) is shown once, like a new one.
  const told = useRef(false);
  useEffect(() => {
    if (told.current || !remembered) return;
    told.current = true;
    const error = outcomeError(remembered);
    const connection = connections.find((c) => c.id === remembered.connectionId);
    if (error && connection?.status !== 'disconnected')
      show(error, { connectionId: remembered.connectionId, retry: () => run(remembered.connectionId) });
  }, [remembered, connections, show, run]);

  const latestOf = (c: ConnectionView) => state.outcomes[c.id] ?? c.lastSync;
  const live = connections.filter((c) => c.status !== 'disconnected');
  const ended = connections.filter((c) => c.status === 'disconnected');
  const defined = (s: SyncOutcome | undefined): s is SyncOutcome => s !== undefined;
  return {
    state: state.last ? state : { ...state, last: remembered },
    summary: summarizeSyncs(live.map(latestOf).filter(defined), ended.map(latestOf).filter(defined)),
    busy: asked > 0 || state.running.length > 0,
    run,
  };
}
