import type { SqlPort } from '../db/sql-port.ts';

/** Every event the bank's security team would want to reconstruct a session from. */
type AuditEvent =
  | 'login.password'
  | 'login.otp'
  | 'login.certificate'
  | 'login.locked'
  | 'login.cancel'
  | 'login.refused'
  | 'consent.allow'
  | 'consent.cancel'
  | 'consent.refused'
  | 'authorization.error'
  | 'token.issue'
  | 'token.refresh'
  | 'token.error'
  | 'token.revoke'
  /** A DPoP proof (or its absence) refused, at the token endpoint or the API: detail.reason says why. */
  | 'dpop.refused'
  | 'link.revoked'
  | 'link.expired'
  | 'request.refused'
  | 'qa.action';

interface AuditEntry {
  event: AuditEvent;
  outcome: 'success' | 'failure' | 'info';
  customerId?: string | undefined;
  clientId?: string | undefined;
  /** Short, non-secret facts: never a password, code, token or cookie. */
  detail?: Record<string, string | number | boolean | undefined> | undefined;
}

export interface AuditRecord extends AuditEntry {
  id: number;
  at: number;
}

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  clear(): Promise<void>;
  recent(limit?: number): Promise<AuditRecord[]>;
}

export function createAuditLog(sql: SqlPort): AuditLog {
  return {
    async record(entry) {
      await sql.run(
        'INSERT INTO audit_log (at, event, outcome, customer_id, client_id, detail) VALUES (?, ?, ?, ?, ?, ?)',
        [
          Math.floor(Date.now() / 1000),
          entry.event,
          entry.outcome,
          entry.customerId ?? null,
          entry.clientId ?? null,
          entry.detail ? JSON.stringify(entry.detail) : null,
        ],
      );
    },

    async clear() {
      await sql.run('DELETE FROM audit_log');
    },

    async recent(limit = 200) {
      type Row = {
        id: number;
        at: number;
        event: AuditEvent;
        outcome: AuditEntry['outcome'];
        customer_id: string | null;
        client_id: string | null;
        detail: string | null;
      };
      const rows = await sql.all<Row>(
        'SELECT id, at, event, outcome, customer_id, client_id, detail FROM audit_log ORDER BY id DESC LIMIT ?',
        [limit],
      );
      return rows.map((r) => ({
        id: r.id,
        at: r.at,
        event: r.event,
        outcome: r.outcome,
        customerId: r.customer_id ?? undefined,
        clientId: r.client_id ?? undefined,
        detail: r.detail ? (JSON.parse(r.detail) as AuditEntry['detail']) : undefined,
      }));
    },
  };
}
