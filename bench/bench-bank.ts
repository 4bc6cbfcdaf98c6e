import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { addDays, jstDate } from '../shared/dates.ts';
import { corporateAccessToken } from '../test/support/consent-flow.ts';

/**
 * `npm run bench:bank`: the account-information API under load from this (second) process on
 * loopback, beside a bare node:http server sending the same bytes, measured in the same run.
 *   1. authenticated GET /api/v1/accounts/balances — throughput, bank vs bare (target ≥ 0.5×)
 *   2. a 500-row transactions page of CORP9000's account — median latency (target < 10 ms)
 * Every load is bounded in time and count and stops by itself.
 */
const BANK_PORT = 4510;
const BARE_PORT = 4512;
const THROUGHPUT_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const LATENCY_REQUESTS = 300;
const ROOT = path.resolve(import.meta.dirname, '..');

function start(script: string, args: string[], env: Record<string, string> = {}): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(ROOT, script), args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
    child.once('message', () => resolve(child));
  });
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
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

async function load(url: string, token: string | undefined, options: Load): Promise<autocannon.Result> {
  const result = await autocannon({
    url,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    ...options,
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result;
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-bench-'));
  const children: ChildProcess[] = [];
  try {
    // The bank as `npm run bank` runs it; it signals nothing over IPC, so readiness is polled.
    const bank = fork(path.join(ROOT, 'simulator/main.ts'), [], {
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
    const token = await corporateAccessToken({ issuer }, 'CORP9000', 'Corp-Pass-9');

    const today = jstDate(Date.now());
    const balancesUrl = `${issuer}/api/v1/accounts/balances`;
    const pageUrl = `${issuer}/api/v1/accounts/transactions?accountId=002019000001&dateFrom=${addDays(today, -200)}&dateTo=${addDays(today, -100)}`;
    const captured = async (url: string, name: string) => {
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      const file = path.join(dataDir, name);
      fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
      return file;
    };
    const balancesBytes = await captured(balancesUrl, 'balances.json');
    const pageBytes = await captured(pageUrl, 'page.json');
    const rows = (JSON.parse(fs.readFileSync(pageBytes, 'utf8')) as { count: string }).count;

    console.log(
      `bench:bank — Node ${process.version}, ${os.cpus().length} cores, load from a second process on loopback`,
    );
    console.log(
      `balances response ${fs.statSync(balancesBytes).size} bytes; transactions page ${rows} rows, ${fmt(fs.statSync(pageBytes).size)} bytes\n`,
    );

    // Warm both paths (JIT, SQLite page cache) before measuring.
    await load(balancesUrl, token, { connections: 4, amount: 500 });
    await load(pageUrl, token, { connections: 1, amount: 50 });

    const bareBalances = await start('bench/bare-server.ts', [balancesBytes, String(BARE_PORT)]);
    children.push(bareBalances);
    const bare = `http://127.0.0.1:${BARE_PORT}/`;
    await load(bare, undefined, { connections: 4, amount: 500 });
    const bankRun = await load(balancesUrl, token, { connections: 10, duration: THROUGHPUT_SECONDS });
    const bareRun = await load(bare, undefined, { connections: 10, duration: THROUGHPUT_SECONDS });
    bareBalances.kill();

    const barePage = await start('bench/bare-server.ts', [pageBytes, String(BARE_PORT + 1)]);
    children.push(barePage);
    const bankPage = await load(pageUrl, token, { connections: 1, amount: LATENCY_REQUESTS });
    const barePageRun = await load(`http://127.0.0.1:${BARE_PORT + 1}/`, undefined, {
      connections: 1,
      amount: LATENCY_REQUESTS,
    });

    const ratio = bankRun.requests.average / bareRun.requests.average;
    console.log('1. GET /api/v1/accounts/balances, 10 connections, ' + `${THROUGHPUT_SECONDS} s each`);
    console.log(
      `   bank   ${fmt(bankRun.requests.average)} req/s   p50 ${bankRun.latency.p50} ms   p99 ${bankRun.latency.p99} ms`,
    );
    console.log(
      `   bare   ${fmt(bareRun.requests.average)} req/s   p50 ${bareRun.latency.p50} ms   p99 ${bareRun.latency.p99} ms`,
    );
    console.log(
      `   ratio  ${fmt(ratio, 2)} of the bare server   (target ≥ 0.50: ${ratio >= 0.5 ? 'met' : 'NOT met'})\n`,
    );
    console.log(
      `2. a ${rows}-row transactions page of CORP9000's account, ${LATENCY_REQUESTS} requests one at a time`,
    );
    console.log(
      `   bank   median ${bankPage.latency.p50} ms   p90 ${bankPage.latency.p90} ms   p99 ${bankPage.latency.p99} ms`,
    );
    console.log(`   bare   median ${barePageRun.latency.p50} ms   p90 ${barePageRun.latency.p90} ms`);
    console.log(`   target median < 10 ms: ${bankPage.latency.p50 < 10 ? 'met' : 'NOT met'}`);
  } finally {
    for (const child of children) child.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
