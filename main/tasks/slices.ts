import diagnostics from 'node:diagnostics_channel';

/**
 * Long work on the main process in slices. better-sqlite3 is synchronous: a statement that runs for
 * two seconds holds every IPC call for two seconds. So a long operation is cut into slices of
 * bounded work, each its own transaction, and between two slices the event loop runs whatever came
 * in (a keystroke's query, a sync's next page) before the next slice starts.
 */

/** Yields to the event loop: the I/O that waits (IPC calls, HTTP) runs before the next slice. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** One step of a long task as it ran: what holds the event loop, for a benchmark to see which. */
export interface SliceTrace {
  /** The task's name (`kept-data-delete`, …). */
  task: string;
  /** A slice's transaction, or a WAL checkpoint of its own (store/wal-checkpoints.ts). */
  step: 'slice' | 'checkpoint';
  ms: number;
  items: number;
  /** Which part of the task the slice was (a rule application's `kinds`, `transfers`, `batch`…). */
  part?: string;
  /** The WAL pages a checkpoint copied. */
  pages?: number;
}

/**
 * Every step of a named task is published here (node:diagnostics_channel: nothing is built or kept
 * while no one listens); bench:blocking prints the slowest.
 */
export const SLICE_TRACE = 'bankdemo:slices';
const traces = diagnostics.channel(SLICE_TRACE);
export function traceStep(trace: SliceTrace): void {
  if (traces.hasSubscribers) traces.publish(trace);
}

export interface SliceBudget {
  /** How long a slice should take: other calls wait at most about this long. */
  budgetMs: number;
  /** Items in the first slice, and the bounds of every slice's items. */
  initial: number;
  min: number;
  max: number;
}

/**
 * 10 ms a slice keeps another call's answer under 50 ms on a busy 2-core machine: there a slice of
 * 5–15 ms of CPU was seen to take 30–100 ms of wall time (waiting for the CPU or the disk).
 */
const DEFAULT_BUDGET: SliceBudget = { budgetMs: 10, initial: 300, min: 50, max: 20_000 };

/**
 * The size of the next slice, from how long the last ones took: work a row costs differently on
 * another machine, another ledger, under another load, so the size follows the clock, not a
 * constant. Pure apart from the times it is told.
 */
export class SliceSizer {
  private readonly budget: SliceBudget;
  size: number;

  constructor(budget: SliceBudget = DEFAULT_BUDGET) {
    this.budget = budget;
    this.size = budget.initial;
  }

  /**
   * A slice of `items` took `ms`: the next one aims at the budget — at once when this one ran over
   * (a call waiting behind a slice twice too long waits twice too long again otherwise), halfway
   * from where it is when it ran under (one quick slice is no proof the next will be).
   */
  took(items: number, ms: number): void {
    if (items <= 0) return;
    const perItem = Math.max(ms, 0.05) / items;
    const aim = this.budget.budgetMs / perItem;
    const next = aim < this.size ? aim : (this.size + aim) / 2;
    this.size = Math.round(Math.min(this.budget.max, Math.max(this.budget.min, next)));
  }
}

export interface SliceOutcome {
  /** Items the slice did (rows deleted, lines looked at). */
  items: number;
  /** Whether the work is finished (the last slice was this one). */
  finished: boolean;
  /**
   * What the trace says the slice did, when its `items` (what sizes the next slice) are not that:
   * a rule application's preparation looks at lines, kinds and decisions, its batches at queue lines.
   */
  traced?: { part: string; items: number };
}

export interface RunSlicesOptions {
  budget?: SliceBudget;
  stopped?: () => boolean;
  afterSlice?: (items: number) => void;
  /**
   * Work of its own after a slice, its turn of the event loop run first (a WAL checkpoint:
   * store/wal-checkpoints.ts); not after the last slice.
   */
  between?: (items: number) => Promise<void>;
  /** Names the task in the steps traced (SLICE_TRACE). */
  name?: string;
}

/**
 * Runs `slice(size)` until it says it finished, a turn of the event loop between slices;
 * `stopped()` ends the run between two slices (the app closing: the task resumes at next start).
 * Answers whether the work finished.
 */
export async function runSlices(
  slice: (size: number) => SliceOutcome,
  options: RunSlicesOptions = {},
): Promise<boolean> {
  const sizer = new SliceSizer(options.budget);
  for (;;) {
    if (options.stopped?.()) return false;
    const started = performance.now();
    const { items, finished, traced } = slice(sizer.size);
    const ms = performance.now() - started;
    sizer.took(items, ms);
    if (options.name) traceStep({ task: options.name, step: 'slice', ms, items, ...traced });
    options.afterSlice?.(items);
    if (finished) return true;
    await nextTurn();
    await options.between?.(items);
  }
}

/**
 * `report` at most every `ms` (and always when told `last`): a slice every 15 ms would otherwise
 * send the renderer some 60 progress events a second.
 */
export function everyMs(ms: number, report: () => void): (last?: boolean) => void {
  let at = -Infinity;
  return (last) => {
    const now = performance.now();
    if (!last && now - at < ms) return;
    at = now;
    report();
  };
}
