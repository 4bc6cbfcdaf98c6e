/**
 * Run as a child process with no usable Secret Service (none on the bus, or a locked keyring): links the app and prints what the
 * core answered and whether it opened the browser. (keytar keeps its D-Bus connection for the life
 * of a process, so a missing keychain can only be shown in a process of its own.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAppCore } from '../../main/app-core.ts';
import { KeytarVault } from '../../main/auth/keytar-vault.ts';
import { localBankProfile } from '../../main/bank-profiles.ts';
import { dispatch } from '../../main/ipc-dispatch.ts';

const issuer = process.argv[2]!;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-nokeychain-'));
const opened: string[] = [];
const core = await createAppCore({
  dataDir,
  shell: 'browser',
  vault: new KeytarVault('bankdemo-test-absent'),
  builtInProfile: { ...localBankProfile(issuer), local: false },
  openExternal: async (url) => void opened.push(url),
  syncIntervalMs: 0,
});
const result = await dispatch(core.handlers, 'connections:connect', { channel: 'corporate' });
await core.close();
fs.rmSync(dataDir, { recursive: true, force: true });
process.stdout.write(JSON.stringify({ result, opened }));
