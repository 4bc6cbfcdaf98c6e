/**
 * CSV as the accounting packages read it: comma-separated, CRLF line ends, a field quoted only when
 * it holds a comma, a quote or a line break (quotes doubled inside, RFC 4180), or starts with the
 * single quote that guards a formula (formula-guard.ts: OWASP asks for such a field to be quoted).
 * Pure.
 */

const NEEDS_QUOTES = /[",\r\n]|^'/;
/** The same test over a row's fields joined by NUL: a quote at the start of any field. */
// eslint-disable-next-line no-control-regex
const ROW_NEEDS_QUOTES = /[",\r\n]|(?:^|\u0000)'/;

const quoted = (field: string | number): string => {
  const text = String(field);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

function csvLine(fields: readonly (string | number)[]): string {
  let line = quoted(fields[0] ?? '');
  for (let i = 1; i < fields.length; i++) line += `,${quoted(fields[i]!)}`;
  return line;
}

/**
 * One string for the whole file (a year of entries is ~14 MB). Most rows hold no quote, comma or
 * line break inside a field: such a row is its fields joined, tested once (the fields joined by a
 * NUL, which no field holds, so a comma found is inside a field); only the others are quoted field
 * by field. Testing each of a year's 2.5 million fields on its own took most of the export's time.
 */
export function csvDocument(rows: readonly (readonly (string | number)[])[]): string {
  return rows.length === 0 ? '' : `${csvLines(rows).join('\r\n')}\r\n`;
}

/**
 * The document as the bytes of a UTF-8 file with a BOM, for a spreadsheet rather than an
 * accounting package: Excel reads a file without the BOM as Shift_JIS and garbles it.
 */
export function utf8CsvWithBom(rows: readonly (readonly (string | number)[])[]): Buffer {
  return Buffer.from(`\uFEFF${csvDocument(rows)}`, 'utf8');
}

/** Each row as its line, without the line end (an export split into files measures each line). */
export function csvLines(rows: readonly (readonly (string | number)[])[]): string[] {
  const lines = new Array<string>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    lines[r] = ROW_NEEDS_QUOTES.test(row.join('\u0000')) ? csvLine(row) : row.join(',');
  }
  return lines;
}

/** Parses a whole document back into rows of fields; a malformed quote is an error, not a guess. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i += 1;
        if (i < text.length && !',\r\n'.includes(text[i]!))
          throw new Error(`unexpected text after a quote at ${i}`);
      } else {
        field += ch;
        i += 1;
      }
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i += 1;
    } else if (ch === ',') {
      row.push(field);
      field = '';
      i += 1;
    } else if (ch === '\r' || ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i += 1;
    }
  }
  if (quoted) throw new Error('a quoted field is not closed');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
