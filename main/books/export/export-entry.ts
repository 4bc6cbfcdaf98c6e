import { AppError } from '../../../shared/app-errors.ts';
import type {
  ExportTarget,
  JournalEntryView,
  JournalLine,
  JournalSide,
  TaxCode,
} from '../../../shared/ipc/books-contract.ts';
import { lineOf, orderedLines } from '../entry-lines.ts';
import { taxIncluded, taxLabel, TAX_CATEGORIES, type AccountTitle } from '../chart.ts';

/** A journal entry as the formatters see it: what a file carries, nothing of the app's bookkeeping. */
export type ExportEntry = Pick<JournalEntryView, 'id' | 'date' | 'lines' | 'counterparty' | 'memo'>;

/** An entry read back from a file: the same, without the app's id. */
export type ParsedEntry = Omit<ExportEntry, 'id'>;

/** What of an entry a file carries: the shape `parseExportFile` gives back. */
export const carried = ({ date, lines, counterparty, memo }: ParsedEntry): ParsedEntry => ({
  date,
  lines,
  counterparty,
  memo,
});

/** One row of a file that writes an entry a row per pair of lines, read: its entry's number and its part. */
export interface NumberedRow extends ParsedEntry {
  number: string;
}

/**
 * Rows read back into entries where consecutive rows of one number are one entry (MF's 取引No,
 * freee's 伝票No.): the first row's date and memo, every row's lines, the first 取引先 a row names.
 */
export function entriesOfNumberedRows(rows: readonly NumberedRow[]): ParsedEntry[] {
  const entries: ParsedEntry[] = [];
  let number: string | undefined;
  for (const { number: rowNumber, ...row } of rows) {
    const last = entries.at(-1);
    if (last && rowNumber === number) {
      last.lines.push(...row.lines);
      if (!last.counterparty) last.counterparty = row.counterparty;
    } else entries.push({ ...row, lines: [...row.lines] });
    number = rowNumber;
  }
  return entries.map((e) => ({ ...e, lines: orderedLines(e.lines) }));
}

/** A simple entry's two sides and amount: one debit line and one credit line; otherwise undefined. */
export function simplePair(
  entry: Pick<ExportEntry, 'lines'>,
): { debit: JournalLine; credit: JournalLine; amount: number } | undefined {
  if (entry.lines.length !== 2) return undefined;
  const debit = entry.lines.find((l) => l.side === 'debit');
  const credit = entry.lines.find((l) => l.side === 'credit');
  if (!debit || !credit || debit.amount !== credit.amount) return undefined;
  return { debit, credit, amount: debit.amount };
}

/** A compound entry's lines paired into rows (debit i beside credit i), as 弥生 and MF write them. */
export function pairedRows(
  entry: Pick<ExportEntry, 'lines'>,
): [JournalLine | undefined, JournalLine | undefined][] {
  const debits = entry.lines.filter((l) => l.side === 'debit');
  const credits = entry.lines.filter((l) => l.side === 'credit');
  return Array.from({ length: Math.max(debits.length, credits.length) }, (_, i) => [debits[i], credits[i]]);
}

/** A two-line entry from its sides (tests and the readers build entries with it). */
export function twoLineEntry<E extends { debit: JournalSide; credit: JournalSide; amount: number }>(
  e: E,
): Omit<E, 'debit' | 'credit' | 'amount'> & { lines: JournalLine[] } {
  const { debit, credit, amount, ...rest } = e;
  return { ...rest, lines: [lineOf('debit', debit, amount), lineOf('credit', credit, amount)] };
}

/** The titles as the formatters need them: by our code, and by a target's label (reading back). */
export interface ChartLookup {
  title(code: string): AccountTitle | undefined;
  byLabel(target: ExportTarget, label: string): AccountTitle | undefined;
}

export function chartLookup(titles: readonly AccountTitle[]): ChartLookup {
  const byCode = new Map(titles.map((t) => [t.code, t]));
  const byLabel = new Map<string, AccountTitle>();
  for (const t of titles)
    for (const [target, label] of Object.entries(t.labels))
      if (label) byLabel.set(`${target}\u0000${label}`, t);
  return {
    title: (code) => byCode.get(code),
    byLabel: (target, label) => byLabel.get(`${target}\u0000${label}`),
  };
}

/** A side's title and its label in the target, or BOOKS_TITLE_UNMAPPED naming the title. */
export function labelOf(
  chart: ChartLookup,
  target: ExportTarget,
  code: string,
): { title: AccountTitle; label: string } {
  const title = chart.title(code);
  const label = title?.labels[target];
  if (!title || !label) {
    throw new AppError('BOOKS_TITLE_UNMAPPED', `${title?.name ?? code} has no ${target} label`);
  }
  return { title, label };
}

export function titleOfLabel(chart: ChartLookup, target: ExportTarget, label: string): AccountTitle {
  const title = chart.byLabel(target, label);
  if (!title) throw new AppError('INVALID_ARGUMENT', `unknown ${target} title label ${label}`);
  return title;
}

/** A tax label read back; Money Forward's インボイス column (80%控除…) tells its transitional ones apart. */
export function taxOfLabel(target: ExportTarget, label: string, mfInvoice = ''): TaxCode {
  const tax = TAX_CATEGORIES.find(
    (t) =>
      (t.labels[target].sales === label || t.labels[target].purchase === label) &&
      (target !== 'mf' || (t.mfInvoice ?? '') === mfInvoice),
  );
  if (!tax) throw new AppError('INVALID_ARGUMENT', `unknown ${target} tax label ${label}`);
  return tax.code;
}

/** The side's tax label, the tax inside the amount, and (MF) its インボイス column. */
export function sideTax(title: AccountTitle, side: JournalSide, target: ExportTarget, amount: number) {
  return {
    label: taxLabel(side.taxCode, title.kind, target),
    tax: taxIncluded(amount, side.taxCode),
    invoice: TAX_CATEGORIES.find((t) => t.code === side.taxCode)?.mfInvoice ?? '',
  };
}

/** The entry's tax labels in a target that no vendor text confirms (each export reports them). */
export function unconfirmedTaxLabels(entry: ExportEntry, target: ExportTarget): string[] {
  return entry.lines.flatMap((s) => {
    const tax = TAX_CATEGORIES.find((t) => t.code === s.taxCode);
    if (!tax?.unconfirmed?.includes(target)) return [];
    return [target === 'mf' ? `${tax.labels.mf.purchase} / ${tax.mfInvoice}` : tax.labels[target].purchase];
  });
}

/** `2026-11-30` → `2026/11/30`, as all three packages read dates. */
export const slashDate = (date: string): string => date.replaceAll('-', '/');

/** `2026/11/30` (or `2026/1/5`) → `2026-11-30`. */
export function isoDate(text: string): string {
  const match = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/u.exec(text);
  if (!match) throw new AppError('INVALID_ARGUMENT', `not a date: ${text}`);
  return `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
}

export function side(titleCode: string, subTitle: string | undefined, taxCode: TaxCode): JournalSide {
  return { titleCode, ...(subTitle ? { subTitle } : {}), taxCode };
}

export function amountOf(text: string): number {
  if (!/^\d{1,13}$/u.test(text)) throw new AppError('INVALID_ARGUMENT', `not an amount: ${text}`);
  return Number(text);
}

/**
 * A column's index in a format's header, by its name: a column added to a format moves every
 * reader and writer that names its columns with it.
 */
export function columnOf(header: readonly string[], name: string): number {
  const column = header.indexOf(name);
  if (column < 0) throw new Error(`no column ${name}`);
  return column;
}
