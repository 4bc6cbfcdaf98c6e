import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, waitFor } from './bank-load.ts';
import { benchPassword, defineBenchCustomer } from './qa-customers.ts';
import type { RoundResult } from './sync-round.ts';
import { createAppCore } from '../main/app-core.ts';
import { KeytarVault } from '../main/auth/keytar-vault.ts';
import { dispatch } from '../main/ipc-dispatch.ts';
import type { ApiDialect } from '../shared/bank/oauth.ts';
import { testBankProfile } from '../test/support/test-bank-profile.ts';
import { partnerAccessToken } from '../test/support/consent-flow.ts';
import { copyAsUnsynced, linkCorporateOverHttp } from '../test/support/unsynced-ledger.ts';

/**
 * `npm run bench:sync`: the desktop app's first sync of CORP9000 (~100,000 transactions, 200 pages)
 * from the local bank, beside two floors measured in the same run, each a bare script fetching the
 * same pages and inserting the same rows with one prepared statement and one transaction per page
 * (sync-floor-round.ts): the physical floor into a plain table with only its primary key, and the
 * schema floor into the app's own table, indexes and row triggers included. Each round runs in a
 * fresh process (so its peak RSS is its own), floors and app alternating, compared by their
 * medians. Then the repeat sync with nothing new. Targets (issue 24): app ≤ 1.3× the physical
 * floor, repeat < 20 ms, peak RSS < 150 MB. Both connectors: デモ信用金庫's own dialect, then a second simulator speaking
 * GMO Aozora's (BANK_API_DIALECT=gmo), each beside its own floor. Needs a keyring: the npm script
 * runs it inside scripts/with-test-keyring.sh. BENCH_DIALECTS (`bankdemo,gmo-aozora`) picks them;
 * BENCH_LOGIN picks the customers, one after the other on each bank: CORP9000 (default), CORP0001 (a
 * quick smoke run of a small statement) or MILLION — a customer defined through the bank's QA API
 * before the rounds, one account of the `million` statement size (~1,000,000 rows over the two
 * years served; bench/qa-customers.ts), linked through the consent flow as CORP9000 is. `BENCH_LOGIN=CORP9000,MILLION`
 * also prints whether the peak RSS stays flat from 100k to 1M rows (± 20 MB, issue 24).
 */
/** The banks' ports: BENCH_SYNC_PORT (default 4520) for デモ信用金庫's, 10 above it for GMO's (TLS one above each). */
const PORT = Number(process.env.BENCH_SYNC_PORT ?? 4520);
const BANK_PORTS: Record<ApiDialect, number> = { bankdemo: PORT, 'gmo-aozora': PORT + 10 };
/** A folder to write each round's CPU profile and the bank's into (node --cpu-prof), to see where the time goes. */
const CPU_PROF_DIR = process.env.BENCH_CPU_PROF;
const DIALECTS = (process.env.BENCH_DIALECTS ?? 'bankdemo,gmo-aozora').split(',') as ApiDialect[];
const LOGINS = (process.env.BENCH_LOGIN ?? 'CORP9000').split(',');
/** The simulator as another bank in GMO's dialect (its README, "Running a second bank"). */
const GMO_BANK_ENV = {
  BANK_NAME: 'デモあおぞら銀行',
  BANK_NAME_EN: 'Demo Aozora Bank',
  BANK_CODE: '0399',
  BANK_BRANCHES: '101:法人営業部,102:ひまわり支店,103:あさがお支店',
  BANK_API_DIALECT: 'gmo',
};
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const REPEATS = 5; // as in sync-app-round.ts
const KEYCHAIN_SERVICE = 'bankdemo-bench';

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Bundles a round's script to plain JavaScript, as the Electron main process ships (dist/electron):
 * run from .ts, Node's type stripping alone would add some 30 MB to the measured RSS.
 */
function bundle(entry: string): string {
  const outDir = path.join(ROOT, 'node_modules/.cache/bankdemo-bench');
  execFileSync(
    path.join(ROOT, 'node_modules/.bin/rolldown'),
    [
      entry,
      // The sync's writer thread, beside the round's script as beside the app's (dist/electron).
      'main/store/statement-write-worker.ts',
      '--platform',
      'node',
      '--format',
      'esm',
      '--dir',
      outDir,
      '--external',
      'better-sqlite3',
      '--external',
      'keytar',
    ],
    { stdio: 'ignore', cwd: ROOT },
  );
  return path.join(outDir, path.basename(entry).replace(/\.ts$/, '.js'));
}

function runRound(args: string[]): Promise<RoundResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as RoundResult) : reject(new Error(`round exited ${code}`)),
    );
  });
}

async function benchDialect(dialect: ApiDialect, work: string): Promise<void> {
  const port = BANK_PORTS[dialect];
  const issuer = `http://127.0.0.1:${port}`;
  for (const login of LOGINS) benchPassword(login);
  const bank: ChildProcess = fork(path.join(ROOT, 'simulator/main.ts'), [], {
    env: {
      ...process.env,
      BANK_PORT: String(port),
      BANK_TLS_PORT: String(port + 1),
      BANK_DATA_DIR: path.join(work, `bank-${dialect}`),
      ...(dialect === 'gmo-aozora' ? GMO_BANK_ENV : {}),
    },
    stdio: 'ignore',
    // The bank's profile beside the rounds': its CPU is on the same two cores as the app's.
    ...(CPU_PROF_DIR
      ? {
          execArgv: [
            ...process.execArgv,
            '--cpu-prof',
            '--cpu-prof-dir',
            CPU_PROF_DIR,
            '--cpu-prof-name',
            `${dialect}-bank.cpuprofile`,
          ],
        }
      : {}),
  });
  try {
    await waitFor(`${issuer}/.well-known/openid-configuration`);
    const peaks = new Map<string, number>();
    for (const login of LOGINS) peaks.set(login, await benchLogin(dialect, login, issuer, work));
    const [hundredK, million] = [peaks.get('CORP9000'), peaks.get('MILLION')];
    if (hundredK !== undefined && million !== undefined) {
      const drift = million - hundredK;
      console.log(`4. peak RSS flat from CORP9000's 100k rows to MILLION's 1M (${dialect})`);
      console.log(
        `   ${hundredK.toFixed(0)} MB → ${million.toFixed(0)} MB (${drift >= 0 ? '+' : ''}${drift.toFixed(0)} MB) — target ± ${TARGET_FLAT_MB} MB: ${verdict(Math.abs(drift) <= TARGET_FLAT_MB)}`,
      );
    }
  } finally {
    bank.kill();
  }
}

/** One customer's rounds on a running bank; resolves the app's peak RSS. */
async function benchLogin(dialect: ApiDialect, login: string, issuer: string, work: string): Promise<number> {
  const profile = testBankProfile({ issuer }, dialect);
  const password = benchPassword(login);
  console.log(`bench:sync — ${login} first sync, ${dialect} dialect, app vs floor (fresh process per round)`);
  await defineBenchCustomer(issuer, login);

  // Link once as the app does, and keep that store, unsynced, as every round's starting point.
  const linkedDir = path.join(work, `linked-${dialect}-${login}`);
  const core = await createAppCore({
    dataDir: linkedDir,
    shell: 'browser',
    vault: new KeytarVault(KEYCHAIN_SERVICE),
    builtInProfile: profile,
    // Like a real browser, the customer's part runs on its own; the core only launched it.
    openExternal: async (url) => void linkCorporateOverHttp({ issuer }, url, login, password),
    syncIntervalMs: 0,
  });
  const connected = await dispatch(core.handlers, 'connections:connect', { channel: 'corporate' });
  if (!connected.ok) throw new Error(`link failed: ${JSON.stringify(connected.error)}`);
  const synced = await dispatch(core.handlers, 'sync:run', {});
  await core.close();
  const failed = synced.ok
    ? (synced.value as Array<{ accounts: Array<{ error?: unknown }> }>).flatMap((o) =>
        o.accounts.flatMap((a) => (a.error ? [a.error] : [])),
      )
    : [synced.error];
  if (failed.length > 0) throw new Error(`${login}'s sync at linking failed: ${JSON.stringify(failed)}`);
  const template = path.join(work, `template-${dialect}-${login}`);
  fs.mkdirSync(template);
  await copyAsUnsynced(linkedDir, template);
  // The floor is the least any client could do: a bearer token (a seed partner's; the bank requires
  // DPoP of the desktop app), so the app's proofs are part of what the ratio measures.
  const floorToken = await partnerAccessToken({ issuer }, login, password);

  const appScript = bundle('bench/sync-app-round.ts');
  const floorScript = bundle('bench/sync-floor-round.ts');
  const app: RoundResult[] = [];
  const floor: RoundResult[] = [];
  const schemaFloor: RoundResult[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const profiling = (name: string) =>
      CPU_PROF_DIR
        ? [
            '--cpu-prof',
            '--cpu-prof-dir',
            path.resolve(CPU_PROF_DIR),
            '--cpu-prof-name',
            `${dialect}-${login}-${name}-${round}.cpuprofile`,
          ]
        : [];
    const floorDir = path.join(work, `floor-${dialect}-${login}-${round}`);
    floor.push(
      await runRound([
        ...profiling('floor'),
        floorScript,
        floorDir,
        profile.apiBase,
        floorToken,
        dialect,
        'physical',
      ]),
    );
    const schemaDir = path.join(work, `schema-floor-${dialect}-${login}-${round}`);
    schemaFloor.push(
      await runRound([
        ...profiling('schema-floor'),
        floorScript,
        schemaDir,
        profile.apiBase,
        floorToken,
        dialect,
        'schema',
      ]),
    );
    const appDir = path.join(work, `app-${dialect}-${login}-${round}`);
    fs.mkdirSync(appDir);
    await copyAsUnsynced(template, appDir);
    app.push(await runRound([...profiling('app'), appScript, appDir, issuer, KEYCHAIN_SERVICE, dialect]));
    const [f, s, a] = [floor.at(-1)!, schemaFloor.at(-1)!, app.at(-1)!];
    console.log(
      `   round ${round}: floor ${f.ms.toFixed(0)} ms (RSS ${f.startRssMb.toFixed(0)}→${f.peakRssMb.toFixed(0)} MB), ` +
        `schema floor ${s.ms.toFixed(0)} ms, app ${a.ms.toFixed(0)} ms (RSS ${a.startRssMb.toFixed(0)}→${a.peakRssMb.toFixed(0)} MB), ${a.rows.toLocaleString('en')} rows`,
    );
    if (a.rows !== f.rows || s.rows !== f.rows) {
      throw new Error(`the app synced ${a.rows} rows, the floors ${f.rows} and ${s.rows}`);
    }
    // Each round's copies go once measured: a million rows' ledger is ~425 MB.
    for (const dir of [floorDir, schemaDir, appDir]) fs.rmSync(dir, { recursive: true, force: true });
  }
  report(app, floor, schemaFloor);
  return Math.max(...app.map((r) => r.peakRssMb));
}

const TARGET_RATIO = 1.3;
const TARGET_REPEAT_MS = 20;
const TARGET_PEAK_MB = 150;
/** Issue 24: the peak RSS at 1M rows is the 100k one's, give or take this. */
const TARGET_FLAT_MB = 20;
const verdict = (met: boolean): string => (met ? 'met' : 'NOT met');

function report(app: RoundResult[], floor: RoundResult[], schemaFloor: RoundResult[]): void {
  const appMs = median(app.map((r) => r.ms));
  const floorMs = median(floor.map((r) => r.ms));
  const schemaMs = median(schemaFloor.map((r) => r.ms));
  const ratio = appMs / floorMs;
  const repeat = median(app.flatMap((r) => r.repeatMs!));
  const peak = Math.max(...app.map((r) => r.peakRssMb));
  const rows = app[0]!.rows;
  const rate = (ms: number): string => Math.round(rows / (ms / 1000)).toLocaleString('en');
  console.log(`1. first sync of ${rows.toLocaleString('en')} transactions`);
  console.log(`   app           median ${appMs.toFixed(0)} ms   (${rate(appMs)} rows/s)`);
  console.log(
    `   floor         median ${floorMs.toFixed(0)} ms   (${rate(floorMs)} rows/s; plain table, primary key only)`,
  );
  console.log(
    `   schema floor  median ${schemaMs.toFixed(0)} ms   (${rate(schemaMs)} rows/s; the app's table, row by row)`,
  );
  console.log(
    `   ratio  ${ratio.toFixed(2)}× the floor — target ≤ ${TARGET_RATIO}×: ${verdict(ratio <= TARGET_RATIO)}` +
      ` (${(appMs / schemaMs).toFixed(2)}× the schema floor)`,
  );
  console.log(`2. repeat sync, nothing new, all of the customer's accounts`);
  console.log(
    `   median ${repeat.toFixed(1)} ms over ${REPEATS * ROUNDS} — target < ${TARGET_REPEAT_MS} ms: ${verdict(repeat < TARGET_REPEAT_MS)}`,
  );
  console.log(`3. peak RSS of the app's process during the first sync`);
  console.log(`   ${peak.toFixed(0)} MB — target < ${TARGET_PEAK_MB} MB: ${verdict(peak < TARGET_PEAK_MB)}`);
}

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-bench-sync-'));
  try {
    for (const dialect of DIALECTS) await benchDialect(dialect, work);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

await main();
