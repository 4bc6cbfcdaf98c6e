import { AppError } from '../../shared/app-errors.ts';
import type { AppEvent, SyncOutcome } from '../../shared/ipc/contract.ts';
import type { ConnectionAccess } from '../connections/connection-access.ts';
import { log } from '../log/logger.ts';
import { syncConnection, type SyncStores } from './sync-engine.ts';

/**
 * Runs syncs: on demand, for every active connection, or on an interval. A connection never has
 * two syncs at once — asking again while one runs joins it — and an expired link found during a
 * sync turns the connection to 要再連携.
 */
export class SyncScheduler {
  private readonly running = new Map<string, Promise<SyncOutcome>>();
  private timer: NodeJS.Timeout | undefined;
  private readonly stores: SyncStores;
  private readonly connections: ConnectionAccess;
  private readonly emit: (event: AppEvent) => void;
  private readonly beforeFinished: (() => Promise<void>) | undefined;

  /**
   * `beforeFinished`: work on the new lines before the UI hears of the sync and the sync's call
   * answers (the books' 自動登録, in slices: awaited, not run inside the event).
   */
  constructor(deps: {
    stores: SyncStores;
    connections: ConnectionAccess;
    emit(event: AppEvent): void;
    beforeFinished?: () => Promise<void>;
  }) {
    this.stores = deps.stores;
    this.connections = deps.connections;
    this.emit = deps.emit;
    this.beforeFinished = deps.beforeFinished;
  }

  run(connectionId: string): Promise<SyncOutcome> {
    let run = this.running.get(connectionId);
    if (!run) {
      run = this.syncOnce(connectionId).finally(() => this.running.delete(connectionId));
      this.running.set(connectionId, run);
    }
    return run;
  }

  /** Every connection that can sync (active ones); the others keep their data and wait for 再連携. */
  runAll(): Promise<SyncOutcome[]> {
    const active = this.stores.connections.list().filter((c) => c.status === 'active');
    return Promise.all(active.map((c) => this.run(c.id)));
  }

  /** Background syncs every `intervalMs` from now on, replacing the previous interval; 0 stops them. */
  startInterval(intervalMs: number): void {
    this.stopInterval();
    if (intervalMs > 0) this.timer = setInterval(() => void this.runAll().catch(() => {}), intervalMs);
  }

  stopInterval(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Resolves once every running sync has ended (for a clean quit). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.running.values()]);
  }

  private async syncOnce(connectionId: string): Promise<SyncOutcome> {
    const record = this.connections.record(connectionId);
    if (record.status === 'relink-required') throw new AppError('CONSENT_EXPIRED');
    if (record.status === 'disconnected') throw new AppError('NOT_FOUND', 'the connection was disconnected');
    const startedAt = new Date().toISOString();
    this.emit({ type: 'sync:started', connectionId });
    // The bank asked for a pause (429/503 with Retry-After) or a request is backing off: the UI
    // says 銀行の指示で待機中 until retryAt instead of looking stuck.
    const api = this.connections.apiFor(record, (waitMs, status) =>
      this.emit({
        type: 'sync:waiting',
        connectionId,
        ...(status === undefined ? {} : { status }),
        retryAt: new Date(Date.now() + waitMs).toISOString(),
      }),
    );
    let outcome: SyncOutcome;
    try {
      outcome = await syncConnection(record, api, {
        stores: this.stores,
        emit: this.emit,
      });
    } catch (error) {
      // Failed before any account could start (the bank is down, the link is gone): record it too.
      const info = error instanceof AppError ? error.toInfo() : { code: 'INTERNAL' as const };
      log[error instanceof AppError ? 'warn' : 'error']('sync.failed', {
        connectionId,
        error: info,
        cause: error,
      });
      outcome = { connectionId, startedAt, finishedAt: new Date().toISOString(), accounts: [], error: info };
      this.stores.connections.recordSync(outcome);
    }
    if (outcome.error?.code === 'CONSENT_EXPIRED') this.connections.markRelinkRequired(connectionId);
    log.info('sync.finished', {
      connectionId,
      newTransactions: outcome.accounts.reduce((n, a) => n + a.newTransactions, 0),
      failedAccounts: outcome.accounts.filter((a) => a.error).length,
      ...(outcome.error ? { linkError: outcome.error.code } : {}),
    });
    await this.beforeFinished?.();
    this.emit({ type: 'sync:finished', outcome });
    return outcome;
  }
}
