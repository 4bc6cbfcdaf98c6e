import { describe, expect, it } from 'vitest';
import { fiscalYear, fiscalYearOf } from '../../shared/fiscal-year.ts';

describe('the fiscal year a date falls in, by the month it starts in', () => {
  it.each([
    ['2026-12-07', 1, { year: 2026, dateFrom: '2026-01-01', dateTo: '2026-12-31' }],
    ['2026-12-07', 4, { year: 2026, dateFrom: '2026-04-01', dateTo: '2027-03-31' }],
    ['2027-03-31', 4, { year: 2026, dateFrom: '2026-04-01', dateTo: '2027-03-31' }],
    ['2027-04-01', 4, { year: 2027, dateFrom: '2027-04-01', dateTo: '2028-03-31' }],
    ['2026-02-10', 3, { year: 2025, dateFrom: '2025-03-01', dateTo: '2026-02-28' }],
    ['2027-06-30', 3, { year: 2027, dateFrom: '2027-03-01', dateTo: '2028-02-29' }],
    ['2026-11-30', 12, { year: 2025, dateFrom: '2025-12-01', dateTo: '2026-11-30' }],
  ])('%s with a year from month %i is %j', (date, start, expected) => {
    expect(fiscalYearOf(date, start)).toEqual(expected);
  });

  it('is the calendar year when it starts in January', () => {
    expect(fiscalYear(2026, 1)).toEqual({ year: 2026, dateFrom: '2026-01-01', dateTo: '2026-12-31' });
  });
});
