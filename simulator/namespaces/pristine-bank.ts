import path from 'node:path';
import type { BankConfig } from '../config.ts';
import { seedCustomers } from '../customers/customer-store.ts';
import { openNamespaceStorage, type BankStorage } from '../db/database.ts';
import { createLedgerStore } from '../ledger/ledger-store.ts';
import { jstDate } from '../../shared/dates.ts';

/** Not a namespace name (`_` is not allowed in one), so no namespace ever opens it. */
const PRISTINE = '_pristine';

/**
 * A new namespace on SQLite starts as a copy of a pristine bank — the seeded customers and their
 * statements generated up to today, and nothing else: no keys, no links, no audit — instead of
 * generating two years of statements again for each namespace (seconds, and an e2e run makes one
 * per worker at once). The pristine bank is made once per data folder and brought up to today
 * before each copy. On PostgreSQL each namespace generates its own.
 */
export function pristineBankCopier(config: BankConfig) {
  let pristine: Promise<BankStorage> | undefined;
  // One copy at a time: each brings the pristine bank up to today first.
  let queue: Promise<unknown> = Promise.resolve();

  const open = (): Promise<BankStorage> => {
    pristine ??= openNamespaceStorage(config.dataDir, undefined, PRISTINE);
    return pristine;
  };

  return {
    /** Writes the pristine bank to the namespace's file (which must not exist). */
    copyTo(name: string): Promise<void> {
      const copy = queue.then(async () => {
        const { sql, sqlite } = await open();
        await seedCustomers(sql, config.bank.branches);
        await createLedgerStore(sql, config.seed).ensureThrough(jstDate(Date.now()));
        const target = path.join(config.dataDir, 'namespaces', `${name}.sqlite`);
        // VACUUM INTO writes a consistent copy in one statement; the name is a checked namespace name.
        sqlite!.exec(`VACUUM INTO '${target.replace(/'/g, "''")}'`);
      });
      queue = copy.catch(() => undefined);
      return copy;
    },
    async close(): Promise<void> {
      await queue;
      await (await pristine)?.sql.close();
    },
  };
}
