/** How the app writes money and time: yen with Intl, dates and times in JST. */
const yenFormat = new Intl.NumberFormat('ja-JP', { style: 'currency', currency: 'JPY' });
const dateFormat = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  dateStyle: 'medium',
  timeStyle: 'short',
});

export const yen = (amount: number): string => yenFormat.format(amount);
export const jstDate = (iso: string): string => dateFormat.format(new Date(iso));
export const jstDateTime = (iso: string): string => dateTimeFormat.format(new Date(iso));

/** Whole days from now until `iso` (0 once it has passed). */
export function daysLeft(iso: string, now = Date.now()): number {
  return Math.max(0, Math.ceil((Date.parse(iso) - now) / 86_400_000));
}
