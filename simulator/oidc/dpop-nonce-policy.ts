import type { Context, Next } from 'koa';
import type { SqlPort } from '../db/sql-port.ts';

/**
 * Whether the token endpoint requires a `DPoP-Nonce` in every proof (RFC 9449 §8). On by default;
 * the QA API turns it off (and on again) for a test that wants the plain proof path. Kept in the
 * database (`bank_flags`), so every bank process on it — workers, instances behind a proxy — and a
 * restarted one answer the same.
 */
export interface DpopNoncePolicy {
  required(): Promise<boolean>;
  setRequired(required: boolean): Promise<void>;
  /** Back to the default (required): the bank's reset. */
  clear(): Promise<void>;
  /**
   * oidc-provider asks `requireNonce(ctx)` synchronously: this middleware reads the switch before
   * any request that carries a proof, and `requiredFor(ctx)` answers from what it read.
   */
  middleware(ctx: Context, next: Next): Promise<void>;
  requiredFor(ctx: object): boolean;
}

const FLAG = 'dpop-nonces';

export function createDpopNoncePolicy(sql: SqlPort): DpopNoncePolicy {
  const read = new WeakMap<object, boolean>();
  const required = async (): Promise<boolean> => {
    const row = await sql.get<{ value: string }>('SELECT value FROM bank_flags WHERE name = ?', [FLAG]);
    return row?.value !== 'off';
  };
  return {
    required,
    async setRequired(on) {
      await sql.run(
        `INSERT INTO bank_flags (name, value) VALUES (?, ?)
         ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
        [FLAG, on ? 'on' : 'off'],
      );
    },
    async clear() {
      await sql.run('DELETE FROM bank_flags WHERE name = ?', [FLAG]);
    },
    async middleware(ctx, next) {
      if (ctx.get('DPoP')) read.set(ctx, await required());
      await next();
    },
    // A request whose switch was not read (no proof header) is held to the default.
    requiredFor: (ctx) => read.get(ctx) ?? true,
  };
}
