/**
 * A bank's base date and time as the app stores them: JST, `HH:MM` or `HH:MM:SS`, no offset. Banks
 * write the time bare (デモ信用金庫, `10:15:30`) or with an offset (GMO Aozora, `10:15:30+09:00`);
 * an offset other than JST moves the time (and, across midnight, the date) into JST. Pure.
 */
const TIME = /^(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$/;
const JST_OFFSET_MINUTES = 9 * 60;

export function toJstBaseTime(baseDate: string, baseTime: string): { baseDate: string; baseTime: string } {
  const match = TIME.exec(baseTime);
  if (!match) throw new RangeError(`not a time of day: ${baseTime}`);
  const [, hh, mm, ss, zone] = match;
  const seconds = ss === undefined ? '' : `:${ss}`;
  const offset = zone === undefined ? JST_OFFSET_MINUTES : offsetMinutes(zone);
  if (offset === JST_OFFSET_MINUTES) return { baseDate, baseTime: `${hh}:${mm}${seconds}` };
  const utc = Date.UTC(
    Number(baseDate.slice(0, 4)),
    Number(baseDate.slice(5, 7)) - 1,
    Number(baseDate.slice(8, 10)),
    Number(hh),
    Number(mm) - offset,
  );
  const jst = new Date(utc + JST_OFFSET_MINUTES * 60_000).toISOString();
  return { baseDate: jst.slice(0, 10), baseTime: `${jst.slice(11, 16)}${seconds}` };
}

function offsetMinutes(zone: string): number {
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
}
