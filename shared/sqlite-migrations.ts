/** What the migration runner needs of a SQLite handle (better-sqlite3's Database has it). */
export interface MigratableDatabase {
  exec(sql: string): unknown;
  pragma(source: string, options: { simple: true }): unknown;
  transaction(fn: () => void): () => void;
}

/**
 * A database that a newer version of the program has migrated past the steps this one knows.
 * Running on it would read tables and columns this version does not understand and write rows the
 * newer one does not expect, so the runner refuses it before touching anything.
 */
export class DatabaseTooNewError extends Error {
  readonly code = 'DATABASE_TOO_NEW';
  readonly found: number;
  readonly known: number;

  constructor(found: number, known: number) {
    super(
      `the database was written by a newer version (schema ${found}; this version knows ${known}): update the app`,
    );
    this.name = 'DatabaseTooNewError';
    this.found = found;
    this.known = known;
  }
}

/**
 * The guard alone, for a caller that must refuse a newer database before it changes anything else
 * (the journal mode is written into the file too). Returns the schema version found.
 */
export function refuseNewer(db: Pick<MigratableDatabase, 'pragma'>, steps: readonly string[]): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > steps.length) throw new DatabaseTooNewError(current, steps.length);
  return current;
}

/**
 * Brings a database's schema up to date: step N runs once, in its own transaction, and
 * `user_version` records how many have run. A step is never edited once released: add a new one.
 * The one migration runner of the bank and of the desktop app's database.
 *
 * @throws DatabaseTooNewError when `user_version` is past the last step (a newer program wrote it).
 */
export function migrate(db: MigratableDatabase, steps: readonly string[]): void {
  const current = refuseNewer(db, steps);
  for (let step = current; step < steps.length; step++) {
    db.transaction(() => {
      db.exec(steps[step]!);
      db.exec(`PRAGMA user_version = ${step + 1}`);
    })();
  }
}
