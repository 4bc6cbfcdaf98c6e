import type { SqlPort } from '../db/sql-port.ts';

/**
 * Seeded users whose behaviour is their name (docs/qa-console.md), in every bank and namespace, as
 * TrueLayer's mock users trigger failures by name: a tester picks the failure by logging in as it.
 */
const SCENARIO_USERS = {
  /** Corporate: each sync's first API call (after 10 s of quiet from the link) meets 503 with Retry-After: 1. */
  syncMeets503: 'SYNC503',
  /** Corporate: its links last one day, not BANK_GRANT_TTL (まもなく期限切れ at once). */
  linkExpiresInADay: 'EXPIRES1DAY',
  /** Personal: every login refuses the first correct one-time password as expired; the next one is taken. */
  otpAgain: 'OTPAGAIN',
} as const;

/** Customer ids of the scenario users (customerIdOf: `C-`/`P-` and the login id). */
export const SCENARIO_CUSTOMER_IDS = {
  syncMeets503: `C-${SCENARIO_USERS.syncMeets503}`,
  linkExpiresInADay: `C-${SCENARIO_USERS.linkExpiresInADay}`,
  otpAgain: `P-${SCENARIO_USERS.otpAgain}`,
} as const;

/** A link quiet this long has finished its sync: its next call starts another. */
export const SYNC_QUIET_SECONDS = 10;
const ONE_DAY_SECONDS = 86_400;

/** How long a new link of this customer lives: a day for EXPIRES1DAY, else BANK_GRANT_TTL. */
export const linkTtlOf = (customerId: string, grantTtlSeconds: number): number =>
  customerId === SCENARIO_CUSTOMER_IDS.linkExpiresInADay ? ONE_DAY_SECONDS : grantTtlSeconds;

/** What the scenario users need to remember, in the bank's storage so every process agrees. */
export interface ScenarioMarks {
  /** Records a call of the link; true when it starts a sync (none in the last SYNC_QUIET_SECONDS). */
  startsSync(linkId: string, nowSeconds: number): Promise<boolean>;
  /** True the first time it is asked for this login (interaction), false after. */
  firstOtpOf(interactionUid: string, nowSeconds: number): Promise<boolean>;
}

export function createScenarioMarks(sql: SqlPort): ScenarioMarks {
  return {
    async startsSync(linkId, now) {
      const key = `sync503:${linkId}`;
      // Inserted, or updated from a time SYNC_QUIET_SECONDS ago or more: a new sync.
      const started = await sql.run(
        `INSERT INTO scenario_marks (key, at) VALUES (?, ?)
         ON CONFLICT (key) DO UPDATE SET at = excluded.at WHERE scenario_marks.at <= ?`,
        [key, now, now - SYNC_QUIET_SECONDS],
      );
      if (started === 1) return true;
      await sql.run('UPDATE scenario_marks SET at = ? WHERE key = ?', [now, key]);
      return false;
    },
    async firstOtpOf(uid, now) {
      const added = await sql.run(
        'INSERT INTO scenario_marks (key, at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING',
        [`otp-again:${uid}`, now],
      );
      return added === 1;
    },
  };
}
