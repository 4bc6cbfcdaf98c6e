import { addDays, type JstDate } from '../../shared/dates.ts';

/** The bank serves two years of history; a first sync asks for all of it. */
export const HISTORY_DAYS = 730;
/**
 * A bank may book a movement after the fact with an earlier date, or correct a line it served:
 * the sync asks again the days from this many before the last whole check ended (the overlap).
 * itemKey makes the overlap free of duplicates; a known line sent changed is recorded for the books.
 */
export const OVERLAP_DAYS = 3;
/**
 * How long a sync may go on from the last day the ledger has instead of the whole overlap, after
 * this app last asked the whole of it. Asking the overlap at every sync costs its days' rows every
 * time (5,500 rows, 11 pages, for an account of 1,369 movements a day: ~130 ms); once an hour, a
 * row booked late with an earlier date comes in within the hour (docs/architecture.md, "Where a
 * sync starts").
 */
export const OVERLAP_RECHECK_MS = 60 * 60_000;

/** Where an account's sync stands, as the sync state store reads it. */
export interface SyncCursor {
  /** The run in progress (stopped by a crash, quit or error): where it began, and its next page. */
  runDateFrom: string | null;
  nextItemKey: string | null;
  /**
   * The day the last run that asked the whole overlap (or the whole history) ended: the overlap
   * goes back from here. A run from the last day only leaves it where it was.
   */
  syncedThrough: string | null;
  /** The latest day of the account's rows in the ledger; null without any. */
  latestRowDate: string | null;
  /** When (epoch ms) this app, since it started, last finished a run over the whole overlap. */
  overlapCheckedAt: number | null;
}

export interface RunStart {
  dateFrom: JstDate;
  /** Set when resuming a run that stopped mid-way (crash, quit, error): the page to ask for next. */
  nextItemKey?: string;
}

/**
 * Where an account's next run of transaction pages begins, from its cursor. Pure. A cursor past
 * today (a bank's page once said `dateTo: 9999-12-31`, before the engine refused such pages) says
 * nothing true about how far the ledger reached: the run asks for the whole history again, which
 * itemKey keeps free of duplicates, and its end mends the cursor.
 *
 * An incremental run asks the whole overlap (OVERLAP_DAYS before syncedThrough) unless this app
 * asked it less than OVERLAP_RECHECK_MS ago; then it asks from the last day the ledger has, where
 * the bank's new rows arrive (never from before the overlap: it is the most a run asks again). A
 * row booked late with an earlier date is still fetched by the next whole check, whenever it
 * comes: that check goes back from where the previous one ended, not from today.
 */
export function planRun(cursor: SyncCursor, today: JstDate, now: number = Date.now()): RunStart {
  const sound = (date: string | null): date is string => date !== null && date <= today;
  if (sound(cursor.runDateFrom) && cursor.nextItemKey) {
    return { dateFrom: cursor.runDateFrom, nextItemKey: cursor.nextItemKey };
  }
  if (!sound(cursor.syncedThrough)) return { dateFrom: addDays(today, -(HISTORY_DAYS - 1)) };
  const overlapFrom = overlapStart(cursor.syncedThrough);
  // Lately: within the hour by the clock, and by the calendar too (the last whole check ended today
  // or yesterday), so that a clock set back or a day skipped never stretches the wait.
  const checkedLately =
    cursor.overlapCheckedAt !== null &&
    now >= cursor.overlapCheckedAt &&
    now - cursor.overlapCheckedAt < OVERLAP_RECHECK_MS &&
    cursor.syncedThrough >= addDays(today, -1);
  if (!checkedLately || cursor.latestRowDate === null) return { dateFrom: overlapFrom };
  const latest = cursor.latestRowDate <= today ? cursor.latestRowDate : today;
  return { dateFrom: latest > overlapFrom ? latest : overlapFrom };
}

/** The first day the whole overlap asks again, the last whole check having ended on `syncedThrough`. */
function overlapStart(syncedThrough: JstDate): JstDate {
  return addDays(syncedThrough, -OVERLAP_DAYS);
}

/**
 * Whether a finished run that began on `runDateFrom` asked the whole overlap (or the whole
 * history: a first sync), so that its end may become the cursor's syncedThrough. A run whose start
 * is unknown did not: moving syncedThrough on narrows every later overlap, leaving it is safe.
 */
export function askedWholeOverlap(
  cursor: Pick<SyncCursor, 'syncedThrough'>,
  runDateFrom: string | null,
  today: JstDate,
): boolean {
  if (cursor.syncedThrough === null || cursor.syncedThrough > today) return true;
  return runDateFrom !== null && runDateFrom <= overlapStart(cursor.syncedThrough);
}
