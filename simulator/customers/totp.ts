import { Secret, TOTP } from 'otpauth';

const PERIOD_SECONDS = 30;

const totpFor = (base32Secret: string): TOTP =>
  new TOTP({ secret: Secret.fromBase32(base32Secret), digits: 6, period: PERIOD_SECONDS, algorithm: 'SHA1' });

/**
 * Checks a one-time password with one step of clock drift either way. Returns the time step the
 * code belongs to, so the caller can refuse a step that was already used.
 */
export function matchTotp(base32Secret: string, code: string, now = Date.now()): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const delta = totpFor(base32Secret).validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return undefined;
  return Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
}

/** The code a customer's token shows now, and how long it stays — for the QA console. */
export function currentTotp(
  base32Secret: string,
  now = Date.now(),
): { code: string; remainingSeconds: number } {
  const code = totpFor(base32Secret).generate({ timestamp: now });
  const remainingSeconds = PERIOD_SECONDS - (Math.floor(now / 1000) % PERIOD_SECONDS);
  return { code, remainingSeconds };
}
