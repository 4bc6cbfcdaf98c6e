import { AppError } from '../../../shared/app-errors.ts';
import type { ExportTarget, ExportWarning } from '../../../shared/ipc/books-contract.ts';
import { decodeCp932, encodeCp932, toCp932Safe } from './cp932.ts';
import { csvDocument, parseCsv } from './csv.ts';
import { columnOf, type ChartLookup, type ExportEntry, type ParsedEntry } from './export-entry.ts';
import { FREEE_HEADER, freeeRow, parseFreeeRow } from './freee-format.ts';
import { MF_HEADER, mfRow, parseMfRow } from './mf-format.ts';
import { parseYayoiRow, yayoiRow } from './yayoi-format.ts';

/**
 * One export file: the entries of a date range in a target's import format, encoded as CP932.
 * Pure (bytes in memory); the core saves them through the shell. Every target is Shift_JIS, the
 * encoding all three packages read (弥生 only reads it).
 */

export interface ExportFile {
  bytes: Buffer;
  fileName: string;
  mimeType: string;
  entries: number;
  warnings: ExportWarning[];
}

const HEADERS: Record<ExportTarget, string[] | undefined> = {
  yayoi: undefined,
  freee: FREEE_HEADER,
  mf: MF_HEADER,
};

const columnsNamed = (header: readonly string[], fields: Record<string, string>): [number, string][] =>
  Object.entries(fields).map(([name, field]) => [columnOf(header, name), field]);

/** The columns of text a user or a bank wrote (where CP932 may fail), per target. */
const FREE_TEXT_COLUMNS: Record<ExportTarget, [number, string][]> = {
  // 弥生's file has no header: its columns by number (yayoi-format.ts).
  yayoi: [
    [5, 'subTitle'],
    [11, 'subTitle'],
    [16, 'memo'],
    [21, 'counterparty'],
  ],
  freee: columnsNamed(FREEE_HEADER, { 取引先: 'counterparty', 備考: 'memo', 決済口座: 'subTitle' }),
  mf: columnsNamed(MF_HEADER, {
    借方補助科目: 'subTitle',
    借方取引先: 'counterparty',
    貸方補助科目: 'subTitle',
    貸方取引先: 'counterparty',
    摘要: 'memo',
  }),
};

export function buildExportFile(
  target: ExportTarget,
  entries: readonly ExportEntry[],
  chart: ChartLookup,
  range: { dateFrom: string; dateTo: string },
): ExportFile {
  if (entries.length === 0) {
    throw new AppError('BOOKS_EXPORT_EMPTY', `no journal entries from ${range.dateFrom} to ${range.dateTo}`);
  }
  const warnings: ExportWarning[] = [];
  const rows: { entry: ExportEntry; fields: string[] }[] = [];
  for (const entry of entries) {
    const fields =
      target === 'yayoi'
        ? yayoiRow(entry, chart)
        : target === 'freee'
          ? freeeRow(entry, chart)
          : mfRow(entry, chart, rows.length + 1);
    if (!fields) {
      warnings.push({
        code: 'BOOKS_EXPORT_SKIPPED',
        entryId: entry.id,
        field: 'entry',
        detail: 'an own-account transfer is a 口座振替 in freee, not a 取引',
      });
      continue;
    }
    rows.push({ entry, fields });
  }
  if (rows.length === 0) {
    throw new AppError('BOOKS_EXPORT_EMPTY', `none of the ${entries.length} entries fits a ${target} file`);
  }
  // Only what users and banks wrote can fall outside CP932; memos and names repeat, so each
  // distinct value is checked once (a 100,000-entry year has a few thousand).
  const checked = new Map<string, ReturnType<typeof toCp932Safe>>();
  for (const { entry, fields } of rows) {
    for (const [column, field] of FREE_TEXT_COLUMNS[target]) {
      const value = fields[column]!;
      let safe = checked.get(value);
      if (!safe) checked.set(value, (safe = toCp932Safe(value)));
      if (safe.replaced.length === 0) continue;
      fields[column] = safe.text;
      warnings.push({
        code: 'BOOKS_CHARS_REPLACED',
        entryId: entry.id,
        field,
        detail: `${safe.replaced.join('')} → 〓`,
      });
    }
  }
  const header = HEADERS[target];
  const text = csvDocument([...(header ? [header] : []), ...rows.map((r) => r.fields)]);
  return {
    bytes: encodeCp932(text),
    fileName: `${target}-${range.dateFrom}_${range.dateTo}.csv`,
    mimeType: 'text/csv; charset=Shift_JIS',
    entries: rows.length,
    warnings,
  };
}

/** Reads a file of ours back into entries (the tests' proof that a file says what we meant). */
export function parseExportFile(
  target: ExportTarget,
  bytes: Uint8Array,
  chart: ChartLookup,
  bankTitleOf: (account: string) => string = () => 'ordinary_deposit',
): ParsedEntry[] {
  let rows = parseCsv(decodeCp932(bytes));
  const header = HEADERS[target];
  if (header) {
    if (rows[0]?.join(',') !== header.join(','))
      throw new AppError('INVALID_ARGUMENT', `not a ${target} file: header differs`);
    rows = rows.slice(1);
  }
  return rows.map((fields) =>
    target === 'yayoi'
      ? parseYayoiRow(fields, chart)
      : target === 'freee'
        ? parseFreeeRow(fields, chart, bankTitleOf)
        : parseMfRow(fields, chart),
  );
}
