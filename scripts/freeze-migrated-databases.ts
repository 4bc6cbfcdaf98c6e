/**
 * `node scripts/freeze-migrated-databases.ts`: keeps, in test/fixtures/migrations/, a database as
 * each migration step left it (the desktop app's and the bank's), for the steps that have none
 * yet. Run it once when a new step is added; a kept database is never written again, since it
 * stands for what users' databases are at that version (test/support/migration-step-specs.ts
 * upgrades each and compares it with a fresh one).
 */
import fs from 'node:fs';
import path from 'node:path';
import { APP_SCHEMA, BANK_SCHEMA, fixtureFile, freeze } from '../test/support/migrated-databases.ts';

for (const schema of [APP_SCHEMA, BANK_SCHEMA]) {
  for (let version = 1; version <= schema.steps.length; version++) {
    if (fs.existsSync(fixtureFile(schema, version))) continue;
    freeze(schema, version);
    console.log(`kept ${path.relative(process.cwd(), fixtureFile(schema, version))}`);
  }
}
