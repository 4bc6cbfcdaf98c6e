/**
 * `npm run start:browser`: the desktop app's core in a Node process, its UI in your browser.
 * For QA and demos without Electron, and for the end-to-end tests. Loopback only.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppCore } from '../app-core.ts';
import { localBankProfile } from '../bank-profiles.ts';
import { isBankUrl } from '../shell-policy.ts';
import { startupFailureMessage } from '../startup-failure.ts';
import { startShellServer } from './shell-server.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RENDERER_DIR = path.join(ROOT, 'dist', 'renderer');
const DEFAULT_PORT = 4030;

/** Where the app keeps its ledger when BANKDEMO_DATA_DIR does not say: the OS's per-user app data folder. */
function defaultDataDir(): string {
  if (process.platform === 'darwin')
    return path.join(os.homedir(), 'Library', 'Application Support', 'bankdemo');
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? os.homedir(), 'bankdemo');
  return path.join(process.env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share'), 'bankdemo');
}

/** The system browser, as each OS opens a URL. */
function openInSystemBrowser(url: string): Promise<void> {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]]
        : ['xdg-open', [url]];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
    child.once('error', reject);
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}

if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
  process.stderr.write(
    'The UI is not built yet: run `npm run build:renderer` (npm run start:browser does it for you).\n',
  );
  process.exit(1);
}

// Under test the "system browser" is the test: URLs are recorded for it instead of opened.
const openedUrls = process.env.BANKDEMO_OPEN_EXTERNAL_HOOK === '1' ? ([] as string[]) : undefined;
// A core that cannot start (a database from a newer version: DATABASE_TOO_NEW) is said in words
// and the data left as it is.
const core = await createAppCore({
  dataDir: process.env.BANKDEMO_DATA_DIR ?? defaultDataDir(),
  shell: 'browser',
  builtInProfile: localBankProfile(process.env.BANKDEMO_BANK_ISSUER),
  startLocalBank: true,
  // The banks as they are when the URL is opened: a profile added on the 設定 screen counts at once.
  openExternal: async (url) => {
    if (!isBankUrl(url, core.profiles()))
      throw new Error(`refusing to open a URL that is not the bank's: ${url}`);
    if (openedUrls) openedUrls.push(url);
    else await openInSystemBrowser(url);
  },
}).catch((error: unknown) => {
  const { title, message } = startupFailureMessage(error);
  console.error(`${title}\n${message}`);
  process.exit(1);
});
const server = await startShellServer({
  core,
  rendererDir: RENDERER_DIR,
  port: Number(process.env.BANKDEMO_SHELL_PORT ?? DEFAULT_PORT),
  // Tests set it to know it; otherwise a new one each run.
  secret: process.env.BANKDEMO_SHELL_SECRET ?? crypto.randomBytes(24).toString('base64url'),
  ...(openedUrls ? { openedUrls } : {}),
});
// The user's way in, on the terminal only: its key never goes to the log file.
process.stdout.write(`BankDemo is running: open ${server.url}\n`);

let closing = false;
const shutdown = async () => {
  if (closing) return;
  closing = true;
  await server.close();
  await core.close();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
