/** Dates are `YYYY-MM-DD` strings in JST (UTC+9, no daylight saving), as Japanese banks print them. */
export type JstDate = string;

const JST_OFFSET_MS = 9 * 3600 * 1000;

export function jstDate(at: Date | number): JstDate {
  const ms = typeof at === 'number' ? at : at.getTime();
  return new Date(ms + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/** `2026-11-24 09:05` in JST. */
export function jstDateTime(at: Date | number): string {
  const ms = typeof at === 'number' ? at : at.getTime();
  return new Date(ms + JST_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** `2026年11月24日` — how the consent screen and partner table write a date. */
export function jstDateJapanese(date: JstDate): string {
  const [y, m, d] = date.split('-');
  return `${Number(y)}年${Number(m)}月${Number(d)}日`;
}

/** `date` moved by `days` (negative: earlier). */
export function addDays(date: JstDate, days: number): JstDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The last day of the month before `date`'s month. */
export function endOfPreviousMonth(date: JstDate): JstDate {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, 0)).toISOString().slice(0, 10);
}

/** A real calendar date written `YYYY-MM-DD` (so `2026-02-30` is not one). */
export function isJstDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** `09:05:03` in JST. */
export function jstTime(at: Date | number): string {
  const ms = typeof at === 'number' ? at : at.getTime();
  return new Date(ms + JST_OFFSET_MS).toISOString().slice(11, 19);
}
