import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { SqlPort } from '../db/sql-port.ts';

export interface InteractionState {
  csrfToken: string;
  /** Set after a correct password while the one-time password is still owed. */
  pendingCustomerId: string | null;
}

const INTERACTION_STATE_TTL_SECONDS = 3600;

export interface InteractionStateStore {
  /** The state of an interaction, created with a fresh CSRF token on first sight. */
  ensure(uid: string): Promise<InteractionState>;
  csrfMatches(uid: string, presented: unknown): Promise<boolean>;
  setPendingCustomer(uid: string, customerId: string | null): Promise<void>;
  /**
   * Makes `grantId` the one link of this consent screen, atomically. Returns the link that owns the
   * screen: `grantId`, or the one an earlier 許可 (a double click, a resent form) already made.
   */
  claimConsent(uid: string, grantId: string): Promise<string | undefined>;
  clear(): Promise<void>;
  sweep(): Promise<void>;
}

const SELECT =
  'SELECT csrf_token AS "csrfToken", pending_customer_id AS "pendingCustomerId" FROM interaction_state WHERE uid = ?';

/** What the bank remembers about one login/consent screen between its requests. */
export function createInteractionStateStore(sql: SqlPort): InteractionStateStore {
  return {
    async ensure(uid) {
      await sql.run(
        'INSERT INTO interaction_state (uid, csrf_token, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
        [uid, randomBytes(24).toString('base64url'), Math.floor(Date.now() / 1000)],
      );
      return (await sql.get<InteractionState>(SELECT, [uid]))!;
    },

    async csrfMatches(uid, presented) {
      const row = await sql.get<InteractionState>(SELECT, [uid]);
      if (!row || typeof presented !== 'string') return false;
      const a = Buffer.from(row.csrfToken);
      const b = Buffer.from(presented);
      return a.length === b.length && timingSafeEqual(a, b);
    },

    async setPendingCustomer(uid, customerId) {
      await sql.run('UPDATE interaction_state SET pending_customer_id = ? WHERE uid = ?', [customerId, uid]);
    },

    async claimConsent(uid, grantId) {
      const row = await sql.get<{ grantId: string }>(
        `UPDATE interaction_state SET consent_grant_id = COALESCE(consent_grant_id, ?) WHERE uid = ?
         RETURNING consent_grant_id AS "grantId"`,
        [grantId, uid],
      );
      return row?.grantId;
    },

    async clear() {
      await sql.run('DELETE FROM interaction_state');
    },

    async sweep() {
      await sql.run('DELETE FROM interaction_state WHERE created_at < ?', [
        Math.floor(Date.now() / 1000) - INTERACTION_STATE_TTL_SECONDS,
      ]);
    },
  };
}
