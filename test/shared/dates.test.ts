import { describe, expect, it } from 'vitest';
import {
  addDays,
  endOfPreviousMonth,
  isJstDate,
  jstDate,
  jstDateJapanese,
  jstDateTime,
  jstTime,
} from '../../shared/dates.ts';

/**
 * shared/dates.ts reads and writes JST whatever the machine's zone: vitest.config.ts runs this
 * file in the machine's zone, in UTC and in Asia/Tokyo.
 */
describe('JST dates whatever the machine’s zone', () => {
  it.each([
    ['2026-11-24T14:59:59Z', '2026-11-24', '2026-11-24 23:59', '23:59:59'],
    ['2026-11-24T15:00:00Z', '2026-11-25', '2026-11-25 00:00', '00:00:00'],
    ['2026-12-31T15:30:00Z', '2027-01-01', '2027-01-01 00:30', '00:30:00'],
    ['2026-03-01T00:00:00Z', '2026-03-01', '2026-03-01 09:00', '09:00:00'],
  ])('the instant %s is %s, %s, %s in JST', (iso, date, dateTime, time) => {
    expect(jstDate(new Date(iso))).toBe(date);
    expect(jstDate(Date.parse(iso))).toBe(date);
    expect(jstDateTime(Date.parse(iso))).toBe(dateTime);
    expect(jstTime(new Date(iso))).toBe(time);
  });

  it.each([
    ['2026-11-24', 1, '2026-11-25'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2028-03-01', -1, '2028-02-29'],
    ['2026-11-24', -730, '2024-11-24'],
    ['2026-11-24', 0, '2026-11-24'],
  ])('%s moved by %d days is %s', (date, days, moved) => {
    expect(addDays(date, days)).toBe(moved);
  });

  it.each([
    ['2026-03-15', '2026-02-28'],
    ['2028-03-01', '2028-02-29'],
    ['2027-01-01', '2026-12-31'],
  ])('the month before %s ends on %s', (date, end) => {
    expect(endOfPreviousMonth(date)).toBe(end);
  });

  it.each([
    ['2026-02-28', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2026-13-01', false],
    ['2026-1-01', false],
  ])('%s is a calendar date: %s', (value, valid) => {
    expect(isJstDate(value)).toBe(valid);
  });

  it('writes a date the Japanese way', () => {
    expect(jstDateJapanese('2027-01-01')).toBe('2027年1月1日');
  });
});
