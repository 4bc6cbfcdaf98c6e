import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { childEnvironment } from './app-config.ts';
import type { BankProfile } from './bank-profiles.ts';

const SIMULATOR_ENTRY = path.join('simulator', 'main.ts');

/**
 * The checkout the app runs from: the nearest folder above this module that holds the simulator
 * (main/ when run from source, dist/electron/ when bundled).
 */
function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, SIMULATOR_ENTRY))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('the built-in bank (simulator/main.ts) is not beside this app');
    dir = parent;
  }
  return dir;
}
const READY_TIMEOUT_MS = 30_000;

export interface LocalBank {
  /** Stops the bank if this app started it; a bank that was already running is left alone. */
  stop(): Promise<void>;
}

async function answers(issuer: string): Promise<boolean> {
  try {
    const res = await fetch(`${issuer}/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(2000),
    });
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * Makes sure the built-in bank answers: if nothing listens at the local profile's issuer, starts
 * the simulator (`simulator/main.ts`, as `npm run bank` does) on that port with its data beside the
 * app's, and waits until it serves its discovery document. The client only runs it as a program;
 * it shares no code with it.
 */
export async function ensureLocalBank(profile: BankProfile, bankDataDir: string): Promise<LocalBank> {
  if (!profile.local || (await answers(profile.issuer))) return { stop: async () => {} };
  const port = new URL(profile.issuer).port;
  const root = repoRoot();
  const child: ChildProcess = spawn(process.execPath, [path.join(root, SIMULATOR_ENTRY)], {
    cwd: root,
    // ELECTRON_RUN_AS_NODE lets Electron's own binary run the bank as plain Node.
    env: childEnvironment({
      ELECTRON_RUN_AS_NODE: '1',
      BANK_PORT: port,
      // Its certificate-login listener goes next door, as with `npm run bank` (4010 → 4011).
      BANK_TLS_PORT: String(Number(port) + 1),
      BANK_DATA_DIR: bankDataDir,
    }),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await answers(profile.issuer))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill();
      throw new Error(`the built-in bank did not start on ${profile.issuer}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
