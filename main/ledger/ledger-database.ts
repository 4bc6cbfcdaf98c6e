import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { foldKana } from '../../shared/kana.ts';
import { migrate } from '../../shared/sqlite-migrations.ts';
import { LEDGER_MIGRATIONS } from './ledger-migrations.ts';

export type LedgerDatabase = Database.Database;

export const LEDGER_FILE = 'ledger.sqlite';

/** Opens (creating and migrating) the ledger in the app's data folder. */
export function openLedgerDatabase(dataDir: string): LedgerDatabase {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = new Database(path.join(dataDir, LEDGER_FILE));
  // WAL: the UI reads while a sync writes, and a crash mid-page loses only that page's transaction.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Migration 2 folds the remarks already stored with the same function writePage uses for new ones.
  db.function('fold_kana', { deterministic: true }, (text) => foldKana(String(text)));
  migrate(db, LEDGER_MIGRATIONS);
  return db;
}
