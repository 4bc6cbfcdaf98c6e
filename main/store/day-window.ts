/** The days a page of the statement spans, and how many of the first day's rows come before it. */
export interface DayWindow {
  /** The page's first and last day, in the page's order (for newest first, `first` is the later). */
  first: string;
  last: string;
  /** The first day's rows, in the page's order, before the page starts. */
  skip: number;
}

/**
 * Where the page of `limit` rows from `offset` falls, from the days' row counts in the page's order:
 * the day that holds the row at `offset`, and the one that holds the page's last row (or the last
 * day, when fewer rows follow). Reads the days only as far as the page, so a walk from either end
 * stops there. Undefined when the days hold `offset` rows or fewer.
 */
export function dayWindow(
  days: Iterable<readonly [day: string, rows: number]>,
  offset: number,
  limit: number,
): DayWindow | undefined {
  let before = 0;
  let start: { day: string; skip: number } | undefined;
  let day: string | undefined;
  for (const [current, rows] of days) {
    day = current;
    if (!start && before + rows > offset) start = { day, skip: offset - before };
    before += rows;
    if (start && before >= offset + limit) return { first: start.day, last: day, skip: start.skip };
  }
  return start && { first: start.day, last: day!, skip: start.skip };
}
