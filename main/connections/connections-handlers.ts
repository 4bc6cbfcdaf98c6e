import type { AppEvent, DomainHandlers } from '../../shared/ipc/contract.ts';
import type { ConnectionStore } from '../store/connection-store.ts';
import type { ViewQueries } from '../store/view-queries.ts';
import type { SyncScheduler } from '../sync/sync-scheduler.ts';
import type { ConnectionService } from './connection-service.ts';
import { deleteKeptData } from './kept-data.ts';
import { withExpiry } from './link-expiry.ts';

export interface ConnectionsHandlerDeps {
  connections: ConnectionService;
  store: ConnectionStore;
  views: ViewQueries;
  syncs: SyncScheduler;
  emit(event: AppEvent): void;
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
      deleteKeptData(deps.store, connectionId);
      deps.emit({ type: 'connections:changed' });
      return { deleted: true };
    },
  };
}
