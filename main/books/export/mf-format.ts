import { AppError } from '../../../shared/app-errors.ts';
import {
  amountOf,
  columnOf,
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
import { bankSide } from './freee-format.ts';

/**
 * マネーフォワード クラウド会計's 仕訳帳 import, a header line (columns A to AA, left as the template
 * has them) and one line per entry. 取引No numbers the entries 1, 2, 3… (a number shared by lines
 * of one date makes a compound entry, which ours never are). Names must equal the 勘定科目, 補助科目
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

export function mfRow(entry: ExportEntry, chart: ChartLookup, number: number): string[] {
  const debit = labelOf(chart, 'mf', entry.debit.titleCode);
  const credit = labelOf(chart, 'mf', entry.credit.titleCode);
  const debitTax = sideTax(debit.title, entry.debit, 'mf', entry.amount);
  const creditTax = sideTax(credit.title, entry.credit, 'mf', entry.amount);
  // 取引先 on the side that is not the bank; a transfer has none.
  const bank = bankSide(entry, chart);
  const amount = String(entry.amount);
  return [
    String(number),
    slashDate(entry.date),
    debit.label,
    entry.debit.subTitle ?? '',
    '',
    bank === 'credit' ? entry.counterparty : '',
    debitTax.label,
    debitTax.invoice,
    amount,
    String(debitTax.tax),
    credit.label,
    entry.credit.subTitle ?? '',
    '',
    bank === 'debit' ? entry.counterparty : '',
    creditTax.label,
    creditTax.invoice,
    amount,
    String(creditTax.tax),
    entry.memo,
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
  ];
}

export function parseMfRow(fields: readonly string[], chart: ChartLookup): ParsedEntry {
  if (fields.length !== MF_HEADER.length || !/^\d+$/u.test(fields[0]!)) {
    throw new AppError(
      'INVALID_ARGUMENT',
      `not a マネーフォワード 仕訳帳 line: ${fields.slice(0, 3).join(',')}`,
    );
  }
  const f = (name: string) => fields[columnOf(MF_HEADER, name)]!;
  const debitTitle = titleOfLabel(chart, 'mf', f('借方勘定科目'));
  const creditTitle = titleOfLabel(chart, 'mf', f('貸方勘定科目'));
  return {
    date: isoDate(f('取引日')),
    debit: side(
      debitTitle.code,
      f('借方補助科目') || undefined,
      taxOfLabel('mf', f('借方税区分'), f('借方インボイス')),
    ),
    credit: side(
      creditTitle.code,
      f('貸方補助科目') || undefined,
      taxOfLabel('mf', f('貸方税区分'), f('貸方インボイス')),
    ),
    amount: amountOf(f('借方金額(円)')),
    counterparty: f('借方取引先') || f('貸方取引先'),
    memo: f('摘要'),
  };
}
