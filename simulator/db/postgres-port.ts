import pg from 'pg';
import type { SqlPort, SqlQueries, SqlValue } from './sql-port.ts';

/** int8 (bigint, count(*)) as a number: the bank's integers are epoch seconds, yen and counters. */
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** `?` placeholders numbered as PostgreSQL wants them (`$1`, `$2`…); the bank's SQL has no `?` in literals. */
const numbered = (sql: string): string => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

const queriesOn = (client: pg.Pool | pg.PoolClient): SqlQueries => {
  const texts = new Map<string, string>();
  const text = (sql: string): string => {
    let t = texts.get(sql);
    if (t === undefined) {
      t = numbered(sql);
      texts.set(sql, t);
    }
    return t;
  };
  return {
    async get<T>(sql: string, params: readonly SqlValue[] = []) {
      const result = await client.query(text(sql), params as SqlValue[]);
      return result.rows[0] as T | undefined;
    },
    async all<T>(sql: string, params: readonly SqlValue[] = []) {
      return (await client.query(text(sql), params as SqlValue[])).rows as T[];
    },
    async run(sql, params = []) {
      return (await client.query(text(sql), params as SqlValue[])).rowCount ?? 0;
    },
  };
};

/**
 * A pool of connections to the bank's PostgreSQL database (BANK_DATABASE_URL). Several bank
 * processes may share it: they then are one bank.
 */
export function postgresPort(pool: pg.Pool): SqlPort {
  return {
    dialect: 'postgres',
    shared: true,
    ...queriesOn(pool),
    async transaction(fn, lockKey) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        if (lockKey) await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [lockKey]);
        const result = await fn(queriesOn(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/**
 * `schema` (a namespace's) becomes the connections' search_path, so the same SQL finds that
 * namespace's tables; a namespace's pool is smaller, as a bank may hold many.
 */
export function postgresPool(connectionString: string, schema?: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    types,
    max: schema ? 4 : 10,
    // A connection that cannot be made in 5 s is an outage (503), not a request that hangs.
    connectionTimeoutMillis: 5000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle connection the server dropped (a restart) is replaced on the next query; unhandled,
  // the pool's 'error' event would end the bank.
  pool.on('error', () => undefined);
  return pool;
}
