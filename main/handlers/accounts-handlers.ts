import type { DomainHandlers } from '../../shared/ipc/contract.ts';
import { withExpiry } from '../connections/link-expiry.ts';
import { groupAccounts } from '../store/account-groups.ts';
import type { ViewQueries } from '../store/view-queries.ts';

/** The `accounts:` channels: the linked accounts (口座), alone or grouped by link. */
export function accountsHandlers(views: ViewQueries): DomainHandlers<'accounts'> {
  return {
    'accounts:list': async () => views.accounts(),
    'accounts:groups-list': async () => groupAccounts(views.accounts(), views.connections().map(withExpiry)),
  };
}
