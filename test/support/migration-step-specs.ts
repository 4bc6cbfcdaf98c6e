/**
 * The specification every schema's migration steps meet (the desktop app's and the bank's):
 * one file a step, listed in order; a released step never edited; and a database upgraded from
 * any version the same as a fresh one.
 */
import fs from 'node:fs';
import { expect, it } from 'vitest';
import {
  databaseAt,
  fixtureFile,
  frozenDatabase,
  schemaOf,
  sha256,
  stepFilePath,
  stepFiles,
  type MigratedSchema,
} from './migrated-databases.ts';
import { migrate } from '../../shared/sqlite-migrations.ts';

/** A released step: its file and the sha256 of the SQL it runs. */
export type ReleasedStep = readonly [file: string, sha256: string];

export function specifyMigrationSteps(
  schema: MigratedSchema,
  released: readonly ReleasedStep[],
  hashesIn: string,
): void {
  const fresh = () => {
    const db = databaseAt(schema, schema.steps.length);
    const shape = schemaOf(db);
    db.close();
    return shape;
  };

  it('runs every step file of its folder once, in the order of their numbers, from 0001 without a gap', async () => {
    const files = stepFiles(schema);
    expect(files.map((file) => Number(file.slice(0, 4)))).toEqual(files.map((_, i) => i + 1));
    const exported = await Promise.all(
      files.map(async (file) => Object.values((await import(stepFilePath(schema, file))) as object)),
    );
    for (const [i, values] of exported.entries()) {
      expect(values, `${files[i]} exports its SQL and nothing else`).toHaveLength(1);
    }
    expect(schema.steps, `${schema.folder}/index.ts lists the step files in order`).toEqual(
      exported.map((values) => values[0]),
    );
  });

  it('never edits a released step: each runs, byte for byte, the SQL it ran when it was released', () => {
    const files = stepFiles(schema);
    for (const [i, [file, hash]] of released.entries()) {
      expect(files[i], `step ${i + 1} is still ${file}`).toBe(file);
      expect(
        sha256(schema.steps[i]!),
        `${file}: a released migration step is never edited: add a new step`,
      ).toBe(hash);
    }
  });

  it('records every step as released, with the hash of its SQL', () => {
    const files = stepFiles(schema);
    const unrecorded = files
      .slice(released.length)
      .map((file, i) => `['${file}', '${sha256(schema.steps[released.length + i]!)}'],`);
    expect(unrecorded, `a new step: add these lines to the released steps in ${hashesIn}`).toEqual([]);
  });

  it('upgrades a database at every version, with its rows, to the schema a fresh one has', () => {
    const expected = fresh();
    for (let version = 0; version <= schema.steps.length; version++) {
      const db = databaseAt(schema, version);
      migrate(db, schema.steps);
      expect(schemaOf(db), `a database at version ${version}, then migrated`).toEqual(expected);
      db.close();
    }
  });

  it('upgrades the database each released step left (test/fixtures/migrations) to the schema a fresh one has', () => {
    const expected = fresh();
    for (let version = 1; version <= schema.steps.length; version++) {
      expect(
        fs.existsSync(fixtureFile(schema, version)),
        `no database kept as step ${version} left it: run node scripts/freeze-migrated-databases.ts`,
      ).toBe(true);
      const db = frozenDatabase(schema, version);
      expect(db.pragma('user_version', { simple: true })).toBe(version);
      migrate(db, schema.steps);
      expect(schemaOf(db), `the database step ${version} left, then migrated`).toEqual(expected);
      db.close();
    }
  });
}
