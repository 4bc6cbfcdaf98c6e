import cluster, { type Worker } from 'node:cluster';
import type { BankConfig } from './config.ts';

/** What a worker tells the primary once its bank answers. */
export interface WorkerReady {
  type: 'bank-ready';
  issuer: string;
  tlsOrigin: string;
  port: number;
  tlsPort: number;
}

const isReady = (message: unknown): message is WorkerReady =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'bank-ready';

/** A worker that dies this soon after starting is not restarted in a loop faster than this. */
const RESTART_DELAY_MS = 500;

/**
 * BANK_WORKERS=N: the primary forks N bank processes that share the HTTP and HTTPS ports
 * (node:cluster hands each connection to one of them) and forks a new one whenever one dies. The
 * first worker starts alone — it migrates the database and issues keys and the PKI — and the others
 * follow once it answers, so no two processes race to create them. Everything a request needs is in
 * the database (docs/bank.md), so any worker may answer any request.
 *
 * @param onReady called once, when the first worker answers (the banner)
 */
export function runBankCluster(config: BankConfig, onReady: (ready: WorkerReady) => void): void {
  const workers = config.workers ?? 1;
  let stopping = false;
  let first: WorkerReady | undefined;
  // A worker started with port 0 (any free port) would get its own: the others reuse the first's.
  const fork = (): Worker =>
    cluster.fork(first ? { BANK_PORT: String(first.port), BANK_TLS_PORT: String(first.tlsPort) } : {});

  cluster.on('message', (_worker, message: unknown) => {
    if (!isReady(message) || first) return;
    first = message;
    onReady(message);
    for (let i = 1; i < workers; i++) fork();
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(
      `[bank] worker ${worker.process.pid} ended (${signal ?? `code ${code}`}); starting another`,
    );
    if (!first) {
      // The first worker could not start the bank (a bad database URL…): its error is printed.
      console.error('[bank] the bank could not start');
      process.exit(1);
    }
    setTimeout(fork, RESTART_DELAY_MS).unref();
  });
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  fork();
}

/** In a worker: tells the primary the bank answers. */
export function reportReady(ready: Omit<WorkerReady, 'type'>): void {
  process.send?.({ type: 'bank-ready', ...ready } satisfies WorkerReady);
}
