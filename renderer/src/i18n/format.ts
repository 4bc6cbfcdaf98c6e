import { isJstDate } from '../../../shared/dates.ts';
import type { FormatterModule } from 'i18next';
import type { Language } from '../../../shared/ipc/contract.ts';

/**
 * The one place the app writes money, dates, months and counts — every screen and every number in
 * the words (`setup.ts` routes i18next's interpolation here). Intl in the chosen language, always
 * in JST (the bank's time zone, whatever the machine's). Pure, so the tests pin every format.
 * Why these forms (as freee / Money Forward write them) is in docs/desktop-app.md.
 */
const LOCALES: Record<Language, string> = { ja: 'ja-JP', en: 'en-GB' };
const TIME_ZONE = 'Asia/Tokyo';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let format = cache.get(key);
  if (!format) cache.set(key, (format = make()));
  return format as T;
}

/**
 * `￥1,234` (ja) or `¥1,234` (en): integer yen, never a fraction. A negative amount has one sign
 * style everywhere, Intl's ASCII minus before the symbol (`-￥440`), as freee and MF print it.
 */
export function formatYen(amount: number, lang: Language): string {
  return cached(
    `yen-${lang}`,
    () =>
      new Intl.NumberFormat(LOCALES[lang], {
        style: 'currency',
        currency: 'JPY',
        // ¥ rather than en-GB's "JP¥": the app only ever shows yen.
        currencyDisplay: lang === 'en' ? 'narrowSymbol' : 'symbol',
        maximumFractionDigits: 0,
        // -0 (a sum that nets to nothing) is ￥0, never -￥0.
        signDisplay: 'negative',
      }),
  ).format(amount);
}

/** A count or any plain number, always with the thousands separator: `4,743`. */
export function formatCount(n: number, lang: Language): string {
  return cached(`count-${lang}`, () => new Intl.NumberFormat(LOCALES[lang])).format(n);
}

const dateOptions: Intl.DateTimeFormatOptions = {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
};

/** An ISO instant as its JST date: `2026/11/25` or `25/11/2026`. */
export function formatDate(iso: string, lang: Language): string {
  return cached(`date-${lang}`, () => new Intl.DateTimeFormat(LOCALES[lang], dateOptions)).format(
    new Date(iso),
  );
}

/** Date and time in JST, to the minute or to the second. */
function dateTimeFormat(lang: Language, seconds: boolean): Intl.DateTimeFormat {
  return cached(
    `datetime-${lang}-${seconds}`,
    () =>
      new Intl.DateTimeFormat(LOCALES[lang], {
        ...dateOptions,
        hour: '2-digit',
        minute: '2-digit',
        ...(seconds ? { second: '2-digit' } : {}),
        hourCycle: 'h23',
      }),
  );
}

/** An ISO instant in JST to the minute: `2026/11/25 09:05`. */
export function formatDateTime(iso: string, lang: Language): string {
  return dateTimeFormat(lang, false).format(new Date(iso));
}

/**
 * When the bank allows the next try, to the second (`2026/11/25 09:05:17`): a Retry-After is a
 * few seconds, and a time cut to the minute would say "now" while the retry button still waits.
 */
export function formatRetryTime(iso: string, lang: Language): string {
  return dateTimeFormat(lang, true).format(new Date(iso));
}

/** A ledger date (`YYYY-MM-DD`, already JST) written like formatDate. */
export function formatLedgerDate(date: string, lang: Language): string {
  return formatDate(`${date}T00:00:00+09:00`, lang);
}

/** The bank's balance base date and time (`YYYY-MM-DD`, `HH:MM[:SS]`, JST) to the minute. */
export function formatBaseDateTime(date: string, time: string | undefined, lang: Language): string {
  if (!time) return formatLedgerDate(date, lang);
  const hhmm = /^\d{2}:\d{2}/.exec(time)?.[0];
  return hhmm ? formatDateTime(`${date}T${hhmm}:00+09:00`, lang) : formatLedgerDate(date, lang);
}

/** Several names as one phrase: `残高照会・入出金明細照会` or `Balance inquiry, Transaction history inquiry`. */
export function joinNames(names: string[], lang: Language): string {
  return names.join(lang === 'ja' ? '・' : ', ');
}

/** A month (`YYYY-MM`) written like a date without its day: `2026/01` (ja) or `01/2026` (en). */
export function formatMonth(month: string, lang: Language): string {
  const [y, m] = month.split('-');
  return lang === 'ja' ? `${y}/${m}` : `${m}/${y}`;
}

/** A month of the year by its name, for choices: `4月` (ja) or `April` (en). */
export function formatMonthName(month: number, lang: Language): string {
  return cached(
    `month-name-${lang}`,
    () => new Intl.DateTimeFormat(LOCALES[lang], { month: 'long', timeZone: 'UTC' }),
  ).format(new Date(Date.UTC(2026, month - 1, 1)));
}

/** A chart axis's short number: `1.2万` / `120万` (ja) or `12K` / `1.2M` (en). */
export function formatCompact(n: number, lang: Language): string {
  return cached(
    `compact-${lang}`,
    () => new Intl.NumberFormat(LOCALES[lang], { notation: 'compact', maximumFractionDigits: 1 }),
  ).format(n);
}

/** What a date field shows as its hint: the way formatLedgerDate writes a date. */
export function datePattern(lang: Language): string {
  return lang === 'ja' ? 'YYYY/MM/DD' : 'DD/MM/YYYY';
}

/**
 * A date typed in a date field, read the way the app writes it in that language (`2026/12/07`,
 * `07/12/2026`), or as `YYYY-MM-DD` / `YYYYMMDD` in either; full-width digits (the IME on) count.
 * Undefined when it is not a real calendar date.
 */
export function parseDateInput(text: string, lang: Language): string | undefined {
  const t = text
    .trim()
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[／－.]/g, '/');
  let ymd: [string, string, string] | undefined;
  const iso = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (iso) ymd = [iso[1]!, iso[2]!, iso[3]!];
  else if (dmy && lang === 'en') ymd = [dmy[3]!, dmy[2]!, dmy[1]!];
  if (!ymd) return undefined;
  const date = `${ymd[0]}-${ymd[1].padStart(2, '0')}-${ymd[2].padStart(2, '0')}`;
  return isJstDate(date) ? date : undefined;
}

/**
 * The i18next formatter: every number put into the words is a count written by formatCount, except
 * the ones that name something (a year, an HTTP status, a month, a limit in a format's own unit).
 */
const NAMING_NUMBERS = new Set(['year', 'status', 'month', 'max', 'mb', 'value', 'code']);
export function formatWordValue(value: unknown, key: string | undefined, lang: string): unknown {
  if (typeof value !== 'number' || (key !== undefined && NAMING_NUMBERS.has(key))) return value;
  return formatCount(value, lang === 'en' ? 'en' : 'ja');
}

/**
 * Every value put into the words goes through the app's one formatting module, with or without a
 * `, number` in the text: a count is never written `4743件` beside `4,743件`.
 */
export const wordFormatter: FormatterModule = {
  type: 'formatter',
  init: () => {},
  add: () => {},
  addCached: () => {},
  format: (value, _format, lng, options) =>
    formatWordValue(value, options?.interpolationkey as string | undefined, lng ?? 'ja') as string,
};
