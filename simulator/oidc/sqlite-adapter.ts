import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { BankDatabase } from '../db/database.ts';

const epochNow = (): number => Math.floor(Date.now() / 1000);

/** Rows this long past their expiry are swept; until then `find` still returns them, because
 * oidc-provider looks up grants with `ignoreExpiration` to tell "expired" from "unknown". */
const SWEEP_GRACE_SECONDS = 24 * 3600;

/**
 * Persists every oidc-provider model (sessions, interactions, codes, tokens, grants…) in one SQLite
 * table, so a restart of the bank loses no link. Expiry is judged by the models themselves (they check
 * `exp` in the payload); `expires_at` is kept only for sweeping and for the QA console.
 */
export function createSqliteAdapter(db: BankDatabase): new (model: string) => Adapter {
  const upsert = db.prepare(`
    INSERT INTO oidc_models (model, id, payload, grant_id, uid, user_code, expires_at)
    VALUES (@model, @id, @payload, @grantId, @uid, @userCode, @expiresAt)
    ON CONFLICT (model, id) DO UPDATE SET payload = excluded.payload, grant_id = excluded.grant_id,
      uid = excluded.uid, user_code = excluded.user_code, expires_at = excluded.expires_at`);
  const findById = db.prepare('SELECT payload, consumed_at FROM oidc_models WHERE model = ? AND id = ?');
  const findByUid = db.prepare('SELECT payload, consumed_at FROM oidc_models WHERE model = ? AND uid = ?');
  const findByUserCode = db.prepare(
    'SELECT payload, consumed_at FROM oidc_models WHERE model = ? AND user_code = ?',
  );
  const consume = db.prepare('UPDATE oidc_models SET consumed_at = ? WHERE model = ? AND id = ?');
  const destroy = db.prepare('DELETE FROM oidc_models WHERE model = ? AND id = ?');
  const revokeByGrant = db.prepare('DELETE FROM oidc_models WHERE grant_id = ?');

  type Row = { payload: string; consumed_at: number | null };
  const toPayload = (row: Row | undefined): AdapterPayload | undefined => {
    if (!row) return undefined;
    const payload = JSON.parse(row.payload) as AdapterPayload;
    return row.consumed_at === null ? payload : { ...payload, consumed: row.consumed_at };
  };

  return class SqliteAdapter implements Adapter {
    readonly model: string;

    constructor(model: string) {
      this.model = model;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      upsert.run({
        model: this.model,
        id,
        payload: JSON.stringify(payload),
        grantId: payload.grantId ?? null,
        uid: payload.uid ?? null,
        userCode: payload.userCode ?? null,
        expiresAt: expiresIn ? epochNow() + expiresIn : null,
      });
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      return toPayload(findById.get(this.model, id) as Row | undefined);
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return toPayload(findByUid.get(this.model, uid) as Row | undefined);
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return toPayload(findByUserCode.get(this.model, userCode) as Row | undefined);
    }

    async consume(id: string): Promise<void> {
      consume.run(epochNow(), this.model, id);
    }

    async destroy(id: string): Promise<void> {
      destroy.run(this.model, id);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      revokeByGrant.run(grantId);
    }
  };
}

/** Ends a grant now, as if its lifetime had run out: every token of it then fails. */
export function expireGrantNow(db: BankDatabase, grantId: string): boolean {
  const row = db.prepare("SELECT payload FROM oidc_models WHERE model = 'Grant' AND id = ?").get(grantId) as
    { payload: string } | undefined;
  if (!row) return false;
  const now = epochNow();
  const payload = { ...(JSON.parse(row.payload) as AdapterPayload), exp: now };
  db.prepare("UPDATE oidc_models SET payload = ?, expires_at = ? WHERE model = 'Grant' AND id = ?").run(
    JSON.stringify(payload),
    now,
    grantId,
  );
  return true;
}

/** Deletes rows long expired; run at start-up and hourly. */
export function sweepExpiredModels(db: BankDatabase): number {
  return db
    .prepare('DELETE FROM oidc_models WHERE expires_at IS NOT NULL AND expires_at < ?')
    .run(epochNow() - SWEEP_GRACE_SECONDS).changes;
}
