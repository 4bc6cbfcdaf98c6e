/**
 * Fiscal years: a shop whose year starts in April closes its books on 31 March, and exports and
 * imports a year at a time (MF imports only into the 会計年度 it shows). Pure; dates `YYYY-MM-DD`.
 */

export interface FiscalYear {
  /** The calendar year it starts in (a year from 2026-04-01 is FY2026). */
  year: number;
  dateFrom: string;
  dateTo: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function lastDayOf(year: number, month: number): string {
  return `${year}-${pad(month)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;
}

/** The fiscal year that starts in `startMonth` of `year`. */
export function fiscalYear(year: number, startMonth: number): FiscalYear {
  const endYear = startMonth === 1 ? year : year + 1;
  const endMonth = startMonth === 1 ? 12 : startMonth - 1;
  return { year, dateFrom: `${year}-${pad(startMonth)}-01`, dateTo: lastDayOf(endYear, endMonth) };
}

/** The fiscal year a date falls in. */
export function fiscalYearOf(date: string, startMonth: number): FiscalYear {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return fiscalYear(month >= startMonth ? year : year - 1, startMonth);
}
