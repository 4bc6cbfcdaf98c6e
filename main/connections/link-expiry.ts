import type { ConnectionView } from '../../shared/ipc/contract.ts';

/** A link whose end date passed shows as 要再連携 even before a refresh is refused. */
export const withExpiry = (view: ConnectionView): ConnectionView =>
  view.status === 'active' && view.expiresAt !== undefined && Date.parse(view.expiresAt) <= Date.now()
    ? { ...view, status: 'relink-required' }
    : view;
