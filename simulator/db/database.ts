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
export function openBankDatabase(dataDir: string): BankDatabase {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, 'bank.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // Another process (a test, a second `npm run bank`) may hold the write lock for a moment.
  db.pragma('busy_timeout = 5000');
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
  const pool = postgresPool(databaseUrl);
  try {
    await migratePostgres(pool, POSTGRES_MIGRATIONS);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return { sql: postgresPort(pool) };
}
