import { Worker } from 'node:worker_threads';
import type { BankTransaction } from '../connectors/bank-connector.ts';
import type { AppDatabase } from './app-database.ts';
import { StatementWriter, type PageWriter, type RunContinuation } from './statement-writer.ts';

/** A write the main process asks of the writer thread: the account's rows staged for `run`, then `rows`. */
interface WriteRequest {
  type: 'write';
  id: number;
  accountId: number;
  rows: readonly BankTransaction[];
  next: RunContinuation;
  /** The staging run whose rows go first (0: none). */
  run: number;
}

/**
 * Checked rows handed to the thread ahead of the write that will include them (`stage`). A run
 * number other than the account's staged one drops those: they were a run's that ended unwritten.
 */
interface StageRequest {
  type: 'stage';
  accountId: number;
  rows: readonly BankTransaction[];
  run: number;
}

/** A run's staged rows that will never be written (it failed): freed. */
interface DiscardRequest {
  type: 'discard';
  accountId: number;
}

export type WriterRequest = WriteRequest | StageRequest | DiscardRequest | 'close';

/** The thread's answer: the rows that were new, or why the write (rolled back whole) failed. */
export type WriteAnswer =
  { id: number; added: number } | { id: number; error: { name: string; message: string; code?: string } };

/** What the thread is started with. */
export interface WriterThreadData {
  file: string;
}

/**
 * The thread closes itself after this long without a write: a repeat sync a minute later finds it
 * still there (started, it costs ~40 ms and some 10 MB), an app left open all day does not keep it.
 */
const IDLE_MS = 60_000;

/**
 * The thread's young generation: a write's rows arrive, are written and are garbage, so a small
 * one is collected often and cheaply instead of growing (V8's default lets it reach 32 MB, all of
 * it the process's memory).
 */
const YOUNG_GENERATION_MB = 4;

/**
 * The thread's old generation, at most. The rows of a write outlive the small young generation and
 * are promoted; with no bound V8 let that grow to 20–38 MB before collecting it, and sized against
 * 64 MB it collects at 15–18 MB: a first sync's peak 20 MB lower (bench:sync, 181 → 160–162 MB).
 * What the thread holds at once is far less even for the largest rows the schemas let through (a
 * write of ~9,000 rows of 1.9 KB, as many staged, the 10,000 folded remarks: ~55 MB); beyond the
 * bound the thread ends, and its writes fail as for any thread that dies. Tried: writes of 14,000
 * rows with 500-character remarks, each its own, 10,000 more staged, four times over.
 */
const OLD_GENERATION_MB = 64;

/** The worker's file beside this one: .ts when the app runs from source, .js in a bundle. */
const WORKER_URL = new URL(
  import.meta.url.endsWith('.ts') ? './statement-write-worker.ts' : './statement-write-worker.js',
  import.meta.url,
);

/**
 * Writes the sync's pages on a thread of its own (statement-write-worker.ts), with its own
 * connection to the ledger, so that the main process fetches and checks the next pages — and
 * answers the UI — while SQLite writes the last ones and their derived structures: the two were
 * one after the other on one thread, which made a first sync twice the time of fetching and
 * inserting the rows alone (issue 24, docs/benchmarks.md). Each write is still one transaction
 * with the cursor after its rows (StatementWriter, on the thread), written in the order asked.
 *
 * Only a run with pages to come gains from the overlap: a write that ends its run (no next page
 * key: a repeat sync's page or two, a long run's last write) is written at once on the caller's
 * thread, as before, so that a sync of a few new rows never waits for a thread to start (~40 ms)
 * nor keeps one (~22 MB). The thread starts with the first write that has pages after it, and ends
 * after a minute without one or at `close()`.
 */
export class StatementWriteThread implements PageWriter {
  private readonly file: string;
  /** The same writer on the main process's connection, for the writes that end a run. */
  private readonly direct: StatementWriter;
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, { resolve(added: number): void; reject(e: Error): void }>();
  private lastId = 0;
  /** The last write asked for, settled either way: writes are answered in the order asked. */
  private last: Promise<unknown> = Promise.resolve();
  private idleTimer: NodeJS.Timeout | undefined;
  /** The accounts with rows staged on the thread for their next write, and the staging run's number. */
  private readonly staging = new Map<number, number>();
  private lastRun = 0;
  /**
   * Accounts whose staged rows ended with the thread (it died, or was closed mid-run): their run's
   * next write fails instead of writing the rows after them with a cursor past them.
   */
  private readonly lost = new Set<number>();

  constructor(db: AppDatabase) {
    this.file = db.name;
    this.direct = new StatementWriter(db);
  }

  /**
   * Writes on the thread when pages follow or rows of the account are staged there, else here;
   * either way after every write asked before (the caller awaits its last write before it asks one
   * that ends the run). The account's staged rows are written first, then `rows`.
   */
  writePage(accountId: number, rows: readonly BankTransaction[], next: RunContinuation): Promise<number> {
    if (this.lost.delete(accountId)) {
      return Promise.reject(new Error('the statement writer thread ended with rows of this run staged'));
    }
    const stagedRun = this.staging.get(accountId);
    this.staging.delete(accountId);
    if (next.nextItemKey === null && stagedRun === undefined) {
      return this.last.then(() => this.direct.writePage(accountId, rows, next));
    }
    const worker = this.started();
    clearTimeout(this.idleTimer);
    worker.ref();
    const id = ++this.lastId;
    const written = new Promise<number>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      const request: WriteRequest = { type: 'write', id, accountId, rows, next, run: stagedRun ?? 0 };
      worker.postMessage(request);
    });
    this.last = written.catch(() => {});
    return written;
  }

  /**
   * Hands a checked page's rows to the thread now, for the account's next write: the main thread
   * then holds no page for the eight fetches a write waits for, so its young generation's
   * collections copy no page (each held page survived them all and was copied into the old
   * generation: a 100,000-row first sync spent ~200 ms in them on a busy machine). Only while the
   * thread is up (false: the caller keeps the page for its write); pages the caller holds go in a
   * write before any staged after them, so the caller stages none while it holds one.
   */
  stage(accountId: number, rows: readonly BankTransaction[]): boolean {
    if (!this.worker || this.lost.has(accountId)) return false;
    let run = this.staging.get(accountId);
    if (run === undefined) this.staging.set(accountId, (run = ++this.lastRun));
    const request: StageRequest = { type: 'stage', accountId, rows, run };
    this.worker.postMessage(request);
    return true;
  }

  /** The account's staged rows will not be written (its run failed): never in a later run's write. */
  discardStaged(accountId: number): void {
    this.lost.delete(accountId);
    if (!this.staging.delete(accountId)) return;
    this.worker?.postMessage({ type: 'discard', accountId } satisfies DiscardRequest);
  }

  /** Whether the thread is up: a sync that ends in its first write never starts it. */
  get threadRunning(): boolean {
    return this.worker !== undefined;
  }

  /** Ends the thread once the writes asked for are done (their answers still arrive). */
  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    const worker = this.worker;
    if (!worker) return;
    await this.last;
    if (this.worker !== worker || this.waiting.size > 0) return; // written to again meanwhile
    this.worker = undefined;
    this.loseStaged();
    // The thread closes its connection and ends (its writes are all answered).
    const ended = new Promise((resolve) => worker.once('exit', resolve));
    worker.postMessage('close' satisfies WriterRequest);
    await ended;
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_URL, {
      workerData: { file: this.file } satisfies WriterThreadData,
      resourceLimits: {
        maxYoungGenerationSizeMb: YOUNG_GENERATION_MB,
        maxOldGenerationSizeMb: OLD_GENERATION_MB,
      },
    });
    worker.on('message', (answer: WriteAnswer) => this.answered(answer));
    // A thread that dies (not one `close()` ended) fails the writes it had: none is lost unsaid.
    const died = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.loseStaged();
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    };
    worker.on('error', died);
    worker.on('exit', (code) => died(new Error(`the statement writer thread ended (${code})`)));
    this.worker = worker;
    return worker;
  }

  private loseStaged(): void {
    for (const accountId of this.staging.keys()) this.lost.add(accountId);
    this.staging.clear();
  }

  private answered(answer: WriteAnswer): void {
    const waiter = this.waiting.get(answer.id);
    if (!waiter) return;
    this.waiting.delete(answer.id);
    if ('added' in answer) waiter.resolve(answer.added);
    else waiter.reject(Object.assign(new Error(answer.error.message), answer.error));
    if (this.waiting.size === 0) {
      // An idle thread never keeps the process alive.
      this.worker?.unref();
      // Not while rows are staged there: a run waiting a long Retry-After would lose them.
      this.idleTimer = setTimeout(() => void (this.staging.size === 0 && this.close()), IDLE_MS);
      this.idleTimer.unref();
    }
  }
}
