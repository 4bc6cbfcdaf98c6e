import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../simulator/config.ts';

/** Debian's PostgreSQL 15, which CI installs (.ci/run); PG_BIN points elsewhere. */
export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const SCRIPT = path.join(PROJECT_ROOT, 'scripts/pg-test-cluster.sh');

/**
 * Whether the PostgreSQL suites can run here. In CI (`CI=true`) they must: a missing PostgreSQL is
 * an error there, not a skip.
 */
export function postgresAvailable(): boolean {
  const present = fs.existsSync(path.join(PG_BIN, 'initdb'));
  if (!present && process.env.CI === 'true') {
    throw new Error(
      `PostgreSQL is required in CI but ${PG_BIN}/initdb is missing: apt-get install -y postgresql`,
    );
  }
  return present;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface PostgresCluster {
  /** postgres://postgres@127.0.0.1:<port>/postgres — the maintenance database. */
  url: string;
  stop(): void;
  /** PostgreSQL stops at once (as in a crash) and its data stays, for `resume`. */
  halt(): void;
  /** Starts it again on the same data and port. */
  resume(): void;
}

/** A throwaway cluster in a temp folder on a free loopback port (scripts/pg-test-cluster.sh). */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-pg-'));
  const port = await freePort();
  const url = execFileSync('bash', [SCRIPT, 'start', dir, String(port)], {
    encoding: 'utf8',
    env: { ...process.env, PG_BIN },
  }).trim();
  const run = (...args: string[]) =>
    execFileSync('bash', [SCRIPT, ...args], { env: { ...process.env, PG_BIN } });
  return {
    url,
    stop: () => run('stop', dir),
    halt: () => run('halt', dir),
    resume: () => run('resume', dir, String(port)),
  };
}
