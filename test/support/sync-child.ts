/**
 * The app as a process that can be killed: opens the core on an existing data folder and keychain
 * entry, syncs everything, and prints a line per page written (so the crash test knows how far it
 * got) and "done" at the end.
 */
import { createAppCore } from '../../main/app-core.ts';
import { KeytarVault } from '../../main/auth/keytar-vault.ts';
import { dispatch } from '../../main/ipc-dispatch.ts';
import type { ApiDialect } from '../../shared/bank/oauth.ts';
import { testBankProfile } from './test-bank-profile.ts';

const [dataDir, keychainService, issuer, dialect] = process.argv.slice(2) as [
  string,
  string,
  string,
  ApiDialect,
];
const core = await createAppCore({
  dataDir,
  shell: 'browser',
  vault: new KeytarVault(keychainService),
  builtInProfile: testBankProfile({ issuer }, dialect),
  openExternal: async () => {},
  syncIntervalMs: 0,
});
core.onEvent((event) => {
  if (event.type === 'sync:progress') process.stdout.write(`page ${event.pages} ${event.rows}\n`);
});
const result = await dispatch(core.handlers, 'sync:run', {});
await core.close();
process.stdout.write(`${result.ok ? 'done' : `failed ${JSON.stringify(result.error)}`}\n`);
