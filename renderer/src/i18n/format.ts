import type { Language } from '../../../shared/ipc/contract.ts';

/**
 * How the app writes money, dates and counts: Intl in the chosen language, always in JST (the
 * bank's time zone, whatever the machine's). Pure, so the tests pin every format.
 */
const LOCALES: Record<Language, string> = { ja: 'ja-JP', en: 'en-GB' };
const TIME_ZONE = 'Asia/Tokyo';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let format = cache.get(key);
  if (!format) cache.set(key, (format = make()));
  return format as T;
}

/** `￥1,234` (ja) or `¥1,234` (en): integer yen, never a fraction. */
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
      }),
  ).format(amount);
}

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
