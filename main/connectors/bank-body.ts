import { AppError } from '../../shared/app-errors.ts';
import { redactText } from '../log/redact.ts';

/**
 * The most a bank's successful answer may weigh: 16 MiB. The largest page the schemas accept is
 * 5,000 rows (a real page is at most 500: about 150 KB) and a row at most ~1.9 KB (500 characters
 * of remarks at 3 bytes each in UTF-8, two 64-character keys, the fixed fields), about 9.5 MB in
 * all; 16 MiB holds that with room. Anything larger is not a statement, and is never held whole.
 */
export const MAX_ANSWER_BYTES = 16 * 1024 * 1024;
/** An error answer is `{ errorCode, errorMessage }`: 64 KiB is far more than any bank writes. */
export const MAX_ERROR_BYTES = 64 * 1024;

/**
 * A response's body as JSON, read as a stream and given up — the rest never read — once it passes
 * `limit` bytes: BANK_RESPONSE_INVALID. A Content-Length over the limit is refused before reading.
 * Undefined when the body is not JSON or is cut off (the caller's schema says what that means).
 */
export async function readJsonBody(res: Response, limit: number, path: string): Promise<unknown> {
  const tooLarge = () =>
    new AppError('BANK_RESPONSE_INVALID', `the answer from ${path} is larger than ${limit} bytes`);
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await res.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  if (!res.body) return undefined;
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    // A body cut off (a reset, the request's timeout) reads as no body, as an unparsable one does.
    const read = await reader.read().catch(() => undefined);
    if (!read) return undefined;
    const { done, value } = read;
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  try {
    return JSON.parse(Buffer.concat(chunks, size).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The longest error code the app keeps of a bank's: real ones are at most 21 characters
 * (INVALID_NEXT_ITEM_KEY; GMO's WG_ERR_nnn are 10). A longer one is cut, so a bank cannot fill the
 * log and the ledger's stored errors with whatever it likes.
 */
export const MAX_BANK_CODE = 32;

/**
 * A field the bank sent (its error code), made fit to show, log and store: the token the request
 * carried, and anything shaped like a secret, taken out (a bank may echo the request), then cut.
 */
export function bankField(value: string, token: string): string {
  const withoutToken = token.length >= 8 ? value.split(token).join('[redacted]') : value;
  const safe = redactText(withoutToken);
  return safe.length > MAX_BANK_CODE ? `${safe.slice(0, MAX_BANK_CODE)}…` : safe;
}
