import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { SqlPort } from '../db/sql-port.ts';
import { bindOnFirstProof } from './dpop-first-use.ts';
import type { RefreshReuseGrace } from './refresh-reuse-grace.ts';

const epochNow = (): number => Math.floor(Date.now() / 1000);

/** Rows this long past their expiry are swept; until then `find` still returns them, because
 * oidc-provider looks up grants with `ignoreExpiration` to tell "expired" from "unknown". */
const SWEEP_GRACE_SECONDS = 24 * 3600;

/** The models every API call reads; their rows are kept in memory as well. */
const CACHED_MODELS = new Set(['AccessToken', 'Grant']);
/** Rows kept a model (20,000 in all). */
const CACHE_LIMIT = 10_000;
/** `consumed_at` of a refresh token retired by a reuse within the grace: used, long ago. */
const RETIRED = 1;

export interface OidcModelStore {
  /** The adapter class oidc-provider is configured with. */
  Adapter: new (model: string) => Adapter;
  /** A model's stored payload, frozen (the API's token check; cached on SQLite). */
  findPayload(model: string, id: string): Promise<Readonly<AdapterPayload> | undefined>;
  /**
   * The same, when this process holds the row in memory (access tokens and grants on one-process
   * SQLite), else undefined: the API's hot path then waits for no promise. Every write drops the
   * row from memory first, so this is never staler than `findPayload`.
   */
  cachedPayload(model: string, id: string): Readonly<AdapterPayload> | undefined;
  /** Ends a grant now, as if its lifetime had run out: every token of it then fails. */
  expireGrantNow(grantId: string): Promise<boolean>;
  /** Deletes a grant and every token of it: revocation, done by the bank. */
  destroyGrant(grantId: string): Promise<void>;
  /**
   * Moves a grant's end to `exp` (QA "expire in N days"): the grant and its refresh tokens end then,
   * and its access tokens are dropped, so the client's next call refreshes and learns the new end.
   */
  moveGrantEnd(grantId: string, exp: number): Promise<boolean>;
  /** Deletes every model (sessions, codes, tokens, grants). */
  clear(): Promise<void>;
  /** Deletes rows long expired; run at start-up and hourly. */
  sweepExpired(): Promise<number>;
}

/**
 * Every oidc-provider model (sessions, interactions, codes, tokens, grants…) in one table of the
 * bank's database, so a restart of the bank loses no link and every bank process on a shared
 * database knows every session, interaction and token. Expiry is judged by the models themselves (they check `exp` in
 * the payload); `expires_at` is kept for sweeping and for the QA console.
 *
 * Access tokens and grants are read on every API call, so on SQLite (one process) their rows are also
 * cached in memory (as JSON text, so no caller can mutate the cached copy); on a shared database
 * another process may revoke them, so nothing is cached there. Every write to the table goes through this
 * module and drops what it touches from the cache, which is why the QA actions live here too.
 */
export function createOidcModelStore(
  sql: SqlPort,
  grace: RefreshReuseGrace = { seconds: 0, refreshRequestFor: () => undefined, onReuseWithinGrace: () => {} },
): OidcModelStore {
  const UPSERT = `
    INSERT INTO oidc_models (model, id, payload, grant_id, uid, user_code, expires_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (model, id) DO UPDATE SET payload = excluded.payload, grant_id = excluded.grant_id,
      uid = excluded.uid, user_code = excluded.user_code, expires_at = excluded.expires_at`;
  const findById = (model: string, id: string) =>
    sql.get<Row>('SELECT payload, consumed_at FROM oidc_models WHERE model = ? AND id = ?', [model, id]);
  const rotationOf =
    sql.dialect === 'sqlite'
      ? "COALESCE(json_extract(payload, '$.rotations'), 0)"
      : "COALESCE((payload::jsonb ->> 'rotations')::integer, 0)";
  /** A later refresh token of the grant really used (not retired by a grace reuse, which marks 1). */
  const laterTokenUsed = (grantId: string, rotations: number) =>
    sql.get(
      `SELECT 1 FROM oidc_models WHERE model = 'RefreshToken' AND grant_id = ? AND consumed_at > ${RETIRED}
        AND ${rotationOf} > ? LIMIT 1`,
      [grantId, rotations],
    );
  const retireSuccessors = (grantId: string, rotations: number) =>
    sql.run(
      `UPDATE oidc_models SET consumed_at = ${RETIRED}
       WHERE model = 'RefreshToken' AND grant_id = ? AND consumed_at IS NULL AND ${rotationOf} > ?`,
      [grantId, rotations],
    );
  const cacheLimit = sql.shared ? 0 : CACHE_LIMIT;

  /** `frozen` memoizes the parsed payload of a cached row for synchronous readers, which never mutate it. */
  type Row = { payload: string; consumed_at: number | null; frozen?: Readonly<AdapterPayload> };
  /**
   * One map a model, keyed by the id alone: a lookup then hashes the token as presented, where a
   * key made of model and id was a new string to build and hash twice on every API call (bench:bank).
   */
  const cache = new Map<string, Map<string, Row>>([...CACHED_MODELS].map((model) => [model, new Map()]));
  const forget = (model: string, id: string) => cache.get(model)?.delete(id);
  const clearCache = () => {
    for (const rows of cache.values()) rows.clear();
  };

  const toPayload = (row: Row | undefined): AdapterPayload | undefined => {
    if (!row) return undefined;
    const payload = JSON.parse(row.payload) as AdapterPayload;
    return row.consumed_at === null ? payload : { ...payload, consumed: row.consumed_at };
  };

  const readById = async (model: string, id: string): Promise<Row | undefined> => {
    const rows = cacheLimit === 0 ? undefined : cache.get(model);
    if (!rows) return findById(model, id);
    const hit = rows.get(id);
    if (hit) return hit;
    const row = await findById(model, id);
    if (row) {
      if (rows.size >= cacheLimit) rows.delete(rows.keys().next().value!);
      rows.set(id, row);
    }
    return row;
  };

  /** Reuses within the grace that oidc-provider has not rotated yet, by request. */
  const awaitingRotation = new WeakMap<object, { id: string; grantId: string; rotations: number }>();

  /**
   * A rotated refresh token presented again at the refresh grant within the grace, while no later
   * token of its link was used, is handed to oidc-provider as unused, so that it is rotated once
   * more. Anything else is left to oidc-provider's reuse detection.
   */
  const acceptWithinGrace = async (id: string, row: Row): Promise<boolean> => {
    if (grace.seconds <= 0 || row.consumed_at === null || row.consumed_at <= RETIRED) return false;
    if (row.consumed_at < epochNow() - grace.seconds) return false;
    const request = grace.refreshRequestFor(id);
    if (!request) return false;
    const payload = JSON.parse(row.payload) as AdapterPayload;
    const rotations = typeof payload.rotations === 'number' ? payload.rotations : 0;
    if (!payload.grantId || (await laterTokenUsed(payload.grantId, rotations))) return false;
    awaitingRotation.set(request, { id, grantId: payload.grantId, rotations });
    return true;
  };

  /**
   * oidc-provider consumes the token only once every check of the refresh passed (client, DPoP key,
   * grant): only then is the unused successor — the one a crashed client never stored — retired, so
   * presenting it later is reuse. A refused request retires nothing.
   */
  const rotatedWithinGrace = async (id: string): Promise<void> => {
    const request = grace.refreshRequestFor(id);
    const pending = request && awaitingRotation.get(request);
    if (!request || pending?.id !== id) return;
    awaitingRotation.delete(request);
    await retireSuccessors(pending.grantId, pending.rotations);
    await grace.onReuseWithinGrace(pending.grantId);
  };

  class SqlAdapter implements Adapter {
    readonly model: string;

    constructor(model: string) {
      this.model = model;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      forget(this.model, id);
      if (this.model === 'RefreshToken') bindOnFirstProof(payload);
      await sql.run(UPSERT, [
        this.model,
        id,
        JSON.stringify(payload),
        payload.grantId ?? null,
        payload.uid ?? null,
        payload.userCode ?? null,
        expiresIn ? epochNow() + expiresIn : null,
      ]);
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      const row = await readById(this.model, id);
      if (row && this.model === 'RefreshToken' && (await acceptWithinGrace(id, row))) {
        return JSON.parse(row.payload) as AdapterPayload;
      }
      return toPayload(row);
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return toPayload(
        await sql.get<Row>('SELECT payload, consumed_at FROM oidc_models WHERE model = ? AND uid = ?', [
          this.model,
          uid,
        ]),
      );
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return toPayload(
        await sql.get<Row>('SELECT payload, consumed_at FROM oidc_models WHERE model = ? AND user_code = ?', [
          this.model,
          userCode,
        ]),
      );
    }

    async consume(id: string): Promise<void> {
      if (this.model === 'RefreshToken') await rotatedWithinGrace(id);
      forget(this.model, id);
      // The first use counts: a token accepted again within the reuse grace keeps its first time.
      await sql.run(
        'UPDATE oidc_models SET consumed_at = COALESCE(consumed_at, ?) WHERE model = ? AND id = ?',
        [epochNow(), this.model, id],
      );
    }

    async destroy(id: string): Promise<void> {
      forget(this.model, id);
      await sql.run('DELETE FROM oidc_models WHERE model = ? AND id = ?', [this.model, id]);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      // Rare (revocation, reuse detection): dropping the whole cache is simpler than indexing it.
      clearCache();
      await sql.run('DELETE FROM oidc_models WHERE grant_id = ?', [grantId]);
    }
  }

  const frozen = (row: Row): Readonly<AdapterPayload> => (row.frozen ??= Object.freeze(toPayload(row)!));

  return {
    Adapter: SqlAdapter,
    async findPayload(model, id) {
      const row = await readById(model, id);
      return row && frozen(row);
    },

    cachedPayload(model, id) {
      const row = cache.get(model)?.get(id);
      return row && frozen(row);
    },

    async expireGrantNow(grantId) {
      const row = await findById('Grant', grantId);
      if (!row) return false;
      forget('Grant', grantId);
      const now = epochNow();
      const payload = { ...(JSON.parse(row.payload) as AdapterPayload), exp: now };
      await sql.run("UPDATE oidc_models SET payload = ?, expires_at = ? WHERE model = 'Grant' AND id = ?", [
        JSON.stringify(payload),
        now,
        grantId,
      ]);
      return true;
    },

    async moveGrantEnd(grantId, exp) {
      if (!(await findById('Grant', grantId))) return false;
      clearCache();
      await sql.transaction(async (tx) => {
        const rows = await tx.all<{ model: string; id: string; payload: string }>(
          "SELECT model, id, payload FROM oidc_models WHERE (model = 'Grant' AND id = ?) OR (model = 'RefreshToken' AND grant_id = ?)",
          [grantId, grantId],
        );
        for (const row of rows) {
          const payload = { ...(JSON.parse(row.payload) as AdapterPayload), exp };
          await tx.run('UPDATE oidc_models SET payload = ?, expires_at = ? WHERE model = ? AND id = ?', [
            JSON.stringify(payload),
            exp,
            row.model,
            row.id,
          ]);
        }
        await tx.run("DELETE FROM oidc_models WHERE model = 'AccessToken' AND grant_id = ?", [grantId]);
      });
      return true;
    },

    async destroyGrant(grantId) {
      clearCache();
      await sql.run("DELETE FROM oidc_models WHERE grant_id = ? OR (model = 'Grant' AND id = ?)", [
        grantId,
        grantId,
      ]);
    },

    async clear() {
      clearCache();
      await sql.run('DELETE FROM oidc_models');
    },

    async sweepExpired() {
      clearCache();
      return sql.run('DELETE FROM oidc_models WHERE expires_at IS NOT NULL AND expires_at < ?', [
        epochNow() - SWEEP_GRACE_SECONDS,
      ]);
    },
  };
}
