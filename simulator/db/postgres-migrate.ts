import type pg from 'pg';
import { DatabaseTooNewError } from '../../shared/sqlite-migrations.ts';

/** Any fixed number: the advisory lock every bank process takes while it migrates. */
const MIGRATION_LOCK = 23_0001;

/**
 * Brings a PostgreSQL database up to `steps`, as shared/sqlite-migrations.ts does a SQLite file:
 * step N runs once, in its own transaction, and `bank_schema.version` records how many ran. Several
 * bank processes starting at once wait for each other on an advisory lock, so each step runs once.
 *
 * @throws DatabaseTooNewError when the database ran steps this version does not know.
 */
export async function migratePostgres(pool: pg.Pool, steps: readonly string[]): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS bank_schema (version INTEGER NOT NULL)');
    await client.query(
      'INSERT INTO bank_schema (version) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM bank_schema)',
    );
    const { rows } = await client.query<{ version: number }>('SELECT version FROM bank_schema');
    const current = rows[0]!.version;
    if (current > steps.length) throw new DatabaseTooNewError(current, steps.length);
    for (let step = current; step < steps.length; step++) {
      await client.query('BEGIN');
      try {
        await client.query(steps[step]!);
        await client.query('UPDATE bank_schema SET version = $1', [step + 1]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
