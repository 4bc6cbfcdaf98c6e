/**
 * What the log must never hold — tokens, authorization codes, PKCE verifiers, state, client
 * secrets, passwords, the browser shell's key — taken out of whatever is logged. Pure, so the tests
 * pin every rule. Named fields go whole; strings are scrubbed of the shapes secrets travel in.
 */

/** Field names whose values are secret whatever they hold. */
const SECRET_KEY =
  /token|secret|password|passphrase|verifier|authorization|cookie|assertion|^state$|^key$|otp/i;

/**
 * `code` is an authorization code in OAuth, and an error code (BANK_ERROR, ECONNREFUSED) in the
 * app's errors: only the latter's shape is kept.
 */
const ERROR_CODE = /^[A-Z][A-Z0-9_]{1,40}$/;

function secretField(key: string, value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (key === 'code') return !(typeof value === 'string' && ERROR_CODE.test(value));
  return SECRET_KEY.test(key);
}

/** Query and form parameters that carry secrets, in URLs and bodies alike. */
const SECRET_PARAMS =
  /([?&#](?:code|state|access_token|refresh_token|id_token|code_verifier|client_secret|token|key|request_uri)=)[^&#\s"']*/gi;

const RULES: [RegExp, string][] = [
  [SECRET_PARAMS, '$1[redacted]'],
  [/\b(Bearer|Basic)\s+[\w.~+/=-]+/gi, '$1 [redacted]'],
  // JWTs, and any long base64url run: opaque tokens, codes and keys look like that, ids do not.
  [/\beyJ[\w-]+\.[\w-]+\.[\w-]*/g, '[redacted]'],
  [/[A-Za-z0-9_-]{32,}/g, '[redacted]'],
];

export function redactText(text: string): string {
  return RULES.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

/** A value made safe and plain for a JSON log line: errors with their cause chain, secrets out. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (depth > 4) return '[deep]';
  if (typeof value === 'string') return redactText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Error) return redactError(value, depth);
  if (value instanceof URL) return redactText(value.href);
  if (Array.isArray(value)) return value.slice(0, 20).map((v) => redactValue(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [
      key,
      secretField(key, v) ? '[redacted]' : redactValue(v, depth + 1),
    ]),
  );
}

function redactError(error: Error, depth: number): Record<string, unknown> {
  const { code, status, bankCode } = error as Error & {
    code?: unknown;
    status?: unknown;
    bankCode?: unknown;
  };
  return {
    name: error.name,
    message: redactText(error.message),
    ...(code !== undefined ? { code: secretField('code', code) ? '[redacted]' : code } : {}),
    ...(status !== undefined ? { status } : {}),
    // What a bank sent: it may echo the request's token (the connector already cut and scrubbed it).
    ...(bankCode !== undefined ? { bankCode: redactText(String(bankCode)) } : {}),
    // Where a bug threw; a coded error's own stack says nothing its code does not.
    ...(error.stack && error.name !== 'AppError'
      ? { stack: redactText(error.stack.split('\n').slice(1, 6).join('\n')) }
      : {}),
    ...(error.cause !== undefined ? { cause: redactValue(error.cause, depth + 1) } : {}),
  };
}
