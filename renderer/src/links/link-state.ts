import type { ConnectionView } from '../../../shared/ipc/contract.ts';

/** The link's end is announced this many days ahead (the spec's 14-day warning). */
export const EXPIRY_WARNING_DAYS = 14;
const DAY_MS = 86_400_000;

/** Whole days from `now` until `expiresAt`, rounded up (a link ending in 3 hours has 1 day left; 0 once past). */
export function daysLeft(expiresAt: string, now: number): number {
  return Math.max(0, Math.ceil((Date.parse(expiresAt) - now) / DAY_MS));
}

/**
 * Days left of a link. The screen's clock ticks once a minute, so a link made since the last tick
 * would count from before it existed (a 90-day link showing 91): count from its creation then.
 */
export function linkDaysLeft(connection: { linkedAt: string; expiresAt: string }, now: number): number {
  return daysLeft(connection.expiresAt, Math.max(now, Date.parse(connection.linkedAt)));
}

/** What the status badge says: the core's status, with "expiring soon" and "expired" read from the clock. */
export type LinkBadge = 'active' | 'expiring' | 'relink-required' | 'disconnected';

export function linkBadge(connection: Pick<ConnectionView, 'status' | 'expiresAt'>, now: number): LinkBadge {
  if (connection.status !== 'active') return connection.status;
  // A link whose end the bank did not state is active until the bank refuses it.
  if (connection.expiresAt === undefined) return 'active';
  // The core learns of the expiry only at the next bank call; the clock already knows.
  if (Date.parse(connection.expiresAt) <= now) return 'relink-required';
  return daysLeft(connection.expiresAt, now) <= EXPIRY_WARNING_DAYS ? 'expiring' : 'active';
}

/** Whole minutes left of the wait at the bank, rounded up (0 once it has ended). */
export function minutesLeft(expiresAt: string, now: number): number {
  return Math.max(0, Math.ceil((Date.parse(expiresAt) - now) / 60_000));
}
