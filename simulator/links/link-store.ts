import type { ApiScope, Channel } from '../../shared/bank/oauth.ts';
import type { BankDatabase } from '../db/database.ts';

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

export type LinkStore = ReturnType<typeof createLinkStore>;

/**
 * Links in SQLite. Every API call reads its link, so rows are also kept in memory; all writes go
 * through here and drop the row they change. The status is worked out at each read, so expiry by
 * the clock needs no write at all.
 */
export function createLinkStore(db: BankDatabase) {
  const byId = db.prepare('SELECT * FROM links WHERE grant_id = ?');
  const cache = new Map<string, LinkRecord>();
  const CACHE_LIMIT = 20_000;
  return {
    create(link: Omit<Link, 'revokedAt' | 'revokedBy' | 'status'>): void {
      db.prepare(
        `INSERT INTO links (grant_id, customer_id, client_id, channel, scopes, account_ids, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        link.id,
        link.customerId,
        link.clientId,
        link.channel,
        link.scopes.join(' '),
        JSON.stringify(link.accountIds),
        link.createdAt,
        link.expiresAt,
      );
    },

    find(id: string): Link | undefined {
      let record = cache.get(id);
      if (!record) {
        const row = byId.get(id) as LinkRow | undefined;
        if (!row) return undefined;
        record = toRecord(row);
        if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
        cache.set(id, record);
      }
      return { ...record, status: statusOf(record, epochNow()) };
    },

    list(limit = 500): Link[] {
      const rows = db
        .prepare('SELECT * FROM links ORDER BY created_at DESC, rowid DESC LIMIT ?')
        .all(limit) as LinkRow[];
      const now = epochNow();
      return rows.map((r) => toLink(r, now));
    },

    /** Records who ended the link; a link already revoked keeps its first reason. */
    markRevoked(id: string, by: string): boolean {
      cache.delete(id);
      return (
        db
          .prepare(
            'UPDATE links SET revoked_at = ?, revoked_by = ? WHERE grant_id = ? AND revoked_at IS NULL',
          )
          .run(epochNow(), by, id).changes === 1
      );
    },

    clear(): void {
      cache.clear();
      db.prepare('DELETE FROM links').run();
    },

    /** QA: the link's end moved to `expiresAt` (earlier or later); a revoked link stays revoked. */
    setExpiresAt(id: string, expiresAt: number): void {
      cache.delete(id);
      db.prepare('UPDATE links SET expires_at = ? WHERE grant_id = ?').run(expiresAt, id);
    },

    markExpiredNow(id: string): void {
      cache.delete(id);
      db.prepare('UPDATE links SET expires_at = MIN(expires_at, ?) WHERE grant_id = ?').run(epochNow(), id);
    },
  };
}
