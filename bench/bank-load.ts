import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { BANK_NODE_FLAGS } from '../simulator/node-flags.ts';
import { partnerAccessToken } from '../test/support/consent-flow.ts';

/** What bench:bank's sections share (bench:sync its waitFor): starting a bank, loading it, reading the figures. */
export const ROOT = path.resolve(import.meta.dirname, '..');

/** bench:bank's first port (BENCH_PORT_BASE, default 4510): its banks, bare servers and PostgreSQL use the 30 above it. */
export const BENCH_PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 4510);

export const verdict = (met: boolean) => (met ? 'met' : 'NOT met');

/**
 * A process's CPU time (user + system) so far, in milliseconds, from /proc; undefined where there
 * is no /proc. CPU per request is the figure a loaded machine disturbs least: waiting for a core
 * lowers a server's throughput but not the work it does per request.
 */
export function cpuMs(pid: number): number | undefined {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime, in clock ticks (100 a second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/** A process's resident memory now, in MB, from /proc; undefined where there is none. */
export function rssMb(pid: number): number | undefined {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

export async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
}

type Load = { connections: number } & ({ duration: number } | { amount: number });

export async function load(
  url: string,
  token: string | undefined,
  options: Load,
): Promise<autocannon.Result> {
  const result = await autocannon({
    url,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    ...options,
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result;
}

export interface Latencies {
  p50: number;
  p90: number;
  p99: number;
}

/**
 * Latencies in milliseconds, to the microsecond (autocannon's histogram keeps whole milliseconds),
 * of `requests` GETs sent one at a time on one kept-alive connection, each read to its last byte;
 * `warmup` more are sent first and not counted.
 */
export async function sequentialLatencies(
  url: string,
  token: string | undefined,
  requests: number,
  warmup = 30,
): Promise<Latencies> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const headers = token ? { authorization: `Bearer ${token}` } : {};
  const once = () =>
    new Promise<number>((resolve, reject) => {
      const start = performance.now();
      http
        .get(url, { agent, headers }, (res) => {
          if (res.statusCode !== 200) reject(new Error(`${url}: ${res.statusCode}`));
          res.on('data', () => undefined);
          res.on('end', () => resolve(performance.now() - start));
        })
        .on('error', reject);
    });
  try {
    for (let i = 0; i < warmup; i++) await once();
    const times: number[] = [];
    for (let i = 0; i < requests; i++) times.push(await once());
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
    return { p50: at(0.5), p90: at(0.9), p99: at(0.99) };
  } finally {
    agent.destroy();
  }
}

/** The run with the median throughput. */
export const median = (runs: autocannon.Result[]): autocannon.Result =>
  [...runs].sort((a, b) => a.requests.average - b.requests.average)[Math.floor(runs.length / 2)]!;

export const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export interface BenchBank {
  issuer: string;
  /** A seed partner's bearer token for CORP9000 (the load generator cannot sign a DPoP proof per request). */
  token: string;
  stop(): void;
}

/**
 * The bank as `npm run bank` runs it, on its own port and fresh data folder, with the given settings
 * (BANK_WORKERS, BANK_DATABASE_URL…); `stop` ends it (the primary ends its workers) and deletes the folder.
 */
export async function startBenchBank(port: number, env: Record<string, string> = {}): Promise<BenchBank> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-bench-'));
  const child: ChildProcess = fork(path.join(ROOT, 'simulator/main.ts'), [], {
    execArgv: [...process.execArgv, ...BANK_NODE_FLAGS],
    env: {
      ...process.env,
      BANK_PORT: String(port),
      BANK_TLS_PORT: String(port + 1),
      BANK_DATA_DIR: dataDir,
      ...env,
    },
    stdio: 'ignore',
  });
  const stop = () => {
    child.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const issuer = `http://127.0.0.1:${port}`;
    await waitFor(`${issuer}/.well-known/openid-configuration`);
    return { issuer, token: await partnerAccessToken({ issuer }, 'CORP9000', 'Corp-Pass-9'), stop };
  } catch (error) {
    stop();
    throw error;
  }
}
