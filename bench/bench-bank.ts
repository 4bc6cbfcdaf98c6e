import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type autocannon from 'autocannon';
import { addDays, jstDate } from '../shared/dates.ts';
import { partnerAccessToken } from '../test/support/consent-flow.ts';
import { fmt, load, median, ROOT, waitFor } from './bank-load.ts';
import { namespacesSection, postgresSection, workersSection } from './bank-scale-rounds.ts';

/**
 * `npm run bench:bank`: the account-information API under load from this (second) process on
 * loopback, beside a bare node:http server sending the same bytes, measured in the same run.
 *   1. authenticated GET /api/v1/accounts/balances — throughput, bank vs bare (target ≥ 0.5×)
 *   2. a 500-row transactions page of CORP9000's account — median latency (target < 10 ms)
 *   3. both again on PostgreSQL (a throwaway cluster) — ratio to SQLite (target ≥ 0.5×)
 *   4. balances with BANK_WORKERS=1 and 2 — ratio (target ≥ 1.5×)
 *   5. 100 connections spread over 8 namespaces of a two-worker bank — errors (target 0)
 * Every load is bounded in time or count and stops by itself.
 */
const BANK_PORT = 4510;
const BARE_PORT = 4512;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ROUND_SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
/** Bank and bare are measured in alternating rounds and compared by their medians, so that a drift
 * in this shared machine's speed during the run favours neither. */
const ROUNDS = 5;
const LATENCY_REQUESTS = 300;

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
      return file;
    };
    const balancesFile = await capture(balancesUrl, 'balances.json');
    const pageFile = await capture(pageUrl, 'page.json');
    const rows = (JSON.parse(fs.readFileSync(pageFile, 'utf8')) as { count: string }).count;

    console.log(
      `bench:bank — Node ${process.version}, ${os.cpus().length} cores, load from a second process on loopback`,
    );
    console.log(
      `balances response ${fs.statSync(balancesFile).size} bytes; transactions page ${rows} rows, ${fmt(fs.statSync(pageFile).size)} bytes\n`,
    );

    const bareBalances = await startBare(balancesFile, BARE_PORT);
    children.push(bareBalances);
    const bare = `http://127.0.0.1:${BARE_PORT}/`;
    // Warm both (JIT, SQLite page cache) before measuring.
    await load(balancesUrl, token, { connections: 4, amount: 2000 });
    await load(bare, undefined, { connections: 4, amount: 2000 });
    const bankRuns: autocannon.Result[] = [];
    const bareRuns: autocannon.Result[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      bankRuns.push(await load(balancesUrl, token, { connections: CONNECTIONS, duration: ROUND_SECONDS }));
      bareRuns.push(await load(bare, undefined, { connections: CONNECTIONS, duration: ROUND_SECONDS }));
    }
    bareBalances.kill();

    const barePage = await startBare(pageFile, BARE_PORT + 1);
    children.push(barePage);
    await load(pageUrl, token, { connections: 1, amount: 50 });
    const bankPage = await load(pageUrl, token, { connections: 1, amount: LATENCY_REQUESTS });
    const barePageRun = await load(`http://127.0.0.1:${BARE_PORT + 1}/`, undefined, {
      connections: 1,
      amount: LATENCY_REQUESTS,
    });

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
    bank.kill();

    const pageQuery = pageUrl.split('?')[1]!;
    await postgresSection(
      BANK_PORT + 10,
      { balances: bankRun, pageP50: bankPage.latency.p50 },
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
