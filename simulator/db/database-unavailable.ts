/**
 * Whether an error means the bank's database cannot be reached right now (PostgreSQL stopped or
 * restarting, a connection cut, SQLite's write lock held too long) rather than a fault in a
 * request: the bank then answers 503 and retries on the next request, with no restart of its own.
 */
const UNAVAILABLE_CODES = new Set([
  // The socket to PostgreSQL (node's errors).
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  // PostgreSQL's own: shutting down (57P01–57P03), connection exceptions (class 08), too many clients.
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '53300',
  // SQLite: another process held the write lock beyond the busy timeout.
  'SQLITE_BUSY',
]);

/** What pg throws with no code when the server went away mid-query, or no connection came in time. */
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly/i;

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  const { code, message, cause, errors } = error as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return true;
  if (Array.isArray(errors) && errors.some((e) => isDatabaseUnavailable(e, depth + 1))) return true;
  return isDatabaseUnavailable(cause, depth + 1);
}

/** Seconds a client is told to wait (Retry-After) while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** The answer of every page and QA call while the database is away (the API's is in its dialect). */
export const DATABASE_UNAVAILABLE_BODY = {
  errorCode: 'SERVICE_UNAVAILABLE',
  errorMessage:
    'ただいまサービスを利用できません（データベースに接続できません）。しばらくしてから再度お試しください。 / The service is temporarily unavailable (the bank cannot reach its database); try again shortly.',
} as const;
