import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';
import diagnostics from 'node:diagnostics_channel';
import Database from 'better-sqlite3';
import { createAppCore } from '../main/app-core.ts';
import { KeytarVault } from '../main/auth/keytar-vault.ts';
import { DATABASE_FILE } from '../main/store/app-database.ts';
import { SLICE_TRACE, type SliceTrace } from '../main/tasks/slices.ts';
import { dispatch } from '../main/ipc-dispatch.ts';
import { addDays, jstDate } from '../shared/dates.ts';
import { ruleAsSaved, type RuleInput } from '../shared/ipc/books-contract.ts';
import type { AppCoreHandlers, IpcChannel, IpcResults } from '../shared/ipc/contract.ts';
import { writeGeneratedLedger } from './generated-ledger.ts';

/**
 * Nothing blocks the app (issue 24): on a generated ledger of 1,000,000 rows (BENCH_LEDGER_ROWS) in
 * the app's core, three long operations run as the UI asks them — 自動登録 over every 未処理 line
 * (books:rules-apply), a 弥生 export of every entry that made (books:export), and deleting the
 * link's kept data (connections:kept-data-delete) — while a probe asks other calls every
 * PROBE_MS through the validating dispatcher, as the renderer would: a 200-row 明細 page and the
 * 連携 list. A probe's latency runs from the moment it was due (a call arriving while a slice
 * holds the process waits for it) to its answer. Printed per operation: its time, the probes'
 * median, p95 and max beside the same calls on the idle app; target: every probe < 50 ms. Beneath,
 * the operation's own steps as the core traced them (SLICE_TRACE): its slices (per part, for a rule
 * application's) and WAL checkpoints, their median and longest, and the slowest three — what a slow
 * probe waited behind; then the event loop's longest pause, the longest GC and the heap's peak.
 * Run: npm run bench:blocking (BENCH_LEDGER_ROWS=50000 for a quick smoke run).
 */
const ROWS = Number(process.env.BENCH_LEDGER_ROWS ?? 1_000_000);
const PROBE_MS = 25;
const TARGET_MS = 50;
const HEAP_SAMPLE_MS = 20;
const KEYCHAIN_SERVICE = 'bankdemo-bench-blocking';

/** With the starter rules as 自動登録, these make nearly every generated line an entry. */
const CATCH_ALL: RuleInput[] = [
  { keyword: 'ﾌﾘｺﾐ', match: 'prefix', type: '1', titleCode: 'receivables', taxCode: 'none', action: 'auto' },
  { keyword: 'ﾌﾘｺﾐ', match: 'prefix', type: '2', titleCode: 'payables', taxCode: 'none', action: 'auto' },
  { keyword: 'ATM', match: 'exact', type: '2', titleCode: 'cash', taxCode: 'none', action: 'auto' },
];

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const at = (values: number[], q: number) =>
  sorted(values)[Math.min(values.length - 1, Math.floor(values.length * q))]!;
const ms = (value: number) => `${value.toFixed(1)} ms`;

/** A step's task, part (a rule application's `kinds`, `transfers`, `batch`…) and kind. */
const kindOf = (s: SliceTrace) => `${s.task}${s.part ? ` ${s.part}` : ''} ${s.step}`;

/** An operation's steps, per task, part and kind: their count, median and max; then the slowest three. */
function stepsLine(steps: SliceTrace[]): string {
  const kinds = [...new Set(steps.map(kindOf))].map((kind) => {
    const of = steps.filter((s) => kindOf(s) === kind);
    const times = of.map((s) => s.ms);
    const pages = of.filter((s) => s.pages !== undefined).map((s) => s.pages!);
    return (
      `${of.length.toLocaleString('en')} ${kind}s median ${ms(at(times, 0.5))}, max ${ms(Math.max(...times))}` +
      (pages.length > 0 ? ` (median ${at(pages, 0.5)} WAL pages)` : '')
    );
  });
  const slowest = [...steps]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 3)
    .map(
      (s) =>
        `${kindOf(s)} ${ms(s.ms)} (${s.items} items${s.pages !== undefined ? `, ${s.pages} pages` : ''})`,
    );
  return `  its steps: ${kinds.join('; ')}; slowest: ${slowest.join(', ')}`;
}

async function call<C extends IpcChannel>(handlers: AppCoreHandlers, channel: C, args: unknown) {
  const answer = await dispatch(handlers, channel, args);
  if (!answer.ok) throw new Error(`${channel} failed: ${JSON.stringify(answer.error)}`);
  return answer.value as IpcResults[C];
}

/** The probe that waited longest: how long its turn came late, how long the call itself took. */
interface SlowestProbe {
  channel: string;
  waited: number;
  answered: number;
}

/**
 * Asks the probe calls every PROBE_MS until `stop` settles; answers each one's latency from when it
 * was due, and the slowest one's parts. One probe at a time: the next is due PROBE_MS after the last
 * answered.
 */
async function probeWhile(
  handlers: AppCoreHandlers,
  stop: Promise<unknown>,
): Promise<{ latencies: number[]; slowest: SlowestProbe | undefined }> {
  const latencies: number[] = [];
  let slowest: (SlowestProbe & { latency: number }) | undefined;
  let running = true;
  void stop.finally(() => (running = false)).catch(() => {});
  let turn = 0;
  while (running) {
    const due = performance.now() + PROBE_MS;
    await new Promise((resolve) => setTimeout(resolve, PROBE_MS));
    if (!running) break;
    const asked = performance.now();
    const channel = turn++ % 2 === 0 ? 'statements:query' : 'connections:list';
    if (channel === 'statements:query')
      await call(handlers, channel, { offset: (turn * 997) % 10_000, limit: 200, order: 'desc' });
    else await call(handlers, channel, undefined);
    const answered = performance.now();
    const latency = answered - due;
    latencies.push(latency);
    if (!slowest || latency > slowest.latency)
      slowest = { channel, latency, waited: asked - due, answered: answered - asked };
  }
  return { latencies, slowest };
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-bench-blocking-'));
const lines: string[] = [];
const report = (line: string) => {
  console.log(line);
  lines.push(line);
};
try {
  const generating = performance.now();
  writeGeneratedLedger(dataDir, ROWS);
  console.log(
    `generated ${ROWS.toLocaleString('en')} rows in ${((performance.now() - generating) / 1000).toFixed(1)} s`,
  );
  const core = await createAppCore({
    dataDir,
    shell: 'browser',
    vault: new KeytarVault(KEYCHAIN_SERVICE),
    openExternal: async () => {},
    syncIntervalMs: 0,
  });
  try {
    const { handlers } = core;
    for (const rule of await call(handlers, 'books:rules-list', undefined))
      await call(handlers, 'books:rules-save', { ...ruleAsSaved(rule), action: 'auto' });
    for (const rule of CATCH_ALL) await call(handlers, 'books:rules-save', rule);

    const { latencies: idle } = await probeWhile(
      handlers,
      new Promise((resolve) => setTimeout(resolve, 2_000)),
    );
    report(
      `idle app: probes median ${ms(at(idle, 0.5))}, p95 ${ms(at(idle, 0.95))}, max ${ms(Math.max(...idle))} (${idle.length} calls)`,
    );

    const measure = async (name: string, run: () => Promise<string>) => {
      const steps: SliceTrace[] = [];
      const heard = (trace: unknown) => steps.push(trace as SliceTrace);
      diagnostics.subscribe(SLICE_TRACE, heard);
      // Whatever else held the process: the event loop's longest pause, and garbage collections.
      const loop = monitorEventLoopDelay({ resolution: 5 });
      loop.enable();
      let longestGc = 0;
      const gc = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) longestGc = Math.max(longestGc, entry.duration);
      });
      gc.observe({ entryTypes: ['gc'] });
      // The core's heap at its largest meanwhile: what a full collection has to go over.
      let heapPeak = 0;
      const heap = setInterval(
        () => (heapPeak = Math.max(heapPeak, v8.getHeapStatistics().used_heap_size)),
        HEAP_SAMPLE_MS,
      );
      const started = performance.now();
      let said = '';
      const operation = run().then((s) => (said = s));
      const { latencies: probes, slowest } = await probeWhile(handlers, operation);
      await operation;
      const took = performance.now() - started;
      diagnostics.unsubscribe(SLICE_TRACE, heard);
      loop.disable();
      gc.disconnect();
      clearInterval(heap);
      const max = probes.length > 0 ? Math.max(...probes) : NaN;
      const met = probes.length > 0 && max < TARGET_MS;
      report(
        `${name}: ${said}, ${(took / 1000).toFixed(1)} s; other calls meanwhile (${probes.length}): ` +
          `median ${ms(at(probes, 0.5))}, p95 ${ms(at(probes, 0.95))}, max ${ms(max)} ` +
          `(target every call < ${TARGET_MS} ms: ${met ? 'met' : 'NOT met'})`,
      );
      if (steps.length > 0) report(stepsLine(steps));
      if (slowest)
        report(
          `  the slowest call (${slowest.channel}): its turn ${ms(slowest.waited)} late, answered in ${ms(slowest.answered)}; ` +
            `the event loop's longest pause ${ms(loop.max / 1e6)}, the longest GC ${ms(longestGc)}, ` +
            `the heap at most ${(heapPeak / 2 ** 20).toFixed(0)} MB`,
        );
    };

    await measure('自動登録 over every 未処理 line', async () => {
      const result = await call(handlers, 'books:rules-apply', undefined);
      return `${result.registered.toLocaleString('en')} lines registered`;
    });
    const today = jstDate(Date.now());
    await measure('弥生 export of every entry', async () => {
      const file = await call(handlers, 'books:export', {
        target: 'yayoi',
        dateFrom: addDays(today, -800),
        dateTo: today,
      });
      return `${file.entries.toLocaleString('en')} entries in ${file.files.length} file(s)`;
    });
    // 連携解除 with the data kept, as the ledger of a link the bank no longer serves.
    const ledger = new Database(path.join(dataDir, DATABASE_FILE));
    ledger.prepare("UPDATE connections SET status = 'disconnected' WHERE id = 'generated'").run();
    ledger.close();
    await measure('deleting the link’s kept data', async () => {
      await call(handlers, 'connections:kept-data-delete', { connectionId: 'generated' });
      return `${ROWS.toLocaleString('en')} rows deleted`;
    });
  } finally {
    await core.close();
  }
  console.log(`\nSummary (${ROWS.toLocaleString('en')} rows, a probe every ${PROBE_MS} ms):`);
  for (const line of lines) console.log(`  ${line}`);
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
