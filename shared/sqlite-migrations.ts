/** What the migration runner needs of a SQLite handle (better-sqlite3's Database has it). */
export interface MigratableDatabase {
  exec(sql: string): unknown;
  pragma(source: string, options: { simple: true }): unknown;
  transaction(fn: () => void): () => void;
}

/**
 * Brings a database's schema up to date: step N runs once, in its own transaction, and
 * `user_version` records how many have run. A step is never edited once released: add a new one.
 * The one migration runner of the bank and of the desktop app's ledger.
 */
export function migrate(db: MigratableDatabase, steps: readonly string[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let step = current; step < steps.length; step++) {
    db.transaction(() => {
      db.exec(steps[step]!);
      db.exec(`PRAGMA user_version = ${step + 1}`);
    })();
  }
}
