import type { DomainHandlers } from '../../shared/ipc/contract.ts';
import type { ViewQueries } from '../store/view-queries.ts';
import type { SyncScheduler } from '../sync/sync-scheduler.ts';
import type { ConnectionService } from './connection-service.ts';
import type { KeptDataDeletion } from './kept-data.ts';
import { withExpiry } from './link-expiry.ts';

export interface ConnectionsHandlerDeps {
  connections: ConnectionService;
  keptData: KeptDataDeletion;
  views: ViewQueries;
  syncs: SyncScheduler;
}

/** The `connections:` channels. A new or renewed link syncs at once; a change waits for running syncs. */
export function connectionsHandlers(deps: ConnectionsHandlerDeps): DomainHandlers<'connections'> {
  const { connections, syncs } = deps;
  return {
    'connections:list': async () => deps.views.connections().map(withExpiry),
    'connections:connect': async ({ channel, profileId }) => {
      const view = await connections.connect(channel, profileId);
      void syncs.run(view.id).catch(() => {});
      return view;
    },
    'connections:cancel': async () => ({ cancelled: connections.cancel() }),
    'connections:pending-get': async () => connections.pendingLink(),
    'connections:reopen': async () => connections.reopen(),
    'connections:relink': async ({ connectionId }) => {
      await syncs.idle();
      const view = await connections.relink(connectionId);
      void syncs.run(view.id).catch(() => {});
      return view;
    },
    'connections:disconnect': async ({ connectionId, keepData }) => {
      await syncs.idle();
      return connections.disconnect(connectionId, keepData);
    },
    'connections:kept-data-delete': async ({ connectionId }) => {
      // Resolves once the last slice is written; other calls are answered between the slices.
      await deps.keptData.delete(connectionId);
      return { deleted: true };
    },
  };
}
