import fs from 'node:fs';
import path from 'node:path';
import Database, { type Statement } from 'better-sqlite3';
import { AppError } from '../../shared/app-errors.ts';
import { foldKana } from '../../shared/kana.ts';
import { DatabaseTooNewError, migrate, refuseNewer } from '../../shared/sqlite-migrations.ts';
import { SCHEMA_MIGRATIONS } from './migrations/index.ts';

/** The app's one SQLite database: connections, accounts, statements, settings, bank profiles. */
export type AppDatabase = Database.Database;

/** The file's name predates the store split; kept so that an update finds the user's data. */
export const DATABASE_FILE = 'ledger.sqlite';

/**
 * Opens (creating and migrating) the database in the app's data folder. A database written by a
 * newer version of the app is refused with DATABASE_TOO_NEW and left untouched: this version
 * does not know what the newer one stored, and writing to it could lose that.
 */
export function openAppDatabase(dataDir: string): AppDatabase {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, DATABASE_FILE);
  const db = new Database(file);
  try {
    // Before anything is written to the file (the journal mode is kept in its header).
    refuseNewer(db, SCHEMA_MIGRATIONS);
    // WAL: the UI reads while a sync writes, and a crash mid-page loses only that page's transaction.
    db.pragma('journal_mode = WAL');
    configureConnection(db);
    // Migrations that fold stored remarks use the same function the statement writer uses for new ones.
    db.function('fold_kana', { deterministic: true }, (text) => foldKana(String(text)));
    migrate(db, SCHEMA_MIGRATIONS);
  } catch (error) {
    db.close();
    if (error instanceof DatabaseTooNewError) {
      throw new AppError(
        'DATABASE_TOO_NEW',
        `${file} is at schema ${error.found}; this app knows ${error.known}`,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
  return db;
}

/**
 * What every connection to the ledger sets for itself (the journal mode is the file's): the main
 * process's, and the sync's writer thread's (statement-write-worker.ts), which opens the file the
 * main process has already migrated.
 */
export function configureConnection(db: AppDatabase): void {
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // Two writers (the sync's thread, the main process's own) wait for each other's transaction.
  db.pragma('busy_timeout = 5000');
}

const preparedStatements = new WeakMap<AppDatabase, Map<string, Statement>>();

/**
 * A statement prepared once per connection and kept, for the calls every sync makes several times
 * (a repeat sync of a million-row ledger takes ~20 ms, and preparing its dozen statements anew each
 * time took ~1 ms of it). For `get`, `run` and `all` only: a kept statement being iterated is busy.
 */
export function preparedOnce(db: AppDatabase, sql: string): Statement {
  let statements = preparedStatements.get(db);
  if (!statements) preparedStatements.set(db, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = db.prepare(sql)));
  return statement;
}
