import type { ApiScope, Channel } from '../../shared/bank/oauth.ts';
import type { SqlPort } from '../db/sql-port.ts';

/**
 * A link (口座連携) is one consent: a customer allowed one client to read chosen accounts for 90 days.
 * It mirrors an oidc-provider Grant (same id) and adds what the bank shows about it.
 */
export interface Link {
  id: string;
  customerId: string;
  clientId: string;
  channel: Channel;
  scopes: ApiScope[];
  accountIds: string[];
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
  revokedBy: string | null;
  status: 'active' | 'expired' | 'revoked';
}

interface LinkRow {
  grant_id: string;
  customer_id: string;
  client_id: string;
  channel: Channel;
  scopes: string;
  account_ids: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
  revoked_by: string | null;
}

const epochNow = (): number => Math.floor(Date.now() / 1000);

type LinkRecord = Omit<Link, 'status'>;

const statusOf = (l: LinkRecord, now: number): Link['status'] =>
  l.revokedAt !== null ? 'revoked' : l.expiresAt <= now ? 'expired' : 'active';

const toRecord = (r: LinkRow): LinkRecord => ({
  id: r.grant_id,
  customerId: r.customer_id,
  clientId: r.client_id,
  channel: r.channel,
  scopes: r.scopes.split(' ').filter(Boolean) as ApiScope[],
  accountIds: JSON.parse(r.account_ids) as string[],
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
  revokedBy: r.revoked_by,
});

const toLink = (r: LinkRow, now: number): Link => {
  const record = toRecord(r);
  return { ...record, status: statusOf(record, now) };
};

export interface LinkStore {
  create(link: Omit<Link, 'revokedAt' | 'revokedBy' | 'status'>): Promise<void>;
  find(id: string): Promise<Link | undefined>;
  /** The same, when this process holds the link in memory (one-process SQLite), else undefined. */
  findCached(id: string): Link | undefined;
  list(limit?: number): Promise<Link[]>;
  /** Records who ended the link; a link already revoked keeps its first reason. */
  markRevoked(id: string, by: string): Promise<boolean>;
  clear(): Promise<void>;
  /** QA: the link's end moved to `expiresAt` (earlier or later); a revoked link stays revoked. */
  setExpiresAt(id: string, expiresAt: number): Promise<void>;
  markExpiredNow(id: string): Promise<void>;
}

/**
 * Links in the bank's database. Every API call reads its link, so on SQLite (one process) rows are
 * also kept in memory; all writes go through here and drop the row they change. On a shared
 * database another instance may revoke a link, so every read goes to it. The status is worked out
 * at each read, so expiry by the clock needs no write at all.
 */
export function createLinkStore(sql: SqlPort): LinkStore {
  const cache = new Map<string, LinkRecord>();
  const CACHE_LIMIT = sql.shared ? 0 : 20_000;
  // Creation order: SQLite's rowid, PostgreSQL's serial.
  const order = sql.dialect === 'sqlite' ? 'rowid' : 'seq';
  return {
    async create(link) {
      await sql.run(
        `INSERT INTO links (grant_id, customer_id, client_id, channel, scopes, account_ids, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          link.id,
          link.customerId,
          link.clientId,
          link.channel,
          link.scopes.join(' '),
          JSON.stringify(link.accountIds),
          link.createdAt,
          link.expiresAt,
        ],
      );
    },

    findCached(id) {
      const record = cache.get(id);
      return record && { ...record, status: statusOf(record, epochNow()) };
    },

    async find(id) {
      let record = cache.get(id);
      if (!record) {
        const row = await sql.get<LinkRow>('SELECT * FROM links WHERE grant_id = ?', [id]);
        if (!row) return undefined;
        record = toRecord(row);
        if (CACHE_LIMIT > 0) {
          if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
          cache.set(id, record);
        }
      }
      return { ...record, status: statusOf(record, epochNow()) };
    },

    async list(limit = 500) {
      const rows = await sql.all<LinkRow>(
        `SELECT * FROM links ORDER BY created_at DESC, ${order} DESC LIMIT ?`,
        [limit],
      );
      const now = epochNow();
      return rows.map((r) => toLink(r, now));
    },

    async markRevoked(id, by) {
      cache.delete(id);
      const changed = await sql.run(
        'UPDATE links SET revoked_at = ?, revoked_by = ? WHERE grant_id = ? AND revoked_at IS NULL',
        [epochNow(), by, id],
      );
      return changed === 1;
    },

    async clear() {
      cache.clear();
      await sql.run('DELETE FROM links');
    },

    async setExpiresAt(id, expiresAt) {
      cache.delete(id);
      await sql.run('UPDATE links SET expires_at = ? WHERE grant_id = ?', [expiresAt, id]);
    },

    async markExpiredNow(id) {
      cache.delete(id);
      const now = epochNow();
      await sql.run(
        'UPDATE links SET expires_at = CASE WHEN expires_at < ? THEN expires_at ELSE ? END WHERE grant_id = ?',
        [now, now, id],
      );
    },
  };
}
