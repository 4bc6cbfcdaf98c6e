import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const READY = /BankDemo is running: open (http:\/\/127\.0\.0\.1:\d+\/\?key=\S+)/;

/** One desktop app as a user runs it without Electron: the browser shell over the real core. */
export interface RunningApp {
  /** The printed URL with the session key; opening it logs the browser in. */
  url: string;
  origin: string;
  /** What the app printed so far (stdout and stderr), for the report. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `node main/browser-shell/main.ts` with its own ledger folder, on a free port, linked to the
 * given bank, with the system browser replaced by the test hook (the test opens the URLs itself).
 * The renderer must be built already (global-setup.ts).
 */
export async function startApp({
  dataDir,
  issuer,
  env = {},
}: {
  dataDir: string;
  issuer: string;
  /** More environment for the app (e.g. no D-Bus session, for a machine without a keychain). */
  env?: Record<string, string>;
}): Promise<RunningApp> {
  const child = spawn(process.execPath, ['main/browser-shell/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      BANKDEMO_BANK_ISSUER: issuer,
      BANKDEMO_SHELL_PORT: '0',
      BANKDEMO_SHELL_SECRET: crypto.randomBytes(18).toString('base64url'),
      BANKDEMO_OPEN_EXTERNAL_HOOK: '1',
      BANKDEMO_DATA_DIR: dataDir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const url = await new Promise<string>((resolve, reject) => {
    const onOutput = () => {
      const match = READY.exec(output);
      if (match) settle(() => resolve(match[1]!));
    };
    const onExit = (code: number | null) =>
      settle(() => reject(new Error(`the app (browser shell) exited with ${code}:\n${output}`)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      settle(() => reject(new Error(`the app (browser shell) printed no URL within 30 s:\n${output}`)));
    }, 30_000);
    const settle = (done: () => void) => {
      clearTimeout(timer);
      child.stdout!.off('data', onOutput);
      child.off('exit', onExit);
      done();
    };
    child.stdout!.on('data', onOutput);
    child.once('exit', onExit);
  });
  return {
    url,
    origin: new URL(url).origin,
    output: () => output,
    stop: () => stopChild(child),
  };
}

/** SIGTERM lets the core finish a running sync and close the ledger; SIGKILL after 15 s. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}
