import { randomInt } from 'node:crypto';
import { SliceSizer, traceStep } from '../tasks/slices.ts';
import type { AppDatabase } from './app-database.ts';
import type { Statement } from 'better-sqlite3';
import {
  decodeDay,
  encodeDay,
  fromConcatenated,
  fromRows,
  mergeDay,
  type ConcatenatedDay,
  type DayColumns,
} from './day-columns.ts';

/**
 * The statement's rows as columns, day by day (day-columns.ts), current with the ledger: what a
 * filter by amount is scanned over (column-scan.ts).
 *
 * The ledger keeps each day's columns as a blob in statement_day_columns (migration 13). The sync
 * writes them with its rows, page by page (PageDayColumns), so a ledger the app wrote has every
 * day's columns when its rows are there. Every other writer goes through the row triggers, which
 * delete a day's blob whenever a row of that day is written, so a day without one is a day to
 * build again from its rows, and only those days are: in the background once the ledger is quiet
 * (DayColumnsPreparer), else by the next filter by amount. Each open database also keeps the days it has read, decoded; a blob is
 * named by a random id, so comparing ids tells which days were built again since — by this
 * connection or another — without reading a blob.
 */
export function currentDayColumns(db: AppDatabase): DayColumns[] {
  const held = heldBy(db);
  const days = db
    .prepare(
      `SELECT day.transaction_date, stored.id
       FROM (SELECT DISTINCT transaction_date FROM statement_day_totals) AS day
       LEFT JOIN statement_day_columns AS stored USING (transaction_date)
       ORDER BY day.transaction_date`,
    )
    .raw()
    .all() as Array<[date: string, id: number | null]>;
  const unbuilt = days.filter(([, id]) => id === null).map(([date]) => date);
  const changed = days.filter(([date, id]) => id !== null && held.get(date)?.id !== id).map(([, id]) => id!);
  for (const day of build(db, unbuilt)) held.set(day.columns.date, day);
  for (const day of load(db, changed, held.size === 0)) held.set(day.columns.date, day);
  if (held.size > days.length) {
    const current = new Set(days.map(([date]) => date));
    for (const date of held.keys()) if (!current.has(date)) held.delete(date);
  }
  // A day the totals name but no row is on (none, while the triggers keep them) has no columns.
  return days.flatMap(([date]) => held.get(date)?.columns ?? []);
}

/** One new row of a write, as a day's columns hold it: account, seq, 入払区分, amount, remark id. */
export type PageDayRow = readonly [
  accountId: number,
  seq: number,
  type: number,
  amount: number,
  termId: number,
];

/**
 * The set-based step of a sync's write for the days' columns (page-upkeep.ts calls it once per
 * write, with the rows the write added, after the day totals): each day the write added rows to gets
 * its columns written again — the day's stored columns with the write's rows merged in, so that the
 * day's other rows are not read again from the ledger; a day whose columns are missing (a row
 * written by another writer dropped them) is built from its rows. One read and one write of a blob
 * per day the write touched: about the cost of the write's totals, where building the days after
 * the sync cost ~1 s at 1,000,000 rows.
 */
export class PageDayColumns {
  private readonly db: AppDatabase;
  private readonly dayRows: Statement;
  private readonly stored: Statement;
  private readonly drop: Statement;
  private readonly store: Statement;

  constructor(db: AppDatabase) {
    this.db = db;
    this.dayRows = db
      .prepare('SELECT coalesce(sum(row_count), 0) FROM statement_day_totals WHERE transaction_date = ?')
      .pluck();
    this.stored = db.prepare('SELECT columns FROM statement_day_columns WHERE transaction_date = ?').pluck();
    this.drop = db.prepare('DELETE FROM statement_day_columns WHERE transaction_date = ?');
    this.store = db.prepare(
      'INSERT OR REPLACE INTO statement_day_columns (id, transaction_date, columns) VALUES (?, ?, ?)',
    );
  }

  /**
   * Inside the write's transaction, after its rows and the day totals are written: the write's new
   * rows by day, each day's in (account, seq) order.
   */
  write(byDay: ReadonlyMap<string, readonly PageDayRow[]>): void {
    const held = heldBy(this.db);
    const toBuild: string[] = [];
    for (const [date, rows] of byDay) {
      const added = fromRows(date, rows);
      const before = (this.dayRows.get(date) as number) - rows.length;
      const blob = before === 0 ? undefined : (this.stored.get(date) as Buffer | undefined);
      const stored = blob && decodeDay(date, blob);
      if (before !== 0 && stored?.amount.length !== before) {
        // No columns, or not of the rows the day had (never, while the triggers drop them): built whole.
        this.drop.run(date);
        toBuild.push(date);
        continue;
      }
      const columns = stored ? mergeDay(stored, added) : added;
      const id = randomInt(1, 2 ** 47);
      this.store.run(id, date, encodeDay(columns));
      // What this connection holds is kept current too, once a filter by amount has loaded it.
      if (held.size > 0) held.set(date, { id, columns });
    }
    for (const day of build(this.db, toBuild)) if (held.size > 0) held.set(day.columns.date, day);
  }
}

/**
 * Builds the columns of the days that have none in the background, a slice of days at a time, once
 * the ledger has been quiet for a moment (syncs come in bursts: the first sync's pages, a repeat
 * sync right after), so the first filter by amount after a sync finds them built; then reads the
 * stored days into this connection's memory the same way, so that it finds them read too (21 MB
 * at 1,000,000 rows, held as long as the ledger is open). Stops when nothing is left, or at `stop()`.
 */
export class DayColumnsPreparer {
  private readonly db: AppDatabase;
  private readonly quietMs: number;
  private running: Promise<void> | undefined;
  private notBefore = 0;
  private wake: (() => void) | undefined;
  private stopped = false;
  /**
   * Days the next slice builds, sized by the clock as tasks/slices.ts sizes its slices. A slice that
   * found nothing to build tells nothing: sized from those, the next slice after a deletion or a
   * sync asked for 120 days at once (76 ms at a million rows, bench:blocking).
   */
  private readonly days = new SliceSizer({ budgetMs: SLICE_MS, initial: FIRST_DAYS, min: 1, max: MAX_DAYS });

  constructor(db: AppDatabase, options: { quietMs?: number } = {}) {
    this.db = db;
    this.quietMs = options.quietMs ?? QUIET_MS;
  }

  /**
   * Prepares once the ledger is quiet (or after `afterMs`); called again meanwhile, it waits for
   * quiet again.
   */
  prepare(afterMs = this.quietMs): void {
    this.notBefore = Date.now() + afterMs;
    this.running ??= this.run().finally(() => (this.running = undefined));
  }

  /** Builds no more: waits for the slice being built, if one is. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
  }

  /**
   * Builds up to a slice of days, the latest first (those the 明細 opens on); once none is missing,
   * reads a slice of the stored days this connection does not hold yet (loadSlice); false when
   * both are done.
   */
  buildSlice(): boolean {
    return this.buildMissing() || this.loadSlice();
  }

  /**
   * Reads up to a slice of stored days this connection does not hold (or holds an older blob of),
   * the latest first, so that the first filter by amount after the app opens finds them in memory:
   * reading a 1,000,000-row ledger's 21 MB took that filter 25–45 ms on its own. About 2 ms a slice.
   */
  loadSlice(): boolean {
    const held = heldBy(this.db);
    const stale = (
      this.db
        .prepare('SELECT transaction_date, id FROM statement_day_columns ORDER BY transaction_date DESC')
        .raw()
        .all() as Array<[date: string, id: number]>
    )
      .filter(([date, id]) => held.get(date)?.id !== id)
      .slice(0, DAYS_PER_LOAD)
      .map(([, id]) => id);
    for (const day of load(this.db, stale, false)) held.set(day.columns.date, day);
    return stale.length > 0;
  }

  private buildMissing(): boolean {
    const { db } = this;
    const started = performance.now();
    // IMMEDIATE: the days found missing are built from the rows they are stored beside.
    const { built, more } = db
      .transaction(() => {
        const missing = db
          .prepare(
            `SELECT DISTINCT transaction_date FROM statement_day_totals
             WHERE transaction_date NOT IN (SELECT transaction_date FROM statement_day_columns)
             ORDER BY transaction_date DESC LIMIT ?`,
          )
          .pluck()
          .all(this.days.size) as string[];
        const days = build(db, missing);
        const held = heldBy(db);
        for (const day of days) held.set(day.columns.date, day);
        // A ledger that takes no blob now (read-only) is left to the scans, not retried here.
        return {
          built: days.length,
          more: days.length > 0 && days.every((day) => day.id !== NOT_STORED),
        };
      })
      .immediate();
    this.days.took(built, performance.now() - started);
    return more;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      // Between slices, whatever waits runs first (a keystroke's query, a sync's next page).
      await this.pause(Math.max(0, this.notBefore - Date.now()));
      if (this.stopped) return;
      const started = performance.now();
      const more = this.buildSlice();
      traceStep({ task: 'day-columns', step: 'slice', ms: performance.now() - started, items: 0 });
      if (!more) return;
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

/** How long the ledger stays unwritten before the preparation starts. */
const QUIET_MS = 1_000;
/** About 1.7 MB of stored columns at 1,000,000 rows, read in 2–3 ms. */
const DAYS_PER_LOAD = 60;
/**
 * Thirty days a slice were about 40 ms of building at 1,000,000 rows (1,370 rows a day) on a quiet
 * machine, 50–60 ms on a busy one — every other call waiting behind them (bench:blocking's idle
 * probes); 5 ms at 100,000. So the days a slice builds follow the clock, aiming at 10 ms.
 */
const SLICE_MS = 10;
const FIRST_DAYS = 7;
const MAX_DAYS = 120;

interface HeldDay {
  id: number;
  columns: DayColumns;
}

const held = new WeakMap<AppDatabase, Map<string, HeldDay>>();

function heldBy(db: AppDatabase): Map<string, HeldDay> {
  let days = held.get(db);
  if (!days) held.set(db, (days = new Map()));
  return days;
}

/**
 * The days' columns from their rows, each stored under a new random id: ids are never reused,
 * not even one whose blob a rollback took back, so an id held names one content only.
 */
function build(db: AppDatabase, dates: readonly string[]): HeldDay[] {
  if (dates.length === 0) return [];
  const concatenated = db
    .prepare(
      `SELECT t.transaction_date AS date, group_concat(t.account_id) AS accountIds,
         group_concat(t.seq) AS seqs, group_concat(t.type) AS types, group_concat(t.amount) AS amounts,
         group_concat(coalesce(term.id, 0)) AS termIds
       FROM transactions AS t LEFT JOIN remarks_terms AS term ON term.folded = t.remarks_folded
       WHERE t.transaction_date IN (SELECT value FROM json_each(?))
       GROUP BY t.transaction_date`,
    )
    .all(JSON.stringify(dates)) as ConcatenatedDay[];
  const store = db.prepare(
    'INSERT INTO statement_day_columns (id, transaction_date, columns) VALUES (?, ?, ?)',
  );
  let storing = true;
  return concatenated.map((day) => {
    const columns = fromConcatenated(day);
    const id = randomInt(1, 2 ** 47);
    if (storing) storing = stored(() => store.run(id, day.date, encodeDay(columns)));
    // Not stored: held under an id no blob has, so the next scan builds the day again.
    return { id: storing ? id : NOT_STORED, columns };
  });
}

const NOT_STORED = 0;

/**
 * Stores what was built, unless the ledger cannot take it now: the read began before another
 * connection's write (the blob would be of rows no longer there, and SQLite refuses the write,
 * SQLITE_BUSY_SNAPSHOT) or the ledger is read-only. The scan goes on over what it built.
 */
function stored(write: () => void): boolean {
  try {
    write();
    return true;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && /^SQLITE_(BUSY|READONLY)/.test(code)) return false;
    throw error;
  }
}

/**
 * Days built by another connection, or before this one opened, by their blobs' ids; `all` when
 * this connection holds none yet (the first filter by amount since the app opened): then every
 * stored day is read in one pass over the table, the cheapest read of its blobs there is (about
 * 20 ms for 1,000,000 rows' 21 MB, where looking each id up costs half as much again).
 */
function load(db: AppDatabase, ids: readonly number[], all: boolean): HeldDay[] {
  if (ids.length === 0) return [];
  const stored = (
    all
      ? db.prepare('SELECT id, transaction_date, columns FROM statement_day_columns').raw().all()
      : db
          .prepare(
            'SELECT id, transaction_date, columns FROM statement_day_columns WHERE id IN (SELECT value FROM json_each(?))',
          )
          .raw()
          .all(JSON.stringify(ids))
  ) as Array<[id: number, date: string, columns: Buffer]>;
  return stored.map(([id, date, columns]) => ({ id, columns: decodeDay(date, columns) }));
}
