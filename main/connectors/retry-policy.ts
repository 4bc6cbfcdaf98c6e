/**
 * When to try a bank call again. Pure, so the rules are unit-tested apart from the HTTP client.
 * 429 and 503 are the bank saying "later": we wait as long as its Retry-After says when that is
 * short, and otherwise give up with the time it named so the UI can tell the user when to retry.
 */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** The longest single wait the app sits through; a longer Retry-After ends the run. */
  maxWaitMs: number;
  /** Backoff when the bank gave no Retry-After (or the network failed): base × 2^(attempt-1). */
  baseDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, maxWaitMs: 15_000, baseDelayMs: 500 };

/** Retry-After as milliseconds from `now`: delta-seconds or an HTTP-date (RFC 9110 §10.2.3). */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export type RetryDecision = { retry: true; waitMs: number } | { retry: false; retryAt?: number };

/**
 * After attempt number `attempt` (1-based) failed in a retryable way: wait and retry, or stop.
 * `retryAfterMs` is what the bank asked for, if anything.
 */
export function decideRetry(
  policy: RetryPolicy,
  attempt: number,
  retryAfterMs: number | undefined,
  now: number,
): RetryDecision {
  const waitMs = retryAfterMs ?? policy.baseDelayMs * 2 ** (attempt - 1);
  if (attempt >= policy.maxAttempts || waitMs > policy.maxWaitMs) {
    return retryAfterMs === undefined ? { retry: false } : { retry: false, retryAt: now + retryAfterMs };
  }
  return { retry: true, waitMs };
}
