import type { DomainHandlers } from '../../shared/ipc/contract.ts';
import type { ViewQueries } from '../store/view-queries.ts';

/** The `statements:` channels: the 明細 view's pages. */
export function statementsHandlers(views: ViewQueries): DomainHandlers<'statements'> {
  return {
    'statements:query': async (query) => views.transactions(query),
  };
}
