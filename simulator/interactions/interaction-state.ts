import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { BankDatabase } from '../db/database.ts';

export interface InteractionState {
  csrfToken: string;
  /** Set after a correct password while the one-time password is still owed. */
  pendingCustomerId: string | null;
}

const INTERACTION_STATE_TTL_SECONDS = 3600;

export type InteractionStateStore = ReturnType<typeof createInteractionStateStore>;

/** What the bank remembers about one login/consent screen between its requests. */
export function createInteractionStateStore(db: BankDatabase) {
  const select = db.prepare(
    'SELECT csrf_token AS csrfToken, pending_customer_id AS pendingCustomerId FROM interaction_state WHERE uid = ?',
  );
  const insert = db.prepare(
    'INSERT OR IGNORE INTO interaction_state (uid, csrf_token, created_at) VALUES (?, ?, ?)',
  );
  return {
    /** The state of an interaction, created with a fresh CSRF token on first sight. */
    ensure(uid: string): InteractionState {
      insert.run(uid, randomBytes(24).toString('base64url'), Math.floor(Date.now() / 1000));
      return select.get(uid) as InteractionState;
    },

    csrfMatches(uid: string, presented: unknown): boolean {
      const row = select.get(uid) as InteractionState | undefined;
      if (!row || typeof presented !== 'string') return false;
      const a = Buffer.from(row.csrfToken);
      const b = Buffer.from(presented);
      return a.length === b.length && timingSafeEqual(a, b);
    },

    setPendingCustomer(uid: string, customerId: string | null): void {
      db.prepare('UPDATE interaction_state SET pending_customer_id = ? WHERE uid = ?').run(customerId, uid);
    },

    /**
     * Makes `grantId` the one link of this consent screen, atomically. Returns the link that owns the
     * screen: `grantId`, or the one an earlier 許可 (a double click, a resent form) already made.
     */
    claimConsent(uid: string, grantId: string): string | undefined {
      const row = db
        .prepare(
          `UPDATE interaction_state SET consent_grant_id = COALESCE(consent_grant_id, ?) WHERE uid = ?
           RETURNING consent_grant_id AS grantId`,
        )
        .get(grantId, uid) as { grantId: string } | undefined;
      return row?.grantId;
    },

    clear(): void {
      db.prepare('DELETE FROM interaction_state').run();
    },

    sweep(): void {
      db.prepare('DELETE FROM interaction_state WHERE created_at < ?').run(
        Math.floor(Date.now() / 1000) - INTERACTION_STATE_TTL_SECONDS,
      );
    },
  };
}
