import { AppError } from '../../../shared/app-errors.ts';
import type { JournalLine } from '../../../shared/ipc/books-contract.ts';
import { lineOf } from '../entry-lines.ts';
import {
  amountOf,
  columnOf,
  isoDate,
  labelOf,
  pairedRows,
  side,
  sideTax,
  simplePair,
  slashDate,
  taxOfLabel,
  titleOfLabel,
  type ChartLookup,
  type ExportEntry,
  entriesOfNumberedRows,
  type NumberedRow,
  type ParsedEntry,
} from './export-entry.ts';

/**
 * マネーフォワード クラウド会計's 仕訳帳 import, a header line (columns A to AA, left as the template
 * has them) and one line per entry. 取引No numbers the entries 1, 2, 3… (a number shared by lines
 * of one date makes a compound entry: mfRows). Names must equal the 勘定科目, 補助科目
 * and 税区分 registered in MF; 取引先 goes on the side that is not the bank.
 * Sources: https://biz.moneyforward.com/support/ac-plus/guide/journal2/import2.html (header row A–AA
 * left unedited; 取引No, 取引日, 勘定科目, 金額 required; 取引No 1, 2, 3…) and
 * https://biz.moneyforward.com/support/tax-return/guide/import-books/ib01.html (names equal to those
 * registered in MF); https://intercom.help/manageboard/ja/articles/5078793 (取引日 yyyy/mm/dd).
 * The 27 header names are shown on MF's pages only as a picture: they agree exactly with public
 * open-source converters but are not confirmed by a published text, nor are the tax labels beyond
 * 課税売上 10% / 課税仕入 10% (see test/books/golden/README.md). A purchase from a seller who is not
 * a registered issuer keeps its 税区分 and says its share in the インボイス column (80%控除, as MF's
 * import page is quoted; 70%控除… unconfirmed: main/books/transitional-taxes.ts). Blank there, MF
 * takes the 税区分's own (適格).
 */

export const MF_HEADER = [
  '取引No',
  '取引日',
  '借方勘定科目',
  '借方補助科目',
  '借方部門',
  '借方取引先',
  '借方税区分',
  '借方インボイス',
  '借方金額(円)',
  '借方税額',
  '貸方勘定科目',
  '貸方補助科目',
  '貸方部門',
  '貸方取引先',
  '貸方税区分',
  '貸方インボイス',
  '貸方金額(円)',
  '貸方税額',
  '摘要',
  '仕訳メモ',
  'タグ',
  'MF仕訳タイプ',
  '決算整理仕訳',
  '作成日時',
  '作成者',
  '最終更新日時',
  '最終更新者',
];

/**
 * An entry's rows, all under one 取引No: a simple entry one row, a compound one a row per pair of
 * its lines (debit i beside credit i; a side without a line left blank), which MF reads as one
 * 複合仕訳 ("同一取引日、同一取引No、貸借合計が一致"). 取引先 goes on every line that is not a
 * bank's (none on a transfer).
 */
export function mfRows(entry: ExportEntry, chart: ChartLookup, number: number): string[][] {
  const pair = simplePair(entry);
  const rows: [JournalLine | undefined, JournalLine | undefined][] = pair
    ? [[pair.debit, pair.credit]]
    : pairedRows(entry);
  const party = (line: JournalLine | undefined) =>
    line && chart.title(line.titleCode)?.bank !== true ? entry.counterparty : '';
  const sideOf = (line: JournalLine | undefined) => {
    if (!line) return ['', '', '', '', '', '', '', ''];
    const { title, label } = labelOf(chart, 'mf', line.titleCode);
    const tax = sideTax(title, line, 'mf', line.amount);
    return [
      label,
      line.subTitle ?? '',
      '',
      party(line),
      tax.label,
      tax.invoice,
      String(line.amount),
      String(tax.tax),
    ];
  };
  return rows.map(([debit, credit]) => [
    String(number),
    slashDate(entry.date),
    ...sideOf(debit),
    ...sideOf(credit),
    entry.memo,
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
  ]);
}

/** Reads rows back into entries: consecutive rows of one 取引No are one entry. */
export function parseMfRows(rows: readonly (readonly string[])[], chart: ChartLookup): ParsedEntry[] {
  return entriesOfNumberedRows(
    rows.map((fields): NumberedRow => {
      if (fields.length !== MF_HEADER.length || !/^\d+$/u.test(fields[0]!)) {
        throw new AppError(
          'INVALID_ARGUMENT',
          `not a マネーフォワード 仕訳帳 line: ${fields.slice(0, 3).join(',')}`,
        );
      }
      const f = (name: string) => fields[columnOf(MF_HEADER, name)]!;
      const lineAt = (s: 'debit' | 'credit', prefix: '借方' | '貸方'): JournalLine[] =>
        f(`${prefix}勘定科目`)
          ? [
              lineOf(
                s,
                side(
                  titleOfLabel(chart, 'mf', f(`${prefix}勘定科目`)).code,
                  f(`${prefix}補助科目`) || undefined,
                  taxOfLabel('mf', f(`${prefix}税区分`), f(`${prefix}インボイス`)),
                ),
                amountOf(f(`${prefix}金額(円)`)),
              ),
            ]
          : [];
      return {
        number: fields[0]!,
        date: isoDate(f('取引日')),
        lines: [...lineAt('debit', '借方'), ...lineAt('credit', '貸方')],
        counterparty: f('借方取引先') || f('貸方取引先'),
        memo: f('摘要'),
      };
    }),
  );
}
