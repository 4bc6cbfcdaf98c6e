/**
 * Formula injection (CSV injection): a cell that starts with `=`, `+`, `-`, `@`, a tab or a CR is
 * read as a formula when the file is opened in Excel, so a bank remark `-SUM(1,2)` or a typed 摘要
 * `=1+1` would run. OWASP's guidance (https://owasp.org/www-community/attacks/CSV_Injection, as
 * Symfony's CVE-2021-41270 fix and csv-stringify's escape_formulas apply it): prefix such a cell
 * with a single quote, and quote the field (csv.ts quotes every field starting with one). The
 * packages read the quote as text, so the memo arrives in 弥生, freee and MF with it in front; the
 * app keeps the text as the user wrote it and only the file carries the guard. Pure.
 *
 * Text that already starts with quotes before a trigger gets one more, so reading back (dropping
 * one quote before a trigger) gives every text exactly as it was.
 */

const GUARDED = /^'*[=+\-@\t\r]/u;

export const guardFormula = (text: string): string => (GUARDED.test(text) ? `'${text}` : text);

export const unguardFormula = (text: string): string =>
  text.startsWith("'") && GUARDED.test(text) ? text.slice(1) : text;
