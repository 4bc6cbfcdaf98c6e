import { describe, expect, it } from 'vitest';
import {
  daysLeft,
  EXPIRY_WARNING_DAYS,
  linkBadge,
  linkDaysLeft,
  minutesLeft,
} from '../../renderer/src/links/link-state.ts';

const now = Date.parse('2026-11-25T04:00:00Z');
const inDays = (days: number) => new Date(now + days * 86_400_000).toISOString();

describe('a link’s days left and its badge', () => {
  it.each([
    [90, 90],
    [14, 14],
    [0.1, 1],
    [0, 0],
    [-3, 0],
  ])('%d days ahead leaves %d days', (ahead, left) => {
    expect(daysLeft(inDays(ahead), now)).toBe(left);
  });

  it('counts a link made after the screen’s last clock tick from its creation (90, not 91)', () => {
    const linkedAt = new Date(now + 40_000).toISOString();
    const expiresAt = new Date(now + 40_000 + 90 * 86_400_000).toISOString();
    expect(linkDaysLeft({ linkedAt, expiresAt }, now)).toBe(90);
    expect(linkDaysLeft({ linkedAt, expiresAt }, now + 86_400_000)).toBe(90);
    expect(linkDaysLeft({ linkedAt, expiresAt }, now + 2 * 86_400_000)).toBe(89);
  });

  it.each([
    ['active', 90, 'active'],
    ['active', 15, 'active'],
    ['active', EXPIRY_WARNING_DAYS, 'expiring'],
    ['active', 1, 'expiring'],
    ['active', -1, 'relink-required'],
    ['relink-required', 60, 'relink-required'],
    ['disconnected', 60, 'disconnected'],
    ['disconnected', -10, 'disconnected'],
  ] as const)('a link %s with %d days to go reads %s', (status, ahead, badge) => {
    expect(linkBadge({ status, expiresAt: inDays(ahead) }, now)).toBe(badge);
  });

  it.each([
    ['active', 'active'],
    ['relink-required', 'relink-required'],
    ['disconnected', 'disconnected'],
  ] as const)(
    'a link whose end the bank did not state (no refresh_token_expires_in) is never "expiring": %s → %s',
    (status, badge) => {
      expect(linkBadge({ status }, now)).toBe(badge);
    },
  );
});

describe('the minutes left of the wait at the bank', () => {
  const now = Date.parse('2026-11-25T09:00:00+09:00');
  it.each([
    [5 * 60_000, 5],
    [4 * 60_000 + 1, 5],
    [4 * 60_000, 4],
    [30_000, 1],
    [0, 0],
    [-60_000, 0],
  ])('%d ms before the end reads %d minutes', (ahead, minutes) => {
    expect(minutesLeft(new Date(now + ahead).toISOString(), now)).toBe(minutes);
  });
});
