import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Where a row is read or written: in main/store/ and nowhere else of the desktop core. The books'
 * services once read the bank's tables themselves (bank-lines.ts, batch-registration.ts in
 * main/books/) and kept their own SQL beside their logic; a newcomer looking in main/store/ for
 * "where is this row written" missed them.
 */

const MAIN = path.resolve(import.meta.dirname, '../../main');

const coreFiles = (): string[] =>
  (fs.readdirSync(MAIN, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.ts'))
    .map((file) => file.split(path.sep).join('/'))
    .sort();

/** SQL that names one of the bank's tables as it reads or writes it. */
const BANK_TABLE_SQL = /\b(?:FROM|JOIN|INTO|UPDATE)\s+(?:transactions|accounts|connections)\b/;
/** A statement prepared or run on a database handle. */
const RUNS_SQL = /\.(?:prepare|exec)\(\s*[`'"]|\.(?:prepare|exec)\(\s*$/m;

describe('the desktop core’s SQL', () => {
  it('names the bank’s tables (transactions, accounts, connections) only in main/store/', () => {
    const outside = coreFiles().filter(
      (file) =>
        !file.startsWith('store/') && BANK_TABLE_SQL.test(fs.readFileSync(path.join(MAIN, file), 'utf8')),
    );
    expect(outside).toEqual([]);
  });

  it('prepares and runs statements only in main/store/, the books’ stores in main/store/books/', () => {
    const outside = coreFiles().filter(
      (file) => !file.startsWith('store/') && RUNS_SQL.test(fs.readFileSync(path.join(MAIN, file), 'utf8')),
    );
    expect(outside).toEqual([]);
  });
});
