import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The PostgreSQL cluster of the `postgres` test project (vitest.config.ts), or undefined in the
 * other projects, whose banks keep to SQLite — and outside vitest (Playwright, benches), where
 * vitest's `inject` does not exist.
 */
export async function testPostgresUrl(): Promise<string | undefined> {
  if (!process.env.VITEST) return undefined;
  const { inject } = await import('vitest');
  return inject('bankPostgresUrl') || undefined;
}

/** A new, empty database in the test cluster; its URL. */
export async function createTestDatabase(clusterUrl: string): Promise<string> {
  const name = `bank_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: clusterUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
