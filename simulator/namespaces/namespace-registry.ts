import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { SqlPort } from '../db/sql-port.ts';

/** 1–40 of `[a-z0-9-]`: written into the URL, a file name and a schema name, so nothing else. */
export const NamespaceNameSchema = z
  .string()
  .regex(/^[a-z0-9-]{1,40}$/, 'a namespace name is 1 to 40 of a–z, 0–9 and -');

interface Namespace {
  name: string;
  createdAt: number;
}

interface NamespaceRow {
  name: string;
  qa_token_sha256: string;
  created_at: number;
}

export const sha256Hex = (value: string): string => createHash('sha256').update(value).digest('hex');

/**
 * The namespaces the bank serves, in the root bank's database (every bank process on it serves the
 * same ones). A namespace's QA token is shown once, when it is made; only its hash is kept.
 */
export interface NamespaceRegistry {
  /** Records a new namespace and returns its QA token, or undefined when the name is taken. */
  add(name: string): Promise<string | undefined>;
  /** The namespace and its token's hash, or undefined. */
  find(name: string): Promise<(Namespace & { qaTokenSha256: string }) | undefined>;
  list(): Promise<Namespace[]>;
  /** Whether there was one to remove. */
  remove(name: string): Promise<boolean>;
}

export function createNamespaceRegistry(sql: SqlPort): NamespaceRegistry {
  return {
    async add(name) {
      const qaToken = randomBytes(24).toString('base64url');
      const added = await sql.run(
        `INSERT INTO bank_namespaces (name, qa_token_sha256, created_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO NOTHING`,
        [name, sha256Hex(qaToken), Math.floor(Date.now() / 1000)],
      );
      return added === 1 ? qaToken : undefined;
    },
    async find(name) {
      const row = await sql.get<NamespaceRow>('SELECT * FROM bank_namespaces WHERE name = ?', [name]);
      return row && { name: row.name, qaTokenSha256: row.qa_token_sha256, createdAt: row.created_at };
    },
    async list() {
      const rows = await sql.all<NamespaceRow>('SELECT * FROM bank_namespaces ORDER BY name');
      return rows.map((r) => ({ name: r.name, createdAt: r.created_at }));
    },
    async remove(name) {
      return (await sql.run('DELETE FROM bank_namespaces WHERE name = ?', [name])) === 1;
    },
  };
}
