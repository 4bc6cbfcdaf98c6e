import { createHash } from 'node:crypto';
import type { BankDatabase } from '../db/database.ts';
import type { SqlPort } from '../db/sql-port.ts';
import { sqlitePort } from '../db/sqlite-port.ts';

/**
 * The record of DPoP proofs already used at the API (RFC 9449 §11.1), kept until each proof could
 * no longer be accepted anyway. Async on purpose: the bank's storage is moving behind async ports
 * (a PostgreSQL store among them), and this check already sits on the API's async proof path.
 */
export interface DpopJtiStore {
  /**
   * Records the proof `jti` of key `jkt` as used until `keepUntil` (epoch seconds); resolves false
   * when it was recorded before and is still kept — a replay.
   */
  firstUse(jkt: string, jti: string, keepUntil: number, nowSeconds: number): Promise<boolean>;
  /** Forgets every proof that can no longer be accepted. */
  prune(nowSeconds: number): Promise<void>;
}

/** How often recording a proof also prunes, so the table stays as small as the window between sweeps. */
const PRUNE_EVERY_SECONDS = 60;

/**
 * The jti record in the bank's database, so a restart does not forget it and every bank process on
 * one database refuses a proof another one accepted. A row is keyed by a hash of key and jti: a
 * client picks its jti, and a fixed-size key keeps a long one from growing the table.
 */
export function createJtiStore(sql: SqlPort): DpopJtiStore {
  let prunedAt = 0;
  const prune = async (nowSeconds: number): Promise<void> => {
    prunedAt = nowSeconds;
    await sql.run('DELETE FROM dpop_jtis WHERE expires_at < ?', [nowSeconds]);
  };
  return {
    async firstUse(jkt, jti, keepUntil, nowSeconds) {
      if (nowSeconds - prunedAt >= PRUNE_EVERY_SECONDS) await prune(nowSeconds);
      const id = createHash('sha256').update(`${jkt}\u0000${jti}`).digest('base64url');
      // Inserted, or an expired row taken over: either way this is the proof's first use.
      const changed = await sql.run(
        `INSERT INTO dpop_jtis (id, expires_at) VALUES (?, ?)
         ON CONFLICT (id) DO UPDATE SET expires_at = excluded.expires_at WHERE dpop_jtis.expires_at < ?`,
        [id, keepUntil, nowSeconds],
      );
      return changed === 1;
    },
    prune,
  };
}

/** The same record on a SQLite handle of the bank's file. */
export const createSqliteJtiStore = (db: BankDatabase): DpopJtiStore => createJtiStore(sqlitePort(db));
