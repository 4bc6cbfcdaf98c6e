import type { ApiScope, Channel } from '../../shared/bank/oauth.ts';
import type { ConnectionFields, ConnectionStatus, SyncOutcome } from '../../shared/ipc/contract.ts';
import type { AppDatabase } from './app-database.ts';

export interface ConnectionRecord extends ConnectionFields {
  issuer: string;
}

export interface ConnectionRow {
  id: string;
  profile_id: string;
  bank_name: string;
  issuer: string;
  channel: Channel;
  scopes: string;
  status: ConnectionStatus;
  linked_at: string;
  /** '' when the bank stated no lifetime (the column is NOT NULL since migration 1). */
  expires_at: string;
  last_sync: string | null;
  key_protected: number;
}

export const toConnectionRecord = (row: ConnectionRow): ConnectionRecord => ({
  id: row.id,
  profileId: row.profile_id,
  bankName: row.bank_name,
  issuer: row.issuer,
  channel: row.channel,
  scopes: row.scopes.split(' ').filter(Boolean) as ApiScope[],
  status: row.status,
  linkedAt: row.linked_at,
  ...(row.expires_at ? { expiresAt: row.expires_at } : {}),
  ...(row.key_protected ? { keyProtected: true } : {}),
});

/** The `connections` table: one row per link with a bank (its tokens are in the keychain, never here). */
export class ConnectionStore {
  private readonly db: AppDatabase;

  constructor(db: AppDatabase) {
    this.db = db;
  }

  insert(record: ConnectionRecord): void {
    this.db
      .prepare(
        `INSERT INTO connections (id, profile_id, bank_name, issuer, channel, scopes, status, linked_at, expires_at, key_protected)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        record.id,
        record.profileId,
        record.bankName,
        record.issuer,
        record.channel,
        record.scopes.join(' '),
        record.status,
        record.linkedAt,
        record.expiresAt ?? '',
        record.keyProtected ? 1 : 0,
      );
  }

  get(id: string): ConnectionRecord | undefined {
    const row = this.db.prepare('SELECT * FROM connections WHERE id = ?').get(id) as
      ConnectionRow | undefined;
    return row && toConnectionRecord(row);
  }

  list(): ConnectionRecord[] {
    return (this.db.prepare('SELECT * FROM connections ORDER BY linked_at').all() as ConnectionRow[]).map(
      toConnectionRecord,
    );
  }

  setStatus(id: string, status: ConnectionStatus): void {
    this.db.prepare('UPDATE connections SET status = ? WHERE id = ?').run(status, id);
  }

  /** A new consent on an existing connection (re-link): same id, same accounts, new dates. */
  renew(id: string, link: { scopes: ApiScope[]; linkedAt: string; expiresAt?: string | undefined }): void {
    this.db
      .prepare(
        `UPDATE connections SET status = 'active', scopes = ?, linked_at = ?, expires_at = ? WHERE id = ?`,
      )
      .run(link.scopes.join(' '), link.linkedAt, link.expiresAt ?? '', id);
  }

  /** The mark of a link whose tokens are bound to the app's key (set on binding, kept on 再連携 at a DPoP bank). */
  setKeyProtected(id: string, keyProtected: boolean): void {
    this.db.prepare('UPDATE connections SET key_protected = ? WHERE id = ?').run(keyProtected ? 1 : 0, id);
  }

  setExpiry(id: string, expiresAt: string): void {
    this.db.prepare('UPDATE connections SET expires_at = ? WHERE id = ?').run(expiresAt, id);
  }

  recordSync(outcome: SyncOutcome): void {
    this.db
      .prepare('UPDATE connections SET last_sync = ? WHERE id = ?')
      .run(JSON.stringify(outcome), outcome.connectionId);
  }

  /** Deletes a connection with its accounts and transactions (foreign keys cascade). */
  delete(id: string): void {
    this.db.prepare('DELETE FROM connections WHERE id = ?').run(id);
  }

  /** The statement rows the connection's accounts hold: what deleting its kept data removes. */
  rowCount(id: string): number {
    // From the 明細's day totals (kept equal to the rows by their triggers and the sync's pages):
    // counting a million rows took 50–200 ms, which every other call waited behind, twice per
    // deletion started (bench:blocking).
    return this.db
      .prepare(
        `SELECT coalesce(sum(d.row_count), 0) FROM accounts a JOIN statement_day_totals d ON d.account_id = a.id
         WHERE a.connection_id = ?`,
      )
      .pluck()
      .get(id) as number;
  }

  /**
   * Deletes up to `limit` of the connection's statement rows, the caller's transaction making a
   * slice of them all or none; the row triggers keep the search index, the 明細 sums, the days'
   * columns and the review queue equal to the rows left. Answers how many went.
   */
  deleteRows(id: string, limit: number): number {
    return this.db
      .prepare(
        `DELETE FROM transactions WHERE (account_id, item_key) IN (
           SELECT t.account_id, t.item_key FROM accounts a JOIN transactions t ON t.account_id = a.id
           WHERE a.connection_id = ? LIMIT ?)`,
      )
      .run(id, limit).changes;
  }

  /** Whether any connection — active, 要再連携, or disconnected with its data kept — links through a profile. */
  usesProfile(profileId: string): boolean {
    return (
      this.db.prepare('SELECT 1 FROM connections WHERE profile_id = ? LIMIT 1').get(profileId) !== undefined
    );
  }

  /** The 口座 and 連携 screens show a bank by the name its profile has now. */
  renameBank(profileId: string, name: string): void {
    this.db.prepare('UPDATE connections SET bank_name = ? WHERE profile_id = ?').run(name, profileId);
  }
}
