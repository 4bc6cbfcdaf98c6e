import { createAppCore } from '../main/app-core.ts';
import { KeytarVault } from '../main/auth/keytar-vault.ts';
import { dispatch } from '../main/ipc-dispatch.ts';
import type { ApiDialect } from '../shared/bank/oauth.ts';
import { testBankProfile } from '../test/support/test-bank-profile.ts';
import { sampleRss } from './rss-sampler.ts';
import type { RoundResult } from './sync-round.ts';

/**
 * bench:sync's app round, in a process of its own that loads only the app core (as the main
 * process would): the first sync of a linked, unsynced ledger, then repeat syncs with nothing new.
 * Usage: node bench/sync-app-round.ts <dataDir> <issuer> <keychainService> <dialect>
 */
const REPEATS = 5;

/** One app round, in its own process: the core's first sync, then repeat syncs with nothing new. */
async function appRound(dataDir: string, issuer: string, dialect: ApiDialect): Promise<RoundResult> {
  const core = await createAppCore({
    dataDir,
    shell: 'browser',
    vault: new KeytarVault(keychainService),
    builtInProfile: testBankProfile({ issuer }, dialect),
    openExternal: async () => {},
    syncIntervalMs: 0,
  });
  let rows = 0;
  const memory = sampleRss();
  const started = performance.now();
  const first = await dispatch(core.handlers, 'sync:run', {});
  const ms = performance.now() - started;
  const { startRssMb, peakRssMb } = memory.stop();
  if (!first.ok) throw new Error(`sync failed: ${JSON.stringify(first.error)}`);
  for (const outcome of first.value as Array<{
    accounts: Array<{ newTransactions: number; error?: unknown }>;
  }>) {
    for (const account of outcome.accounts) {
      if (account.error) throw new Error(`an account failed: ${JSON.stringify(account.error)}`);
      rows += account.newTransactions;
    }
  }
  const repeatMs: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const t = performance.now();
    const again = await dispatch(core.handlers, 'sync:run', {});
    repeatMs.push(performance.now() - t);
    if (!again.ok) throw new Error('repeat sync failed');
  }
  await core.close();
  return { ms, rows, startRssMb, peakRssMb, repeatMs };
}

const [dataDir, issuer, keychainService, dialect] = process.argv.slice(2) as [
  string,
  string,
  string,
  ApiDialect,
];
process.stdout.write(JSON.stringify(await appRound(dataDir, issuer, dialect)));
