import { AppError } from '../../../shared/app-errors.ts';
import type { JournalSide } from '../../../shared/ipc/books-contract.ts';
import {
  amountOf,
  columnOf,
  isoDate,
  labelOf,
  side,
  sideTax,
  simplePair,
  slashDate,
  taxOfLabel,
  titleOfLabel,
  twoLineEntry,
  type ChartLookup,
  type ExportEntry,
  type ParsedEntry,
} from './export-entry.ts';

/**
 * freee会計's 取引 import (取引・口座振替のインポート), a header line and one 取引 per line. A 取引 is
 * 収入 or 支出 settled through a 口座 (決済口座): our bank side becomes the 決済口座 (its 補助科目,
 * the bank account's name, which is what the user calls the 口座 in freee), the other side the
 * 勘定科目. An entry between two bank accounts is a 口座振替 in freee, which this file cannot
 * hold: the export skips it and says so (BOOKS_EXPORT_SKIPPED). A compound entry goes to the
 * export's second file, in freee's 仕訳 import (freee-journal-format.ts).
 * Source: freee ヘルプセンター「取引・口座振替のインポート（一括登録）」
 * https://support.freee.co.jp/hc/ja/articles/202847320 — its 列項目 table confirms 収支区分 (収入/支出),
 * 管理番号, 発生日 (YYYY/MM/DD), 決済期日 and that the header line stays. The 21 columns are those of
 * the template freee attaches to that page as users who imported it quote it (取引先コード after
 * 決済期日, セグメント1–3 after メモタグ); freee's own text for the columns after 決済期日, 税計算区分
 * 内税 and the tax labels was not found — see test/books/golden/README.md.
 */

export const FREEE_HEADER = [
  '収支区分',
  '管理番号',
  '発生日',
  '決済期日',
  '取引先コード',
  '取引先',
  '勘定科目',
  '税区分',
  '金額',
  '税計算区分',
  '税額',
  '備考',
  '品目',
  '部門',
  'メモタグ（複数指定可、カンマ区切り）',
  'セグメント1',
  'セグメント2',
  'セグメント3',
  '決済日',
  '決済口座',
  '決済金額',
];

/** Which side is the bank; undefined when both are (a transfer) or neither is. */
function bankSide(
  pair: { debit: JournalSide; credit: JournalSide },
  chart: ChartLookup,
): 'debit' | 'credit' | undefined {
  const debitBank = chart.title(pair.debit.titleCode)?.bank === true;
  const creditBank = chart.title(pair.credit.titleCode)?.bank === true;
  if (debitBank === creditBank) return undefined;
  return debitBank ? 'debit' : 'credit';
}

/**
 * Which of freee's imports takes an entry: a simple entry with one bank side is a 取引 of this
 * file; one between two bank accounts is a 口座振替 (left out: BOOKS_EXPORT_SKIPPED); any other —
 * a compound entry (複合仕訳), or a 振替伝票 with no bank side (売掛金 / 売上高) — goes to the
 * export's 仕訳 file (freee-journal-format.ts). freee publishes no text of how its 取引 import
 * spells a 取引 of several 明細 (the stored help page stops at 決済期日; see
 * test/books/golden/README.md), so none is invented.
 */
export function freeeImportOf(entry: ExportEntry, chart: ChartLookup): 'deal' | 'transfer' | 'journal' {
  const pair = simplePair(entry);
  if (!pair) return 'journal';
  const isBank = (s: JournalSide) => chart.title(s.titleCode)?.bank === true;
  if (isBank(pair.debit) && isBank(pair.credit)) return 'transfer';
  return bankSide(pair, chart) ? 'deal' : 'journal';
}

/** The 取引 row of an entry freeeImportOf sends here ('deal'). */
export function freeeRow(entry: ExportEntry, chart: ChartLookup): string[] {
  const pair = simplePair(entry);
  const bank = pair && bankSide(pair, chart);
  if (!pair || !bank) throw new Error(`entry ${entry.id} is no 取引: freeeImportOf says where it goes`);
  const bankSideOf = pair[bank];
  const other = bank === 'debit' ? pair.credit : pair.debit;
  const bankTitle = labelOf(chart, 'freee', bankSideOf.titleCode);
  const title = labelOf(chart, 'freee', other.titleCode);
  const tax = sideTax(title.title, other, 'freee', pair.amount);
  const date = slashDate(entry.date);
  return [
    bank === 'debit' ? '収入' : '支出',
    String(entry.id),
    date,
    '', // 決済期日: settled on the day
    '', // 取引先コード: freee's own code, which the app does not know
    entry.counterparty,
    title.label,
    tax.label,
    String(pair.amount),
    '内税',
    String(tax.tax),
    entry.memo,
    '', // 品目
    '', // 部門
    '', // メモタグ
    '', // セグメント1–3
    '',
    '',
    date,
    bankSideOf.subTitle ?? bankTitle.label,
    String(pair.amount),
  ];
}

/**
 * Reads a row back. freee knows a 口座 by name only, so the caller says which bank title each
 * 決済口座 is (普通預金 or 当座預金), as the app knows from the account.
 */
export function parseFreeeRow(
  fields: readonly string[],
  chart: ChartLookup,
  bankTitleOf: (account: string) => string,
): ParsedEntry {
  if (fields.length !== FREEE_HEADER.length || !['収入', '支出'].includes(fields[0]!)) {
    throw new AppError('INVALID_ARGUMENT', `not a freee 取引 line: ${fields.slice(0, 3).join(',')}`);
  }
  const field = (name: string) => fields[columnOf(FREEE_HEADER, name)]!;
  const title = titleOfLabel(chart, 'freee', field('勘定科目'));
  const other = side(title.code, undefined, taxOfLabel('freee', field('税区分')));
  const account = field('決済口座');
  const bank = side(bankTitleOf(account), account, 'none');
  const income = field('収支区分') === '収入';
  return {
    date: isoDate(field('発生日')),
    ...twoLineEntry({
      debit: income ? bank : other,
      credit: income ? other : bank,
      amount: amountOf(field('金額')),
    }),
    counterparty: field('取引先'),
    memo: field('備考'),
  };
}
