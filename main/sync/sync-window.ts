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

/** Where an account's next run of transaction pages begins, from its cursor. Pure. */
export function planRun(cursor: SyncCursor, today: JstDate): RunStart {
  if (cursor.runDateFrom && cursor.nextItemKey) {
    return { dateFrom: cursor.runDateFrom, nextItemKey: cursor.nextItemKey };
  }
  if (cursor.syncedThrough) return { dateFrom: addDays(cursor.syncedThrough, -OVERLAP_DAYS) };
  return { dateFrom: addDays(today, -(HISTORY_DAYS - 1)) };
}
