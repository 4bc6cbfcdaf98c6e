import path from 'node:path';
import type { BankConfig } from '../config.ts';
import { seedCustomers } from '../customers/customer-store.ts';
import { namespaceSchema, openNamespaceStorage, type BankStorage } from '../db/database.ts';
import type { SqlPort } from '../db/sql-port.ts';
import { createLedgerStore } from '../ledger/ledger-store.ts';
import { jstDate } from '../../shared/dates.ts';

/** Not a namespace name (`_` is not allowed in one), so no namespace ever opens it. */
const PRISTINE = '_pristine';

/** The tables the seed and the statement generator fill, parents first. */
const SEEDED_TABLES = ['customers', 'accounts', 'holdings', 'ledger_state', 'transactions'];

/**
 * A new namespace starts as a copy of a pristine bank — the seeded customers and their statements
 * generated up to today, and nothing else: no keys, no links, no audit — instead of generating two
 * years of statements again for each namespace (seconds, and an e2e run makes one per worker at
 * once). The pristine bank is made once per data folder or database (`namespaces/_pristine.sqlite`,
 * schema `ns__pristine`) and brought up to today before each copy.
 */
export function pristineBankCopier(config: BankConfig, rootSql: SqlPort) {
  let pristine: Promise<BankStorage> | undefined;
  // One copy at a time: each brings the pristine bank up to today first.
  let queue: Promise<unknown> = Promise.resolve();

  const open = (): Promise<BankStorage> => {
    pristine ??= openNamespaceStorage(config.dataDir, config.databaseUrl, PRISTINE);
    return pristine;
  };

  const copy = async (name: string): Promise<void> => {
    const { sql, sqlite } = await open();
    await seedCustomers(sql, config.bank.branches);
    await createLedgerStore(sql, config.seed).ensureThrough(jstDate(Date.now()));
    if (sqlite) {
      const target = path.join(config.dataDir, 'namespaces', `${name}.sqlite`);
      // VACUUM INTO writes a consistent copy in one statement; the name is a checked namespace name.
      sqlite.exec(`VACUUM INTO '${target.replace(/'/g, "''")}'`);
      return;
    }
    // PostgreSQL: the namespace's schema made and migrated, then the seeded tables copied across.
    await (await openNamespaceStorage(config.dataDir, config.databaseUrl, name)).sql.close();
    const [from, to] = [namespaceSchema(PRISTINE), namespaceSchema(name)];
    await rootSql.transaction(async (tx) => {
      for (const table of SEEDED_TABLES)
        await tx.run(`INSERT INTO ${to}.${table} SELECT * FROM ${from}.${table}`);
    });
  };

  return {
    /** Fills the namespace's new storage (which must not exist yet) with the pristine bank. */
    copyTo(name: string): Promise<void> {
      const done = queue.then(() => copy(name));
      queue = done.catch(() => undefined);
      return done;
    },
    async close(): Promise<void> {
      await queue;
      await (await pristine)?.sql.close();
    },
  };
}
