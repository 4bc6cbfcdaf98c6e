import type Database from 'better-sqlite3';
import type { SqlPort, SqlQueries, SqlValue } from './sql-port.ts';

/**
 * better-sqlite3 behind the async port. Its calls are synchronous, so they stay as fast as before;
 * the only new work is ordering: while a transaction awaits between its statements, other callers
 * wait for it, so no statement of theirs lands inside it (one connection, one transaction).
 */
export function sqlitePort(
  db: Database.Database,
  /** True when other processes write the same file (BANK_WORKERS): no store then caches (sql-port.ts). */
  shared = false,
): SqlPort {
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string): Database.Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const direct: SqlQueries = {
    async get<T>(sql: string, params: readonly SqlValue[] = []) {
      return prepared(sql).get(...params) as T | undefined;
    },
    async all<T>(sql: string, params: readonly SqlValue[] = []) {
      return prepared(sql).all(...params) as T[];
    },
    async run(sql, params = []) {
      const statement = prepared(sql);
      // A statement that returns rows (UPDATE … RETURNING) counts what it returned.
      return statement.reader ? statement.all(...params).length : statement.run(...params).changes;
    },
  };
  let open: Promise<unknown> = Promise.resolve();
  let inTransaction = false;
  const afterTransaction = async (): Promise<void> => {
    while (inTransaction) await open;
  };
  const outside: SqlQueries = {
    async get(sql, params) {
      if (inTransaction) await afterTransaction();
      return direct.get(sql, params);
    },
    async all(sql, params) {
      if (inTransaction) await afterTransaction();
      return direct.all(sql, params);
    },
    async run(sql, params) {
      if (inTransaction) await afterTransaction();
      return direct.run(sql, params);
    },
  };
  return {
    dialect: 'sqlite',
    shared,
    ...outside,
    async transaction(fn) {
      // Checked and set with no await between, so two callers never both begin.
      while (inTransaction) await open;
      inTransaction = true;
      db.exec('BEGIN IMMEDIATE');
      const done = (async () => {
        try {
          const result = await fn(direct);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        } finally {
          inTransaction = false;
        }
      })();
      open = done.catch(() => undefined);
      return done;
    },
    async close() {
      await afterTransaction();
      db.close();
    },
  };
}
