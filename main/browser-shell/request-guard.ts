import crypto from 'node:crypto';

/**
 * Who may talk to the browser shell: it serves the app's whole power (link, sync, disconnect) on a
 * loopback port, so every bridge call must come from the app's own page — right Host (no DNS
 * rebinding), right Origin (no other site's script), and the per-run secret (no other page or
 * process that merely found the port). Pure, so each rule is unit-tested.
 */

export const SECRET_COOKIE = 'bankdemo_shell';

/** `127.0.0.1:<port>` or `localhost:<port>`, exactly: a rebinding attacker's name never matches. */
export function isLoopbackHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** The page's own origin; a request without Origin (a GET the browser made itself) passes only when `required` is false. */
export function isOwnOrigin(origin: string | undefined, port: number, required: boolean): boolean {
  if (origin === undefined) return !required;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

/** The secret from a `Cookie` header, compared in constant time. */
export function hasSecret(cookieHeader: string | undefined, secret: string): boolean {
  return keyMatches(readCookie(cookieHeader, SECRET_COOKIE), secret);
}

export function readCookie(cookieHeader: string | undefined, name: string): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** The secret, if it is what `?key=` on the printed URL (or the session cookie) carries; constant time. */
export function keyMatches(key: string | null | undefined, secret: string): boolean {
  if (!key) return false;
  const a = Buffer.from(key);
  const b = Buffer.from(secret);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** A static file's path inside `root`, or undefined for anything that would step outside it. */
export function staticPath(
  root: string,
  pathname: string,
  join: (...parts: string[]) => string,
): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.split('/').some((segment) => segment === '..')) return undefined;
  const file = join(root, decoded === '/' ? 'index.html' : decoded);
  return file.startsWith(root) ? file : undefined;
}
