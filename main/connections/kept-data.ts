import { AppError } from '../../shared/app-errors.ts';
import type { ConnectionStore } from '../store/connection-store.ts';

/**
 * Deletes what a link disconnected with its data kept left behind: the connection, its accounts and
 * their statements (the search index and the sums follow by trigger). Only a disconnected link's
 * data: an active or 要再連携 one goes through 連携解除, which withdraws the consent at the bank first.
 */
export function deleteKeptData(connections: ConnectionStore, connectionId: string): void {
  const record = connections.get(connectionId);
  if (!record) throw new AppError('NOT_FOUND', `no connection ${connectionId}`);
  if (record.status !== 'disconnected')
    throw new AppError(
      'INVALID_ARGUMENT',
      'only a disconnected link’s kept data can be deleted; disconnect it first',
    );
  connections.delete(connectionId);
}
