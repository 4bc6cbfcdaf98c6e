/**
 * The app as a process that can be killed: opens the core on an existing data folder and keychain
 * entry, syncs everything, and prints a line per page written (so the crash test knows how far it
 * got) and "done" at the end.
 */
import { createAppCore } from '../../main/app-core.ts';
import { KeytarVault } from '../../main/auth/keytar-vault.ts';
import { localBankProfile } from '../../main/bank-profiles.ts';
import { dispatch } from '../../main/ipc-dispatch.ts';

const [dataDir, keychainService, issuer] = process.argv.slice(2) as [string, string, string];
const core = await createAppCore({
  dataDir,
  shell: 'browser',
  vault: new KeytarVault(keychainService),
  builtInProfile: { ...localBankProfile(issuer), local: false },
  openExternal: async () => {},
  syncIntervalMs: 0,
});
core.onEvent((event) => {
  if (event.type === 'sync:progress') process.stdout.write(`page ${event.pages} ${event.rows}\n`);
});
const result = await dispatch(core.handlers, 'sync:run', {});
await core.close();
process.stdout.write(`${result.ok ? 'done' : `failed ${JSON.stringify(result.error)}`}\n`);
