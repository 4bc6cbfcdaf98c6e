import { AppError } from '../../../shared/app-errors.ts';
import {
  amountOf,
  isoDate,
  labelOf,
  side,
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
 *   17 摘要 · 18 番号 · 19 期日 · 20 タイプ (0: 仕訳) · 21 生成元 · 22 仕訳メモ · 23 付箋1 · 24 付箋2 ·
 *   25 調整 (no)
 * Sources (what each confirms is in test/books/golden/README.md):
 *   https://support.yayoi-kk.co.jp/subcontents.html?page_id=18545 (弥生取り込み(インポート)形式:
 *     columns 1–7, 識別フラグ 2000 = 伝票以外の仕訳データ, dates 2019/07/01);
 *   https://support.yayoi-kk.co.jp/faq_Subcontents.html?grade_id=Kaikei&page_id=27184 (columns 1–12,
 *     金額 税込 integers); https://support.yayoi-kk.co.jp/subcontents.html?grade_id=Std&page_id=18586
 *     (comma-separated, quoted when a field holds a comma);
 *   https://katoh-tax.com/2018/07/29/yayoi-multiple-lines-import/ (column 20 タイプ, 0 = 仕訳データ).
 *   Columns 13–19 and 21–25 and the tax labels were not found in a published 弥生 source; they agree
 *   with public open-source converters that write this format.
 * 弥生 has no 取引先 column: ours goes to 仕訳メモ, so a file read back gives the same entry.
 */

const YAYOI_COLUMNS = 25;
const FLAG_SINGLE_LINE = '2000';

export function yayoiRow(entry: ExportEntry, chart: ChartLookup): string[] {
  const debit = labelOf(chart, 'yayoi', entry.debit.titleCode);
  const credit = labelOf(chart, 'yayoi', entry.credit.titleCode);
  const debitTax = sideTax(debit.title, entry.debit, 'yayoi', entry.amount);
  const creditTax = sideTax(credit.title, entry.credit, 'yayoi', entry.amount);
  return [
    FLAG_SINGLE_LINE,
    '',
    '',
    slashDate(entry.date),
    debit.label,
    entry.debit.subTitle ?? '',
    '',
    debitTax.label,
    String(entry.amount),
    String(debitTax.tax),
    credit.label,
    entry.credit.subTitle ?? '',
    '',
    creditTax.label,
    String(entry.amount),
    String(creditTax.tax),
    entry.memo,
    '',
    '',
    '0',
    '',
    entry.counterparty,
    '0',
    '0',
    'no',
  ];
}

export function parseYayoiRow(fields: readonly string[], chart: ChartLookup): ParsedEntry {
  if (fields.length !== YAYOI_COLUMNS || fields[0] !== FLAG_SINGLE_LINE) {
    throw new AppError('INVALID_ARGUMENT', `not a 弥生 single-line entry: ${fields.slice(0, 4).join(',')}`);
  }
  const f = (column: number) => fields[column - 1]!;
  const debitTitle = titleOfLabel(chart, 'yayoi', f(5));
  const creditTitle = titleOfLabel(chart, 'yayoi', f(11));
  return {
    date: isoDate(f(4)),
    debit: side(debitTitle.code, f(6) || undefined, taxOfLabel('yayoi', f(8))),
    credit: side(creditTitle.code, f(12) || undefined, taxOfLabel('yayoi', f(14))),
    amount: amountOf(f(9)),
    counterparty: f(22),
    memo: f(17),
  };
}
