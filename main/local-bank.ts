import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
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

/**
 * What answered at the built-in bank's address: the bank this app started, one left running with
 * this app's own data, another BankDemo bank (someone's `npm run bank`, another checkout's app), or
 * a server that is no BankDemo bank at all.
 */
export type LocalBankFound =
  | { kind: 'started' }
  | { kind: 'own' }
  | { kind: 'other'; name: string; pid: number; dataDir: string }
  | { kind: 'foreign' };

export interface LocalBank {
  found: LocalBankFound;
  /** Stops the bank if this app started it; a bank that was already running is left alone. */
  stop(): Promise<void>;
}

const BankFacts = z.object({ issuer: z.string(), name: z.string(), pid: z.number(), dataDir: z.string() });

/** A namespace of a shared bank (`<origin>/ns/<name>`, docs/qa-console.md): its name, else undefined. */
const namespaceOf = (issuer: URL): string | undefined =>
  /^\/ns\/([a-z0-9-]{1,40})$/.exec(issuer.pathname)?.[1];

/**
 * Whose bank answers at `issuer`: its QA API says its name, process and data folder. A namespace's
 * QA API answers only its own token, so for a namespace the bank it lives in is asked (its root
 * QA API answers this machine), and the namespace is named with it.
 */
async function identify(issuer: string, bankDataDir: string): Promise<LocalBankFound> {
  try {
    const url = new URL(issuer);
    const namespace = namespaceOf(url);
    const root = namespace ? url.origin : issuer;
    const res = await fetch(`${root}/qa/api/bank`, { signal: AbortSignal.timeout(2000) });
    const facts = BankFacts.safeParse(res.ok ? await res.json() : undefined);
    if (!facts.success || `${facts.data.issuer}${namespace ? url.pathname : ''}` !== issuer)
      return { kind: 'foreign' };
    const { pid, dataDir } = facts.data;
    const name = namespace ? `${facts.data.name} (namespace ${namespace})` : facts.data.name;
    return path.resolve(dataDir) === path.resolve(bankDataDir)
      ? { kind: 'own' }
      : { kind: 'other', name, pid, dataDir };
  } catch {
    return { kind: 'foreign' };
  }
}

/** The terminal's line about a bank the app did not start (undefined when it is the app's own). */
export function localBankNote(found: LocalBankFound, issuer: string): string | undefined {
  if (found.kind === 'other')
    return `BankDemo: using the bank already running at ${issuer}: ${found.name}, process ${found.pid}, data in ${found.dataDir} (not this app's own; to start its own, stop that one or set BANK_PORT to a free port).`;
  if (found.kind === 'foreign')
    return `BankDemo: something that is not a BankDemo bank answers at ${issuer}, so linking will fail; stop it, or start the app with BANK_PORT set to a free port (e.g. BANK_PORT=4110 npm run start:browser).`;
  return undefined;
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
export async function ensureLocalBank(
  profile: BankProfile,
  bankDataDir: string,
  tlsPort = Number(new URL(profile.issuer).port) + 1,
): Promise<LocalBank> {
  const stopNothing = async () => {};
  if (!profile.local) return { found: { kind: 'own' }, stop: stopNothing };
  if (await answers(profile.issuer))
    return { found: await identify(profile.issuer, bankDataDir), stop: stopNothing };
  const port = new URL(profile.issuer).port;
  const root = repoRoot();
  const child: ChildProcess = spawn(process.execPath, [path.join(root, SIMULATOR_ENTRY)], {
    cwd: root,
    // ELECTRON_RUN_AS_NODE lets Electron's own binary run the bank as plain Node.
    env: childEnvironment({
      ELECTRON_RUN_AS_NODE: '1',
      BANK_PORT: port,
      // Its certificate-login listener: BANK_TLS_PORT, else next door as with `npm run bank` (4010 → 4011).
      BANK_TLS_PORT: String(tlsPort),
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
    found: { kind: 'started' },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
