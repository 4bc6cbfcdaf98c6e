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
 * freee会計's 仕訳 import (振替伝票), the file an export to freee writes its compound entries
 * (複合仕訳) into: freee's 取引 import has no published form for a 取引 of several 明細, its 仕訳
 * import has one. A header line, then a row per pair of an entry's lines (debit i beside credit i),
 * every row of an entry under one 伝票No.
 * Source: freee ヘルプセンター「その他の会計ソフトから仕訳データを移行する(弥生会計形式を用いた方法)」
 * https://support.freee.co.jp/hc/ja/articles/202847920 — its table confirms [表題行] with
 * "[明細行]" at the start of every row, 日付 (2015/04/01), 伝票No. (半角数字, "伝票番号が同じの行の
 * 取引は一組の仕訳として認識します。一番上の日付と取引先が、それぞれの行へ適用されます"), 借方勘定科目,
 * 借方補助科目 (mapped at upload to 口座 / 取引先 / 品目) and the limits (5MB, 5,000行). The stored
 * excerpt stops there: the columns after 借方補助科目 are those of freee's template as public
 * converters that cite the page write it (22 columns) — see test/books/golden/README.md.
 * 取引先 has no column of its own: freee takes it from a 補助科目 the user maps to 取引先 at upload,
 * so a line that is not a bank's carries the entry's 取引先 as its 補助科目 (its own 補助科目, if it
 * has one, is not carried — as in the 取引 file); a bank's, the account's name (mapped to 口座).
 */

export const FREEE_JOURNAL_HEADER = [
  '[表題行]',
  '日付',
  '伝票No.',
  '借方勘定科目',
  '借方補助科目',
  '借方部門',
  '借方セグメント1',
  '借方セグメント2',
  '借方セグメント3',
  '借方税区分',
  '借方金額',
  '借方税額',
  '貸方勘定科目',
  '貸方補助科目',
  '貸方部門',
  '貸方セグメント1',
  '貸方セグメント2',
  '貸方セグメント3',
  '貸方税区分',
  '貸方金額',
  '貸方税額',
  '摘要',
];

const ROW_MARK = '[明細行]';
const SIDE_COLUMNS = 9;

const isBank = (chart: ChartLookup, line: JournalLine) => chart.title(line.titleCode)?.bank === true;

/** A side's nine columns; a row without a line on that side leaves them blank. */
function sideFields(line: JournalLine | undefined, entry: ExportEntry, chart: ChartLookup): string[] {
  if (!line) return Array<string>(SIDE_COLUMNS).fill('');
  const { title, label } = labelOf(chart, 'freee', line.titleCode);
  const tax = sideTax(title, line, 'freee', line.amount);
  // Off the bank side a line's own 補助科目 is not carried, as in the 取引 file: there the
  // 補助科目 is the 取引先 freee maps it to.
  const sub = isBank(chart, line) ? (line.subTitle ?? '') : entry.counterparty;
  return [label, sub, '', '', '', '', tax.label, String(line.amount), String(tax.tax)];
}

/** An entry's rows, all under its id as 伝票No. (the app's entry number, as 管理番号 in the 取引 file). */
export function freeeJournalRows(entry: ExportEntry, chart: ChartLookup): string[][] {
  return pairedRows(entry).map(([debit, credit]) => [
    ROW_MARK,
    slashDate(entry.date),
    String(entry.id),
    ...sideFields(debit, entry, chart),
    ...sideFields(credit, entry, chart),
    entry.memo,
  ]);
}

/**
 * Reads rows back into entries: consecutive rows of one 伝票No. are one entry, on its first row's
 * date and 摘要; a bank line's 補助科目 is its account, another line's is the entry's 取引先.
 */
export function parseFreeeJournalRows(
  rows: readonly (readonly string[])[],
  chart: ChartLookup,
): ParsedEntry[] {
  return entriesOfNumberedRows(
    rows.map((fields): NumberedRow => {
      if (
        fields.length !== FREEE_JOURNAL_HEADER.length ||
        fields[0] !== ROW_MARK ||
        !/^\d+$/u.test(fields[2]!)
      ) {
        throw new AppError('INVALID_ARGUMENT', `not a freee 仕訳 line: ${fields.slice(0, 3).join(',')}`);
      }
      const f = (name: string) => fields[columnOf(FREEE_JOURNAL_HEADER, name)]!;
      let counterparty = '';
      const lineAt = (s: 'debit' | 'credit', prefix: '借方' | '貸方'): JournalLine[] => {
        if (!f(`${prefix}勘定科目`)) return [];
        const title = titleOfLabel(chart, 'freee', f(`${prefix}勘定科目`));
        const sub = f(`${prefix}補助科目`);
        if (!title.bank && sub && !counterparty) counterparty = sub;
        return [
          lineOf(
            s,
            side(title.code, title.bank ? sub : undefined, taxOfLabel('freee', f(`${prefix}税区分`))),
            amountOf(f(`${prefix}金額`)),
          ),
        ];
      };
      const lines = [...lineAt('debit', '借方'), ...lineAt('credit', '貸方')];
      return { number: fields[2]!, date: isoDate(f('日付')), lines, counterparty, memo: f('摘要') };
    }),
  );
}
