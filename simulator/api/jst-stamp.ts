import { jstDate, jstTime, type JstDate } from '../../shared/dates.ts';

/** An answer's JST date and time (`baseDate`, `baseTime`). */
export interface JstStamp {
  date: JstDate;
  time: string;
}

let stampSecond = Number.NaN;
let stamp: JstStamp = { date: '', time: '' };

/**
 * `jstDate(now)` and `jstTime(now)`, worked out once a second rather than on every call and
 * account: both depend on the second alone, and formatting a Date was a visible share of the
 * balances call's time (docs/benchmarks.md, "where the bank's time goes").
 */
export function jstStampOf(now: number): JstStamp {
  const second = Math.floor(now / 1000);
  if (second !== stampSecond) {
    stamp = Object.freeze({ date: jstDate(now), time: jstTime(now) });
    stampSecond = second;
  }
  return stamp;
}
