import { AppError } from '../../../shared/app-errors.ts';
import { cutAtKeta, YAYOI_KETA } from '../../../shared/book-text.ts';
import type { ExportFileFormat, ExportTarget, ExportWarning } from '../../../shared/ipc/books-contract.ts';
import { decodeCp932, encodeCp932, toCp932Safe } from './cp932.ts';
import { csvLines, parseCsv } from './csv.ts';
import {
  columnOf,
  unconfirmedTaxLabels,
  type ChartLookup,
  type ExportEntry,
  type ParsedEntry,
} from './export-entry.ts';
import { FILE_LIMITS, type FileLimit } from './file-limits.ts';
import { guardFormula, unguardFormula } from './formula-guard.ts';
import { FREEE_HEADER, freeeImportOf, freeeRow, parseFreeeRow } from './freee-format.ts';
import { FREEE_JOURNAL_HEADER, freeeJournalRows, parseFreeeJournalRows } from './freee-journal-format.ts';
import { MF_HEADER, mfRows, parseMfRows } from './mf-format.ts';
import { splitPartsInSteps } from './split-parts.ts';
import { parseYayoiRows, yayoiRows } from './yayoi-format.ts';

/**
 * An export: the entries of a date range in a target's import format, encoded as CP932, in as many
 * files as the vendor's limit asks (file-limits.ts). Pure (bytes in memory); the core saves them
 * through the shell. Every target is Shift_JIS, the encoding all three packages read (弥生 only
 * reads it). An export to freee writes two formats: its simple entries as 取引 (freee-format.ts),
 * its compound entries in freee's 仕訳 import (freee-journal-format.ts), each in files of its own.
 */

interface ExportPart {
  bytes: Buffer;
  fileName: string;
  format: ExportFileFormat;
  entries: number;
  /** The first and last entry dates in this file. */
  dateFrom: string;
  dateTo: string;
}

export interface ExportFile {
  parts: ExportPart[];
  mimeType: string;
  entries: number;
  warnings: ExportWarning[];
  /** The vendor's limit, when it made the export more than one file. */
  splitBy?: FileLimit;
}

const HEADERS: Record<ExportFileFormat, string[] | undefined> = {
  yayoi: undefined,
  freee: FREEE_HEADER,
  'freee-journal': FREEE_JOURNAL_HEADER,
  mf: MF_HEADER,
};

/** The formats an export to a target writes, in the order of their files. */
const FORMATS: Record<ExportTarget, ExportFileFormat[]> = {
  yayoi: ['yayoi'],
  freee: ['freee', 'freee-journal'],
  mf: ['mf'],
};

/** A file's name, before its dates: `freee-journal-2026-04-01_2026-04-30.csv`. */
const FILE_PREFIX: Record<ExportFileFormat, string> = {
  yayoi: 'yayoi',
  freee: 'freee',
  'freee-journal': 'freee-journal',
  mf: 'mf',
};

type Column = [number, string];
const columnsNamed = (header: readonly string[], fields: Record<string, string>): Column[] =>
  Object.entries(fields).map(([name, field]) => [columnOf(header, name), field]);

// 弥生's file has no header: its columns by number, from 0 (yayoi-format.ts).
const YAYOI = { debitTitle: 4, debitSub: 5, creditTitle: 10, creditSub: 11, memo: 16, note: 21 };

/**
 * The columns of text a user or a bank wrote: 摘要, 仕訳メモ, 取引先 (formulas are guarded there).
 * freee's 仕訳 file carries the 取引先 as the 補助科目 of a line that is not a bank's.
 */
const PROSE_COLUMNS: Record<ExportFileFormat, Column[]> = {
  yayoi: [
    [YAYOI.memo, 'memo'],
    [YAYOI.note, 'counterparty'],
  ],
  freee: columnsNamed(FREEE_HEADER, { 取引先: 'counterparty', 備考: 'memo' }),
  'freee-journal': columnsNamed(FREEE_JOURNAL_HEADER, {
    借方補助科目: 'counterparty',
    貸方補助科目: 'counterparty',
    摘要: 'memo',
  }),
  mf: columnsNamed(MF_HEADER, { 借方取引先: 'counterparty', 貸方取引先: 'counterparty', 摘要: 'memo' }),
};

/** Those and the 補助科目 (the bank account's name): where CP932 may fail. */
const FREE_TEXT_COLUMNS: Record<ExportFileFormat, Column[]> = {
  yayoi: [[YAYOI.debitSub, 'subTitle'], [YAYOI.creditSub, 'subTitle'], ...PROSE_COLUMNS.yayoi],
  freee: [...PROSE_COLUMNS.freee, ...columnsNamed(FREEE_HEADER, { 決済口座: 'subTitle' })],
  'freee-journal': PROSE_COLUMNS['freee-journal'],
  mf: [
    ...PROSE_COLUMNS.mf,
    ...columnsNamed(MF_HEADER, { 借方補助科目: 'subTitle', 貸方補助科目: 'subTitle' }),
  ],
};

/** 弥生's fields measured in 桁, which it cuts on import (shared/book-text.ts). */
const YAYOI_KETA_COLUMNS: [number, string, number][] = [
  [YAYOI.debitTitle, 'title', YAYOI_KETA.title],
  [YAYOI.debitSub, 'subTitle', YAYOI_KETA.subTitle],
  [YAYOI.creditTitle, 'title', YAYOI_KETA.title],
  [YAYOI.creditSub, 'subTitle', YAYOI_KETA.subTitle],
  [YAYOI.memo, 'memo', YAYOI_KETA.memo],
  [YAYOI.note, 'counterparty', YAYOI_KETA.note],
];

/** An entry's rows in one format (a compound entry has several). */
type FormattedEntry = { entry: ExportEntry; format: ExportFileFormat; rows: string[][] };

/**
 * An entry in the format its target writes it in, or why it is left out: freee writes a compound
 * entry, or one without a bank side, in its 仕訳 file (its 取引 import publishes no form for several
 * 明細) and leaves out an own-account transfer (a 口座振替, not a 取引): freeeImportOf.
 */
function formatEntry(
  target: ExportTarget,
  entry: ExportEntry,
  chart: ChartLookup,
  mfNumber: number,
): Omit<FormattedEntry, 'entry'> | { skipped: string } {
  if (target === 'yayoi') return { format: 'yayoi', rows: yayoiRows(entry, chart) };
  if (target === 'mf') return { format: 'mf', rows: mfRows(entry, chart, mfNumber) };
  const into = freeeImportOf(entry, chart);
  if (into === 'journal') return { format: 'freee-journal', rows: freeeJournalRows(entry, chart) };
  if (into === 'transfer') return { skipped: 'an own-account transfer is a 口座振替 in freee, not a 取引' };
  return { format: 'freee', rows: [freeeRow(entry, chart)] };
}

function formatRows(
  target: ExportTarget,
  entries: readonly ExportEntry[],
  chart: ChartLookup,
  before: number,
) {
  const warnings: ExportWarning[] = [];
  const rows: FormattedEntry[] = [];
  for (const entry of entries) {
    const formatted = formatEntry(target, entry, chart, before + rows.length + 1);
    if ('skipped' in formatted) {
      warnings.push({
        code: 'BOOKS_EXPORT_SKIPPED',
        entryId: entry.id,
        field: 'entry',
        detail: formatted.skipped,
      });
      continue;
    }
    rows.push({ entry, ...formatted });
    // A transitional category the vendor has not published a name for is written in the form of
    // the published ones, and said so — never silently (main/books/transitional-taxes.ts).
    for (const label of unconfirmedTaxLabels(entry, target))
      warnings.push({ code: 'BOOKS_TAX_LABEL_UNCONFIRMED', entryId: entry.id, field: 'tax', detail: label });
  }
  return { rows, warnings };
}

/** What makeSafe learned of each distinct value: memos and names repeat (a 100,000-entry year has a few thousand). */
interface SafeCache {
  checked: Map<string, ReturnType<typeof toCp932Safe>>;
  cuts: Map<string, string>;
}

/** Guards formulas, replaces what CP932 lacks, and (弥生) reports what would be cut, in place. */
function makeSafe(formatted: FormattedEntry[], { checked, cuts }: SafeCache): ExportWarning[] {
  const warnings: ExportWarning[] = [];
  for (const { entry, format, fields } of formatted.flatMap((f) =>
    f.rows.map((fields) => ({ entry: f.entry, format: f.format, fields })),
  )) {
    for (const [column] of PROSE_COLUMNS[format]) fields[column] = guardFormula(fields[column]!);
    for (const [column, named] of FREE_TEXT_COLUMNS[format]) {
      const value = fields[column]!;
      // freee's 仕訳 file: a 補助科目 is the 取引先, or a bank line's account.
      const field =
        format === 'freee-journal' && guardFormula(entry.counterparty) !== value ? 'subTitle' : named;
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
    if (format !== 'yayoi') continue;
    for (const [column, field, max] of YAYOI_KETA_COLUMNS) {
      const value = fields[column]!;
      const key = `${max}\u0000${value}`;
      let cut = cuts.get(key);
      if (cut === undefined) cuts.set(key, (cut = cutAtKeta(value, max).cut));
      if (cut !== '') warnings.push({ code: 'BOOKS_FIELD_CUT', entryId: entry.id, field, detail: cut });
    }
  }
  return warnings;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function buildExportFile(
  target: ExportTarget,
  entries: readonly ExportEntry[],
  chart: ChartLookup,
  range: { dateFrom: string; dateTo: string },
): ExportFile {
  const builder = new ExportBuilder(target, chart, range);
  builder.add(entries);
  return builder.finish();
}

/**
 * An entry formatted and encoded, kept until the files are joined: its bytes where they sit in the
 * bytes of the page it was added with (one buffer a page, off the JS heap, rather than a buffer an
 * entry), its date shared with the other entries of its day, its fields only for MF, whose later
 * files number their 取引 again (partsOf). Kept for every entry of a million-entry export, the
 * fields, a buffer and a date string an entry were most of the 200 MB the core's heap held while
 * it ran, and V8's full collections over that heap paused the app for 40–150 ms (bench:blocking).
 */
type EncodedEntry = {
  date: string;
  bytes: number;
  rows: number;
  page: Buffer;
  offset: number;
  fields?: string[][];
};

/**
 * buildExportFile a part at a time, for an export of a million entries that must not hold the
 * app for seconds (main/tasks/export-in-slices.ts): `add` formats, guards and encodes the next
 * entries, in date order, as they are read; `finish` splits and joins them into the files. The
 * same file, byte for byte, however the entries were cut.
 */
export class ExportBuilder {
  private readonly target: ExportTarget;
  private readonly chart: ChartLookup;
  private readonly range: { dateFrom: string; dateTo: string };
  /** In the one-go order: every formatting warning, then every safety one, each in entry order. */
  private readonly warnings: ExportWarning[] = [];
  private readonly safetyWarnings: ExportWarning[] = [];
  /** Each format's entries, encoded, in date order (freee: its 取引 and its 仕訳). */
  private readonly lines = new Map<ExportFileFormat, EncodedEntry[]>();
  private readonly cache: SafeCache = { checked: new Map(), cuts: new Map() };
  /** Each date once, whatever the entries of its day. */
  private readonly dates = new Map<string, string>();
  private read = 0;

  constructor(target: ExportTarget, chart: ChartLookup, range: { dateFrom: string; dateTo: string }) {
    this.target = target;
    this.chart = chart;
    this.range = range;
    for (const format of FORMATS[target]) this.lines.set(format, []);
  }

  private encode(fields: string[][]): Buffer {
    return encodeCp932(
      csvLines(fields)
        .map((text) => `${text}\r\n`)
        .join(''),
    );
  }

  add(entries: readonly ExportEntry[]): void {
    this.read += entries.length;
    const mfBefore = this.lines.get('mf')?.length ?? 0;
    const { rows, warnings } = formatRows(this.target, entries, this.chart, mfBefore);
    this.warnings.push(...warnings);
    this.safetyWarnings.push(...makeSafe(rows, this.cache));
    const encoded = rows.map((r) => this.encode(r.rows));
    const page = Buffer.concat(encoded);
    let offset = 0;
    for (const [i, r] of rows.entries()) {
      let date = this.dates.get(r.entry.date);
      if (date === undefined) this.dates.set(r.entry.date, (date = r.entry.date));
      const bytes = encoded[i]!.length;
      this.lines.get(r.format)!.push({
        date,
        bytes,
        rows: r.rows.length,
        page,
        offset,
        ...(r.format === 'mf' ? { fields: r.rows } : {}),
      });
      offset += bytes;
    }
  }

  finish(): ExportFile {
    const steps = this.finishInSteps();
    for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
  }

  /**
   * finish() a step at a time, for a caller that answers other calls between steps
   * (main/tasks/export-in-slices.ts): the files are joined a few thousand encoded entries per
   * step — at a million entries, splitting and joining them in one go held the app for 200 ms.
   */
  *finishInSteps(): Generator<void, ExportFile> {
    const { target, range } = this;
    if (this.read === 0) {
      throw new AppError(
        'BOOKS_EXPORT_EMPTY',
        `no journal entries from ${range.dateFrom} to ${range.dateTo}`,
      );
    }
    const written = [...this.lines].filter(([, lines]) => lines.length > 0);
    const entries = written.reduce((n, [, lines]) => n + lines.length, 0);
    if (entries === 0) {
      throw new AppError('BOOKS_EXPORT_EMPTY', `none of the ${this.read} entries fits a ${target} file`);
    }
    const parts: ExportPart[] = [];
    let splitBy: FileLimit | undefined;
    for (const [format, lines] of written) {
      const own = yield* this.partsOf(format, lines);
      if (own.length > 1) splitBy ??= FILE_LIMITS[format];
      parts.push(...own);
    }
    return {
      parts,
      mimeType: 'text/csv; charset=Shift_JIS',
      entries,
      warnings: [...this.warnings, ...this.safetyWarnings],
      ...(splitBy ? { splitBy } : {}),
    };
  }

  /** One format's files, split as its vendor's limit asks, joined a chunk of entries per step. */
  private *partsOf(format: ExportFileFormat, lines: EncodedEntry[]): Generator<void, ExportPart[]> {
    const { range } = this;
    const header = HEADERS[format];
    const headerBytes = header ? encodeCp932(`${csvLines([header])[0]!}\r\n`) : Buffer.alloc(0);
    const limit = FILE_LIMITS[format];
    // A header line counts among the lines a vendor states (the smaller reading).
    const fit = limit?.lines && header ? { ...limit, lines: limit.lines - 1 } : limit;
    const groups = yield* splitPartsInSteps(lines, headerBytes.length, fit);
    const prefix = FILE_PREFIX[format];
    const width = String(groups.length).length;
    const parts: ExportPart[] = [];
    for (const [index, group] of groups.entries()) {
      // A file's bytes joined a chunk at a time, then the chunks (a few large copies).
      const chunks: Buffer[] = [headerBytes];
      for (let from = 0; from < group.length; from += JOIN_CHUNK) {
        const slice = group.slice(from, from + JOIN_CHUNK);
        // MF numbers each file's 取引 from 1 (取引No 1, 2, 3…): a later part's entries are numbered again.
        const encoded =
          format === 'mf' && index > 0
            ? slice.map((l, i) => this.encode(l.fields!.map((f) => [String(from + i + 1), ...f.slice(1)])))
            : slice.map((l) => l.page.subarray(l.offset, l.offset + l.bytes));
        chunks.push(Buffer.concat(encoded));
        yield;
      }
      const dateFrom = group[0]!.date;
      const dateTo = group.at(-1)!.date;
      parts.push({
        bytes: Buffer.concat(chunks),
        fileName:
          groups.length === 1
            ? `${prefix}-${range.dateFrom}_${range.dateTo}.csv`
            : `${prefix}-${pad(index + 1, width)}of${groups.length}-${dateFrom}_${dateTo}.csv`,
        format,
        entries: group.length,
        dateFrom,
        dateTo,
      });
    }
    return parts;
  }
}

/** Encoded entries joined per step of finishInSteps: a few ms of copying and, for MF, encoding. */
const JOIN_CHUNK = 2_000;

/**
 * Reads a file of ours back into entries (the tests' proof that a file says what we meant). A
 * freee file is known by its header: its 取引 file or its 仕訳 file.
 */
export function parseExportFile(
  target: ExportTarget,
  bytes: Uint8Array,
  chart: ChartLookup,
  bankTitleOf: (account: string) => string = () => 'ordinary_deposit',
): ParsedEntry[] {
  let rows = parseCsv(decodeCp932(bytes));
  const format = FORMATS[target].find((f) => HEADERS[f]?.join(',') === rows[0]?.join(',')) ?? target;
  const header = HEADERS[format];
  if (header) {
    if (rows[0]?.join(',') !== header.join(','))
      throw new AppError('INVALID_ARGUMENT', `not a ${target} file: header differs`);
    rows = rows.slice(1);
  }
  const unguarded = rows.map((fields) => {
    const copy = [...fields];
    for (const [column] of PROSE_COLUMNS[format]) copy[column] = unguardFormula(copy[column]!);
    return copy;
  });
  if (format === 'yayoi') return parseYayoiRows(unguarded, chart);
  if (format === 'freee-journal') return parseFreeeJournalRows(unguarded, chart);
  if (format === 'freee') return unguarded.map((fields) => parseFreeeRow(fields, chart, bankTitleOf));
  return parseMfRows(unguarded, chart);
}
