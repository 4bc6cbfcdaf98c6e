import { z } from 'zod';
import { CHANNELS, type ApiScope, type Channel } from '../bank/oauth.ts';
import type { DomainChannel } from './channels.ts';
import { id } from './schema-parts.ts';
import type { SyncOutcome } from './sync-contract.ts';

/** The `connections:` domain: links to a bank, the one waiting at the bank, and their ends. */

export const CONNECTIONS_ARGS = {
  'connections:list': z.undefined(),
  'connections:connect': z.object({ channel: z.enum(CHANNELS), profileId: id.optional() }).strict(),
  'connections:cancel': z.undefined(),
  /** The link waiting at the bank, if any: the UI finds it again after a reload. */
  'connections:pending-get': z.undefined(),
  /** Opens the waiting link's address in the system browser again (through the same bank-only check). */
  'connections:reopen': z.undefined(),
  'connections:relink': z.object({ connectionId: id }).strict(),
  'connections:disconnect': z.object({ connectionId: id, keepData: z.boolean() }).strict(),
  /** Deletes the data a disconnected link kept (its accounts and statements); nothing else. */
  'connections:kept-data-delete': z.object({ connectionId: id }).strict(),
} as const satisfies Record<DomainChannel<'connections'>, z.ZodType>;

export type ConnectionStatus = 'active' | 'relink-required' | 'disconnected';

/** A link as the app keeps it, without where its bank is (main/store/connection-store.ts adds that). */
export interface ConnectionFields {
  id: string;
  profileId: string;
  bankName: string;
  channel: Channel;
  /** The operations the grant allows, in the app's words (mapped from the bank's scope names). */
  scopes: ApiScope[];
  status: ConnectionStatus;
  /** ISO times. */
  linkedAt: string;
  /** Absent when the bank stated no lifetime for the link: its end is learned from invalid_grant. */
  expiresAt?: string;
  /** The link's tokens are bound to the app's own key (DPoP, shown as 「鍵で保護」): a copied token is useless alone. */
  keyProtected?: boolean;
}

export interface ConnectionView extends ConnectionFields {
  lastSync?: SyncOutcome;
  /**
   * 削除中: its kept data is being deleted, a slice at a time (main/connections/kept-data.ts); a
   * deletion a crash cut short resumes at the next start. The link is never shown whole meanwhile.
   */
  deleting?: true;
}

/** A link waiting for the customer at the bank (one at a time), as the core holds it. */
export interface PendingLinkView {
  mode: 'connect' | 'relink';
  /** The connection a 再連携 goes to. */
  connectionId?: string;
  channel: Channel;
  profileId: string;
  bankName: string;
  /**
   * The bank's authorization URL the core built and opened (with PAR: only client_id and the
   * request_uri). Never a token or a code.
   */
  authorizationUrl: string;
  /** ISO times: when the wait began, and when it ends with AUTH_TIMEOUT. */
  startedAt: string;
  expiresAt: string;
}

export interface ConnectionsResults {
  'connections:list': ConnectionView[];
  'connections:connect': ConnectionView;
  'connections:cancel': { cancelled: boolean };
  'connections:pending-get': PendingLinkView | null;
  'connections:reopen': { opened: boolean };
  'connections:relink': ConnectionView;
  'connections:disconnect': { revokedAtBank: boolean; dataKept: boolean };
  'connections:kept-data-delete': { deleted: boolean };
}
