import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from '../../shared/sqlite-migrations.ts';
import { MIGRATIONS } from './migrations/index.ts';

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
