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
