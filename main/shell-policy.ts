import type { BankProfile } from './bank-profiles.ts';

/**
 * Rules both shells apply at their edges, kept free of Electron and of I/O so they are unit-tested.
 */

/** The system browser opens only a bank's own pages: http(s) on the origin of a configured issuer. */
export function isBankUrl(url: string, profiles: readonly Pick<BankProfile, 'issuer'>[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  return profiles.some((p) => new URL(p.issuer).origin === parsed.origin);
}

/** The renderer's Content-Security-Policy: its own scripts, styles and connections, nothing else. */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
