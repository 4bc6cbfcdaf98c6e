import { AppError } from '../../../shared/app-errors.ts';
import type { JournalLine } from '../../../shared/ipc/books-contract.ts';
import { lineOf, orderedLines } from '../entry-lines.ts';
import {
  amountOf,
  isoDate,
  labelOf,
  pairedRows,
  side,
  simplePair,
  sideTax,
  slashDate,
  taxOfLabel,
  titleOfLabel,
  type ChartLookup,
  type ExportEntry,
  type ParsedEntry,
} from './export-entry.ts';

/**
 * 弥生会計's import format (弥生インポート形式), one line per entry, 25 columns, no header, Shift_JIS:
 *   1 識別フラグ (2000: a journal entry that is not a 伝票) · 2 伝票No. · 3 決算 · 4 取引日付 ·
 *   5 借方勘定科目 · 6 借方補助科目 · 7 借方部門 · 8 借方税区分 · 9 借方金額 · 10 借方税金額 ·
 *   11 貸方勘定科目 · 12 貸方補助科目 · 13 貸方部門 · 14 貸方税区分 · 15 貸方金額 · 16 貸方税金額 ·
 *   17 摘要 · 18 番号 · 19 期日 · 20 タイプ (0: 仕訳 on a 2000 row, 3: 振替伝票 on a 複数行 伝票's
 *   rows) · 21 生成元 · 22 仕訳メモ · 23 付箋1 · 24 付箋2 · 25 調整 (no)
 * Sources (what each confirms is in test/books/golden/README.md):
 *   https://support.yayoi-kk.co.jp/subcontents.html?page_id=18545 (弥生取り込み(インポート)形式:
 *     columns 1–7, 識別フラグ 2000 = 伝票以外の仕訳データ, dates 2019/07/01);
 *   https://support.yayoi-kk.co.jp/faq_Subcontents.html?grade_id=Kaikei&page_id=27184 (columns 1–12,
 *     金額 税込 integers); https://support.yayoi-kk.co.jp/subcontents.html?grade_id=Std&page_id=18586
 *     (comma-separated, quoted when a field holds a comma);
 *   https://katoh-tax.com/2018/07/29/yayoi-multiple-lines-import/ (column 20 タイプ, 0 = 仕訳データ,
 *     the 仕訳日記帳 way, which takes a 複合仕訳 only as two-line rows; a 複合仕訳 as it stands is
 *     imported as a 振替伝票). The value 3 for 振替伝票 is public code's, not 弥生's stored text.
 *   Columns 13–19 and 21–25 and the tax labels were not found in a published 弥生 source; they agree
 *   with public open-source converters that write this format.
 * 弥生 has no 取引先 column: ours goes to 仕訳メモ, so a file read back gives the same entry.
 */

const YAYOI_COLUMNS = 25;
const FLAG_SINGLE_LINE = '2000';
/** A 複数行の伝票データ's first, middle and last rows (page_id=18545). */
const FLAG_FIRST = '2110';
const FLAG_MIDDLE = '2100';
const FLAG_LAST = '2101';
/** Column 20 タイプ: a 2000 row is 仕訳データ (0); a 複数行 伝票 (2110–2101) a 振替伝票 (3). */
const TYPE_JOURNAL = '0';
const TYPE_TRANSFER_SLIP = '3';

type Side = { label: string; sub: string; tax: string; amount: string; taxAmount: string };

/** A side of a row; a compound entry's row without a line on a side leaves it blank, its 金額 "0". */
function sideFields(line: JournalLine | undefined, chart: ChartLookup): Side {
  if (!line) return { label: '', sub: '', tax: '', amount: '0', taxAmount: '' };
  const { title, label } = labelOf(chart, 'yayoi', line.titleCode);
  const tax = sideTax(title, line, 'yayoi', line.amount);
  return {
    label,
    sub: line.subTitle ?? '',
    tax: tax.label,
    amount: String(line.amount),
    taxAmount: String(tax.tax),
  };
}

function row(flag: string, entry: ExportEntry, debit: Side, credit: Side): string[] {
  const type = flag === FLAG_SINGLE_LINE ? TYPE_JOURNAL : TYPE_TRANSFER_SLIP;
  return [
    flag,
    '',
    '',
    slashDate(entry.date),
    debit.label,
    debit.sub,
    '',
    debit.tax,
    debit.amount,
    debit.taxAmount,
    credit.label,
    credit.sub,
    '',
    credit.tax,
    credit.amount,
    credit.taxAmount,
    entry.memo,
    '',
    '',
    type,
    '',
    entry.counterparty,
    '0',
    '0',
    'no',
  ];
}

/**
 * An entry's rows: a simple entry one row (2000, タイプ 0); a compound one a row per pair of lines
 * (debit i beside credit i), flagged 2110 first, 2100 between, 2101 last, タイプ 3, as 弥生 reads a
 * 複数行 振替伝票.
 */
export function yayoiRows(entry: ExportEntry, chart: ChartLookup): string[][] {
  const pair = simplePair(entry);
  if (pair)
    return [row(FLAG_SINGLE_LINE, entry, sideFields(pair.debit, chart), sideFields(pair.credit, chart))];
  const pairs = pairedRows(entry);
  return pairs.map(([debit, credit], i) =>
    row(
      i === 0 ? FLAG_FIRST : i === pairs.length - 1 ? FLAG_LAST : FLAG_MIDDLE,
      entry,
      sideFields(debit, chart),
      sideFields(credit, chart),
    ),
  );
}

/** Reads a file's rows back into entries: a 2000 row alone, 2110 … 2101 rows as one. */
export function parseYayoiRows(rows: readonly (readonly string[])[], chart: ChartLookup): ParsedEntry[] {
  const entries: ParsedEntry[] = [];
  let open: ParsedEntry | undefined;
  for (const fields of rows) {
    const flag = fields[0];
    if (
      fields.length !== YAYOI_COLUMNS ||
      ![FLAG_SINGLE_LINE, FLAG_FIRST, FLAG_MIDDLE, FLAG_LAST].includes(flag!)
    )
      throw new AppError('INVALID_ARGUMENT', `not a 弥生 entry line: ${fields.slice(0, 4).join(',')}`);
    const f = (column: number) => fields[column - 1]!;
    if (f(20) !== (flag === FLAG_SINGLE_LINE ? TYPE_JOURNAL : TYPE_TRANSFER_SLIP))
      throw new AppError('INVALID_ARGUMENT', `a ${flag} row of タイプ ${f(20)}`);
    const lines: JournalLine[] = [];
    if (f(5))
      lines.push(
        lineOf(
          'debit',
          side(titleOfLabel(chart, 'yayoi', f(5)).code, f(6) || undefined, taxOfLabel('yayoi', f(8))),
          amountOf(f(9)),
        ),
      );
    if (f(11))
      lines.push(
        lineOf(
          'credit',
          side(titleOfLabel(chart, 'yayoi', f(11)).code, f(12) || undefined, taxOfLabel('yayoi', f(14))),
          amountOf(f(15)),
        ),
      );
    if (flag === FLAG_SINGLE_LINE || flag === FLAG_FIRST) {
      if (open) throw new AppError('INVALID_ARGUMENT', 'a 複数行 entry without its last row (2101)');
      open = { date: isoDate(f(4)), lines: [], counterparty: f(22), memo: f(17) };
    } else if (!open) throw new AppError('INVALID_ARGUMENT', `a ${flag} row without its first row (2110)`);
    open.lines.push(...lines);
    if (flag === FLAG_SINGLE_LINE || flag === FLAG_LAST) {
      entries.push({ ...open, lines: orderedLines(open.lines) });
      open = undefined;
    }
  }
  if (open) throw new AppError('INVALID_ARGUMENT', 'a 複数行 entry without its last row (2101)');
  return entries;
}
