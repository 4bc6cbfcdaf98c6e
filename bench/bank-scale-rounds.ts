import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { partnerAccessToken } from '../test/support/consent-flow.ts';
import {
  BENCH_PORT_BASE,
  fmt,
  load,
  median,
  ROOT,
  sequentialLatencies,
  startBenchBank,
  verdict,
  type BenchBank,
} from './bank-load.ts';

/**
 * bench:bank's scale sections (issue 23): the same work on PostgreSQL and on SQLite, and the
 * balances call with BANK_WORKERS=1 and 2, and 100 connections over 8 namespaces. Each bank is
 * started as `npm run bank` starts it.
 */
const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const PG_PORT = BENCH_PORT_BASE + 20;
const ROUNDS = 3;
/** Targets: a shared PostgreSQL bank keeps at least half SQLite's throughput; two workers serve 1.5× one. */
const PG_TARGET = 0.5;
const WORKERS_TARGET = 1.5;

async function balancesRounds(
  bank: BenchBank,
  connections: number,
  seconds: number,
): Promise<autocannon.Result> {
  const url = `${bank.issuer}/api/v1/accounts/balances`;
  await load(url, bank.token, { connections: 4, amount: 1000 });
  const runs: autocannon.Result[] = [];
  for (let round = 0; round < ROUNDS; round++)
    runs.push(await load(url, bank.token, { connections, duration: seconds }));
  return median(runs);
}

async function pageMedianMs(bank: BenchBank, pageQuery: string, requests: number): Promise<number> {
  const url = `${bank.issuer}/api/v1/accounts/transactions?${pageQuery}`;
  return (await sequentialLatencies(url, bank.token, requests)).p50;
}

/** 4. PostgreSQL (a throwaway cluster, scripts/pg-test-cluster.sh) against the SQLite figures of 1 and 2. */
export async function postgresSection(
  port: number,
  sqlite: { balances: autocannon.Result; pageP50: number },
  options: { connections: number; seconds: number; pageQuery: string; requests: number },
): Promise<void> {
  console.log(`\n4. the same work on PostgreSQL 15 (BANK_DATABASE_URL) and on SQLite`);
  if (!fs.existsSync(path.join(PG_BIN, 'initdb'))) {
    console.log(`   skipped: no PostgreSQL at ${PG_BIN} (apt-get install -y postgresql)`);
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-bench-pg-'));
  const script = path.join(ROOT, 'scripts/pg-test-cluster.sh');
  const url = execFileSync('bash', [script, 'start', dir, String(PG_PORT)], { encoding: 'utf8' }).trim();
  let bank: BenchBank | undefined;
  try {
    bank = await startBenchBank(port, { BANK_DATABASE_URL: url });
    const balances = await balancesRounds(bank, options.connections, options.seconds);
    const pageP50 = await pageMedianMs(bank, options.pageQuery, options.requests);
    const ratio = balances.requests.average / sqlite.balances.requests.average;
    console.log(
      `   balances   PostgreSQL ${fmt(balances.requests.average)} req/s   SQLite ${fmt(sqlite.balances.requests.average)} req/s`,
    );
    console.log(`   page p50   PostgreSQL ${fmt(pageP50, 2)} ms   SQLite ${fmt(sqlite.pageP50, 2)} ms`);
    console.log(
      `   ratio  ${fmt(ratio, 2)} of SQLite   (target ≥ ${fmt(PG_TARGET, 2)}: ${verdict(ratio >= PG_TARGET)})`,
    );
  } finally {
    bank?.stop();
    execFileSync('bash', [script, 'stop', dir]);
  }
}

/** 5. The balances call with BANK_WORKERS=1 and =2 (SQLite; the two workers share its file). */
export async function workersSection(
  port: number,
  options: { connections: number; seconds: number },
): Promise<void> {
  console.log(
    `\n5. GET /api/v1/accounts/balances with BANK_WORKERS=1 and 2 (SQLite), ${options.connections} connections`,
  );
  const measured: number[] = [];
  for (const workers of [1, 2]) {
    const bank = await startBenchBank(port, { BANK_WORKERS: String(workers) });
    try {
      const run = await balancesRounds(bank, options.connections, options.seconds);
      measured.push(run.requests.average);
      console.log(
        `   ${workers} worker${workers > 1 ? 's' : ' '}  ${fmt(run.requests.average)} req/s   p50 ${run.latency.p50} ms   p99 ${run.latency.p99} ms`,
      );
    } finally {
      bank.stop();
    }
    // The ports are free again before the next bank binds them.
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const ratio = measured[1]! / measured[0]!;
  console.log(
    `   ratio  ${fmt(ratio, 2)}× with 2 workers   (target ≥ ${fmt(WORKERS_TARGET, 2)}: ${verdict(ratio >= WORKERS_TARGET)})`,
  );
}

const NAMESPACES = 8;
const NAMESPACE_CONNECTIONS = 100;

/**
 * 6. Namespaces under load: one bank of two workers (SQLite, the shared no-cache store), eight
 * namespaces made through its QA API, each with a partner's token of its own, and 100 connections
 * spread over their balances calls at once. Every answer must be a 200: the figure that matters here
 * is the errors count, not the throughput.
 */
export async function namespacesSection(port: number, seconds: number): Promise<void> {
  console.log(
    `\n6. ${NAMESPACE_CONNECTIONS} connections spread over ${NAMESPACES} namespaces (BANK_WORKERS=2, SQLite), ${seconds} s`,
  );
  const bank = await startBenchBank(port, { BANK_WORKERS: '2' });
  try {
    const namespaces: { issuer: string; token: string }[] = [];
    for (let i = 1; i <= NAMESPACES; i++) {
      const res = await fetch(`${bank.issuer}/qa/api/namespaces`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: `bench-${i}` }),
      });
      if (res.status !== 201) throw new Error(`namespace bench-${i}: ${res.status} ${await res.text()}`);
      const { issuer } = (await res.json()) as { issuer: string };
      namespaces.push({ issuer, token: await partnerAccessToken({ issuer }, 'CORP9000', 'Corp-Pass-9') });
    }
    const runs = await Promise.all(
      namespaces.map(({ issuer, token }, i) =>
        autocannon({
          url: `${issuer}/api/v1/accounts/balances`,
          headers: { authorization: `Bearer ${token}` },
          // 100 over 8: the first four get 13, the others 12.
          connections:
            Math.floor(NAMESPACE_CONNECTIONS / NAMESPACES) + (i < NAMESPACE_CONNECTIONS % NAMESPACES ? 1 : 0),
          duration: seconds,
        }),
      ),
    );
    const requests = runs.reduce((sum, r) => sum + r.requests.total, 0);
    const errors = runs.reduce((sum, r) => sum + r.errors + r.timeouts + r.non2xx, 0);
    const slowest = Math.max(...runs.map((r) => r.latency.p99));
    console.log(
      `   ${fmt(requests)} requests   ${fmt(requests / seconds)} req/s in all   worst namespace p99 ${slowest} ms`,
    );
    console.log(
      `   errors ${errors} (connection errors, timeouts, non-2xx)   (target 0: ${verdict(errors === 0)})`,
    );
  } finally {
    bank.stop();
  }
}
