import type { AppErrorInfo } from '../app-errors.ts';
import type { IpcChannel } from './channels.ts';
import type { PendingLinkView } from './connections-contract.ts';
import type { IpcArgs, IpcResults } from './contract.ts';
import type { SyncOutcome } from './sync-contract.ts';

/**
 * How the renderer reaches the core: the bridge both shells expose as `window.bankdemo`, its
 * answers, and the events the core pushes without being asked.
 */

/** Every answer is a value: the renderer never sees a thrown error, only a code. */
export type IpcResult<C extends IpcChannel> =
  { ok: true; value: IpcResults[C] } | { ok: false; error: AppErrorInfo };

export type AppEvent =
  | {
      type: 'connect:waiting';
      pending: PendingLinkView;
      /** The app's one-shot loopback listener, for diagnostics (the port is no secret). */
      redirectUri: string;
    }
  | { type: 'connect:finished'; connectionId?: string; error?: AppErrorInfo }
  | { type: 'connections:changed' }
  | { type: 'sync:started'; connectionId: string }
  | {
      type: 'sync:progress';
      connectionId: string;
      accountId: string;
      pages: number;
      rows: number;
      /** The run's first day and the last day written so far (JST), for a progress bar by date. */
      dateFrom: string;
      reachedDate: string;
    }
  /** The bank asked the app to wait (429/503 with Retry-After, or a failed request backing off). */
  | { type: 'sync:waiting'; connectionId: string; status?: number; retryAt: string }
  | { type: 'sync:finished'; outcome: SyncOutcome }
  /** Journal entries changed without the UI asking (自動登録 rules after a sync). */
  | { type: 'books:changed' }
  /** A long operation running in slices (main/tasks/slices.ts) got further, or ended. */
  | { type: 'task:progress'; task: TaskProgress };

/** Where a long operation stands, for the progress the renderer shows while it runs. */
export interface TaskProgress {
  kind: 'kept-data-delete' | 'rules-apply' | 'export';
  /** The connection a deletion empties; '' for the others. */
  subject: string;
  /** Rows deleted, lines looked at, entries written so far, of `total`. */
  done: number;
  total: number;
  /** The task's last event: done, or stopped by an error (the UI hears the error from its call). */
  finished?: boolean;
}

/** What the preload exposes as `window.bankdemo` (and the browser shell's bridge script too). */
export interface BankdemoBridge {
  invoke<C extends IpcChannel>(channel: C, args: IpcArgs[C]): Promise<IpcResult<C>>;
  /** Returns the unsubscribe function. */
  subscribe(listener: (event: AppEvent) => void): () => void;
}
