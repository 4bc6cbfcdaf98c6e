import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from '../../shared/sqlite-migrations.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { migratePostgres } from './postgres-migrate.ts';
import { POSTGRES_MIGRATIONS } from './postgres-migrations/index.ts';
import { postgresPool, postgresPort } from './postgres-port.ts';
import type { SqlPort } from './sql-port.ts';
import { sqlitePort } from './sqlite-port.ts';

export type BankDatabase = Database.Database;

/** Opens (creating if needed) the bank's SQLite file and brings its schema up to date. */
export function openBankDatabase(dataDir: string, file = 'bank.sqlite'): BankDatabase {
  fs.mkdirSync(path.dirname(path.join(dataDir, file)), { recursive: true });
  const db = new Database(path.join(dataDir, file));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // Another process (a test, a second `npm run bank`) may hold the write lock for a moment.
  db.pragma('busy_timeout = 5000');
  // 4 MB of page cache, not better-sqlite3's 16: the API's reads touch a few dozen pages, and the
  // cache a first start's history generation fills stayed resident — per connection, so per
  // namespace too (docs/benchmarks.md, "where the bank's time goes").
  db.pragma('cache_size = -4000');
  migrate(db, MIGRATIONS);
  return db;
}

/** The bank's storage: the port every store uses, and the SQLite handle when that is the engine. */
export interface BankStorage {
  sql: SqlPort;
  /** Set on SQLite only (tests read it directly). */
  sqlite?: BankDatabase;
}

/**
 * The bank's database: PostgreSQL when `databaseUrl` is set (BANK_DATABASE_URL), else the SQLite
 * file in the data folder, as always. Either is migrated up to date before it is returned.
 */
export async function openBankStorage(
  dataDir: string,
  databaseUrl?: string,
  /**
   * Several processes write the SQLite file at once (BANK_WORKERS): safe, as WAL and the busy
   * timeout let them take turns at the write lock, provided no process keeps a copy in memory.
   */
  sharedFile = false,
): Promise<BankStorage> {
  if (!databaseUrl) {
    const sqlite = openBankDatabase(dataDir);
    return { sql: sqlitePort(sqlite, sharedFile), sqlite };
  }
  return openPostgres(databaseUrl);
}

async function openPostgres(databaseUrl: string, schema?: string): Promise<BankStorage> {
  const pool = postgresPool(databaseUrl, schema);
  try {
    // The namespace's schema first: its tables are made in it (the pool's search_path).
    if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await migratePostgres(pool, POSTGRES_MIGRATIONS);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return { sql: postgresPort(pool) };
}

/** A namespace's SQLite file, beside the root bank's. */
const namespaceFile = (name: string): string => path.join('namespaces', `${name}.sqlite`);

/**
 * A namespace's schema on PostgreSQL: `ns_` and its name, `-` written `_` (names have no `_`, so
 * two names never share a schema).
 */
export const namespaceSchema = (name: string): string => `ns_${name.replace(/-/g, '_')}`;

/**
 * A namespace's own storage (every table of a bank, nothing shared with the root bank or another
 * namespace): a SQLite file under `namespaces/` in the data folder, or a schema of the database.
 * `name` must be a valid namespace name (namespaces/namespace-names.ts): it is written into a path
 * and a schema name.
 */
export async function openNamespaceStorage(
  dataDir: string,
  databaseUrl: string | undefined,
  name: string,
  /** As openBankStorage's: several processes serve the namespace (BANK_WORKERS). */
  sharedFile = false,
): Promise<BankStorage> {
  if (!databaseUrl) {
    const sqlite = openBankDatabase(dataDir, namespaceFile(name));
    return { sql: sqlitePort(sqlite, sharedFile), sqlite };
  }
  return openPostgres(databaseUrl, namespaceSchema(name));
}

/** Deletes a namespace's storage (its storage must be closed first); `root` is the root bank's. */
export async function dropNamespaceStorage(root: SqlPort, dataDir: string, name: string): Promise<void> {
  if (root.dialect === 'postgres') {
    await root.run(`DROP SCHEMA IF EXISTS ${namespaceSchema(name)} CASCADE`);
    return;
  }
  const file = path.join(dataDir, namespaceFile(name));
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
}
