import { addDays, type JstDate } from '../../shared/dates.ts';
import type { SyncCursor } from '../store/sync-state-store.ts';

/** The bank serves two years of history; a first sync asks for all of it. */
export const HISTORY_DAYS = 730;
/**
 * An incremental sync goes back this many days before the last one ended: a bank may post a
 * transaction with an earlier date after the fact. itemKey makes the overlap free of duplicates.
 */
export const OVERLAP_DAYS = 3;

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
 */
export function planRun(cursor: SyncCursor, today: JstDate): RunStart {
  const sound = (date: string | null): date is string => date !== null && date <= today;
  if (sound(cursor.runDateFrom) && cursor.nextItemKey) {
    return { dateFrom: cursor.runDateFrom, nextItemKey: cursor.nextItemKey };
  }
  if (sound(cursor.syncedThrough)) return { dateFrom: addDays(cursor.syncedThrough, -OVERLAP_DAYS) };
  return { dateFrom: addDays(today, -(HISTORY_DAYS - 1)) };
}
