import type { DomainHandlers } from '../../shared/ipc/contract.ts';
import type { SyncScheduler } from './sync-scheduler.ts';

/** The `sync:` channels: one connection's sync, or every connection's. */
export function syncHandlers(syncs: SyncScheduler): DomainHandlers<'sync'> {
  return {
    'sync:run': async ({ connectionId }) => (connectionId ? [await syncs.run(connectionId)] : syncs.runAll()),
  };
}
