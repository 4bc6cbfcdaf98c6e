/**
 * `npm run start:browser`: the desktop app's core in a Node process, its UI in your browser.
 * For QA and demos without Electron, and for the end-to-end tests. Loopback only.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../shared/app-errors.ts';
import { loadAppConfig, type AppConfig } from '../app-config.ts';
import { createAppCore } from '../app-core.ts';
import { localBankProfile } from '../bank-profiles.ts';
import { isBankUrl } from '../shell-policy.ts';
import { startupFailureMessage } from '../startup-failure.ts';
import { startShellServer } from './shell-server.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RENDERER_DIR = path.join(ROOT, 'dist', 'renderer');

/** The settings, read once before anything starts; a bad one is said on one line and nothing starts. */
function configOrExit(): AppConfig {
  try {
    return loadAppConfig();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    process.stderr.write(`BankDemo: ${error.code}: ${error.message}\n`);
    process.exit(1);
  }
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

const config = configOrExit();
if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
  process.stderr.write(
    'The UI is not built yet: run `npm run build:renderer` (npm run start:browser does it for you).\n',
  );
  process.exit(1);
}

// Under test the "system browser" is the test: URLs are recorded for it instead of opened.
const openedUrls = config.browserShell.recordOpenedUrls ? ([] as string[]) : undefined;
// A core that cannot start (a database from a newer version: DATABASE_TOO_NEW) is said in words
// and the data left as it is.
const core = await createAppCore({
  dataDir: config.dataDir ?? config.userDataDir,
  shell: 'browser',
  builtInProfile: localBankProfile(config.bankIssuer),
  startLocalBank: true,
  localBankTlsPort: config.bankTlsPort,
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
  port: config.browserShell.port,
  // Tests set it to know it; otherwise a new one each run.
  secret: config.browserShell.secret ?? crypto.randomBytes(24).toString('base64url'),
  ...(openedUrls ? { openedUrls } : {}),
});
for (const note of core.startupNotes) process.stdout.write(`${note}\n`);
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
