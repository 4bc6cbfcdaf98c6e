import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type autocannon from 'autocannon';
import { addDays, jstDate } from '../shared/dates.ts';
import { partnerAccessToken } from '../test/support/consent-flow.ts';
import {
  BENCH_PORT_BASE,
  cpuMs,
  fmt,
  load,
  median,
  ROOT,
  rssMb,
  sequentialLatencies,
  verdict,
  waitFor,
} from './bank-load.ts';
import { BANK_NODE_FLAGS } from '../simulator/node-flags.ts';
import { namespacesSection, postgresSection, workersSection } from './bank-scale-rounds.ts';

/**
 * `npm run bench:bank`: the account-information API under load from this (second) process on
 * loopback, beside a bare node:http server sending the same bytes, measured in the same run.
 *   1. authenticated GET /api/v1/accounts/balances — throughput, bank vs bare (target ≥ 0.7×), and
 *      each server's CPU time per request
 *   2. a 500-row transactions page of CORP9000's account — median latency (target < 2 ms)
 *   3. the bank's resident memory under 100 connections on the balances call (target < 200 MB)
 *   4. both again on PostgreSQL (a throwaway cluster) — ratio to SQLite (target ≥ 0.5×)
 *   5. balances with BANK_WORKERS=1 and 2 — ratio (target ≥ 1.5×)
 *   6. 100 connections spread over 8 namespaces of a two-worker bank — errors (target 0)
 * Every load is bounded in time or count and stops by itself.
 */
const BANK_PORT = BENCH_PORT_BASE;
const BARE_PORT = BENCH_PORT_BASE + 2;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ROUND_SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
/** Bank and bare are measured in alternating rounds and compared by their medians, so that a drift
 * in this shared machine's speed during the run favours neither. */
const ROUNDS = 5;
const LATENCY_REQUESTS = 300;
const NODE_HEADERS = new Set(['date', 'connection', 'keep-alive']);
/** Targets (issue 24). */
const BALANCES_TARGET = 0.7;
const PAGE_TARGET_MS = 2;
const RSS_CONNECTIONS = 100;
const RSS_TARGET_MB = 200;

interface Round {
  result: autocannon.Result;
  /** The server's CPU time per request in the round, in µs (undefined without /proc). */
  cpuUs?: number;
}

/** One round of load, with the CPU time the serving process spent on it. */
async function round(url: string, token: string | undefined, pid: number | undefined): Promise<Round> {
  const before = pid === undefined ? undefined : cpuMs(pid);
  const result = await load(url, token, { connections: CONNECTIONS, duration: ROUND_SECONDS });
  const after = pid === undefined ? undefined : cpuMs(pid);
  return {
    result,
    ...(before !== undefined && after !== undefined
      ? { cpuUs: ((after - before) * 1000) / result.requests.total }
      : {}),
  };
}

const middle = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The bank's peak resident memory while `connections` connections load `url` for `seconds`. */
async function peakRssUnderLoad(
  pid: number,
  url: string,
  token: string,
  connections: number,
  seconds: number,
): Promise<{ before?: number; peak?: number; result: autocannon.Result }> {
  const before = rssMb(pid);
  let peak = before;
  const sampler = setInterval(() => {
    const now = rssMb(pid);
    if (now !== undefined) peak = Math.max(peak ?? 0, now);
  }, 50);
  try {
    const result = await load(url, token, { connections, duration: seconds });
    return { before, peak, result };
  } finally {
    clearInterval(sampler);
  }
}

function startBare(bodyFile: string, port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(ROOT, 'bench/bare-server.ts'), [bodyFile, String(port)], {
      stdio: 'inherit',
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bare server exited with ${code}`)));
    child.once('message', () => resolve(child));
  });
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-bench-'));
  const children: ChildProcess[] = [];
  try {
    // The bank as `npm run bank` runs it.
    const bank = fork(path.join(ROOT, 'simulator/main.ts'), [], {
      execArgv: [...process.execArgv, ...BANK_NODE_FLAGS],
      env: {
        ...process.env,
        BANK_PORT: String(BANK_PORT),
        BANK_TLS_PORT: String(BANK_PORT + 1),
        BANK_DATA_DIR: dataDir,
      },
      stdio: 'ignore',
    });
    children.push(bank);
    const issuer = `http://127.0.0.1:${BANK_PORT}`;
    await waitFor(`${issuer}/.well-known/openid-configuration`);
    // A bearer token (a seed partner's; the bank requires DPoP of the desktop app): the load generator
    // cannot sign a fresh proof per request, and this bench measures the API's own path.
    const token = await partnerAccessToken({ issuer }, 'CORP9000', 'Corp-Pass-9');

    const today = jstDate(Date.now());
    const balancesUrl = `${issuer}/api/v1/accounts/balances`;
    const pageUrl = `${issuer}/api/v1/accounts/transactions?accountId=002019000001&dateFrom=${addDays(today, -200)}&dateTo=${addDays(today, -100)}`;
    const capture = async (url: string, name: string) => {
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      const file = path.join(dataDir, name);
      fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
      // What the bank chose to send; Node's own (Date, Connection, Keep-Alive) the bare server sends too.
      const chosen = Object.fromEntries(
        [...res.headers].filter(([name]) => !NODE_HEADERS.has(name) && name !== 'content-length'),
      );
      fs.writeFileSync(`${file}.headers.json`, JSON.stringify(chosen));
      return file;
    };
    const balancesFile = await capture(balancesUrl, 'balances.json');
    const pageFile = await capture(pageUrl, 'page.json');
    const rows = (JSON.parse(fs.readFileSync(pageFile, 'utf8')) as { count: string }).count;

    console.log(
      `bench:bank — Node ${process.version}, ${os.cpus().length} cores, load from a second process on loopback; load average ${fmt(os.loadavg()[0]!, 1)} at the start (on a busy machine the throughputs mean little; CPU per request and the ratio within a run less so)`,
    );
    console.log(
      `balances response ${fs.statSync(balancesFile).size} bytes; transactions page ${rows} rows, ${fmt(fs.statSync(pageFile).size)} bytes\n`,
    );

    const bareBalances = await startBare(balancesFile, BARE_PORT);
    children.push(bareBalances);
    const bare = `http://127.0.0.1:${BARE_PORT}/`;
    // Warm both (JIT, SQLite page cache) before measuring.
    await load(balancesUrl, token, { connections: 4, amount: 2000 });
    // The bare server is sent the same request, token included: the same bytes to parse.
    await load(bare, token, { connections: 4, amount: 2000 });
    const bankRounds: Round[] = [];
    const bareRounds: Round[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      bankRounds.push(await round(balancesUrl, token, bank.pid));
      bareRounds.push(await round(bare, token, bareBalances.pid));
    }
    bareBalances.kill();

    const barePage = await startBare(pageFile, BARE_PORT + 1);
    children.push(barePage);
    const bankPage = await sequentialLatencies(pageUrl, token, LATENCY_REQUESTS);
    const barePageRun = await sequentialLatencies(
      `http://127.0.0.1:${BARE_PORT + 1}/`,
      token,
      LATENCY_REQUESTS,
    );
    barePage.kill();

    const bankRuns = bankRounds.map((r) => r.result);
    const bareRuns = bareRounds.map((r) => r.result);
    const [bankRun, bareRun] = [median(bankRuns), median(bareRuns)];
    const ratio = bankRun.requests.average / bareRun.requests.average;
    const rounds = (runs: autocannon.Result[]) => runs.map((r) => fmt(r.requests.average)).join(' / ');
    console.log(
      `1. GET /api/v1/accounts/balances, ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${ROUND_SECONDS} s`,
    );
    console.log(`   bank rounds ${rounds(bankRuns)} req/s`);
    console.log(`   bare rounds ${rounds(bareRuns)} req/s`);
    console.log(
      `   bank   median ${fmt(bankRun.requests.average)} req/s   p50 ${bankRun.latency.p50} ms   p99 ${bankRun.latency.p99} ms`,
    );
    console.log(
      `   bare   median ${fmt(bareRun.requests.average)} req/s   p50 ${bareRun.latency.p50} ms   p99 ${bareRun.latency.p99} ms`,
    );
    console.log(
      `   ratio  ${fmt(ratio, 2)} of the bare server   (target ≥ ${fmt(BALANCES_TARGET, 2)}: ${verdict(ratio >= BALANCES_TARGET)})`,
    );
    const bankCpu = bankRounds.flatMap((r) => (r.cpuUs === undefined ? [] : [r.cpuUs]));
    const bareCpu = bareRounds.flatMap((r) => (r.cpuUs === undefined ? [] : [r.cpuUs]));
    if (bankCpu.length > 0 && bareCpu.length > 0) {
      // The servers' own work, which a loaded machine disturbs least (no target: the ratio above has it).
      console.log(
        `   CPU per request (median of the rounds)   bank ${fmt(middle(bankCpu))} µs   bare ${fmt(middle(bareCpu))} µs   bare/bank ${fmt(middle(bareCpu) / middle(bankCpu), 2)}`,
      );
    }
    console.log(
      `\n2. a ${rows}-row transactions page of CORP9000's account, ${LATENCY_REQUESTS} requests one at a time`,
    );
    const ms = (n: number) => fmt(n, 2);
    console.log(
      `   bank   median ${ms(bankPage.p50)} ms   p90 ${ms(bankPage.p90)} ms   p99 ${ms(bankPage.p99)} ms`,
    );
    console.log(`   bare   median ${ms(barePageRun.p50)} ms   p90 ${ms(barePageRun.p90)} ms`);
    console.log(`   target median < ${PAGE_TARGET_MS} ms: ${verdict(bankPage.p50 < PAGE_TARGET_MS)}`);

    console.log(
      `\n3. the bank's resident memory, ${RSS_CONNECTIONS} connections on GET /api/v1/accounts/balances for ${ROUND_SECONDS} s`,
    );
    const memory = await peakRssUnderLoad(bank.pid!, balancesUrl, token, RSS_CONNECTIONS, ROUND_SECONDS);
    if (memory.peak === undefined) {
      console.log("   skipped: no /proc to read the bank process's memory from");
    } else {
      console.log(
        `   before ${fmt(memory.before ?? 0)} MB   peak under load ${fmt(memory.peak)} MB   (${fmt(memory.result.requests.average)} req/s, p99 ${memory.result.latency.p99} ms)`,
      );
      console.log(`   target < ${RSS_TARGET_MB} MB: ${verdict(memory.peak < RSS_TARGET_MB)}`);
    }
    bank.kill();

    const pageQuery = pageUrl.split('?')[1]!;
    await postgresSection(
      BANK_PORT + 10,
      { balances: bankRun, pageP50: bankPage.p50 },
      { connections: CONNECTIONS, seconds: ROUND_SECONDS, pageQuery, requests: LATENCY_REQUESTS },
    );
    await workersSection(BANK_PORT + 20, { connections: CONNECTIONS, seconds: ROUND_SECONDS });
    await namespacesSection(BANK_PORT + 30, ROUND_SECONDS);
  } finally {
    for (const child of children) child.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
