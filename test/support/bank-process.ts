import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../simulator/config.ts';
import { BANK_NODE_FLAGS } from '../../simulator/node-flags.ts';

export interface BankProcess {
  issuer: string;
  child: ChildProcess;
  /** The worker processes' ids (BANK_WORKERS), as the OS lists the primary's children now. */
  workerPids(): number[];
  /** SIGKILL to the primary and every worker at once: a machine losing power, as far as the bank knows. */
  killAll(): Promise<void>;
}

/**
 * `npm run bank` as a real process (`node simulator/main.ts`) with the given settings, in a process
 * group of its own so the whole bank can be killed; resolves once it prints that it is running.
 */
export function startBankProcess(env: Record<string, string>): Promise<BankProcess> {
  const child = spawn(process.execPath, [...BANK_NODE_FLAGS, path.join(PROJECT_ROOT, 'simulator/main.ts')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the bank did not start in 60 s:\n${output}`)), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the bank ended (code ${code}) before it ran:\n${output}`));
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const issuer = /issuer \/ pages\s+(\S+)/.exec(output)?.[1];
      if (!issuer) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      resolve({
        issuer,
        child,
        workerPids: () => {
          try {
            return execFileSync('ps', ['-o', 'pid=', '--ppid', String(child.pid)], { encoding: 'utf8' })
              .split('\n')
              .map((l) => Number(l.trim()))
              .filter((pid) => pid > 0);
          } catch {
            return []; // ps lists none: no worker now
          }
        },
        killAll: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            process.kill(-child.pid!, 'SIGKILL');
          }),
      });
    });
  });
}
