import type { FixedLine, JournalLine, JournalSide } from '../../shared/ipc/books-contract.ts';
import { lineOf } from './entry-lines.ts';

/**
 * A rule's entry for one bank line when the rule has fixed lines (複合仕訳): every line but the
 * bank's. The bank line keeps the line's amount on its side (入金: 借方, 出金: 貸方); fixed lines
 * placed `bank` sit on that side beside it, those placed `title` on the title's side; the rule's
 * title takes what balances: the amount, plus the `bank` ones, less the `title` ones. Undefined
 * when that leaves the title nothing (the fixed parts reach the line's amount): the rule is not
 * applied to that line, which waits for review. Pure.
 */
export function ruleLines(
  type: '1' | '2',
  amount: number,
  title: JournalSide,
  fixed: readonly FixedLine[],
): JournalLine[] | undefined {
  const bankSide = type === '1' ? 'debit' : 'credit';
  const titleSide = type === '1' ? 'credit' : 'debit';
  const sum = (place: FixedLine['place']) =>
    fixed.filter((f) => f.place === place).reduce((total, f) => total + f.amount, 0);
  const main = amount + sum('bank') - sum('title');
  if (main <= 0 || amount <= 0) return undefined;
  const line = (side: JournalLine['side'], f: FixedLine) =>
    lineOf(
      side,
      { titleCode: f.titleCode, ...(f.subTitle ? { subTitle: f.subTitle } : {}), taxCode: f.taxCode },
      f.amount,
    );
  return [
    ...fixed.filter((f) => f.place === 'bank').map((f) => line(bankSide, f)),
    lineOf(titleSide, title, main),
    ...fixed.filter((f) => f.place === 'title').map((f) => line(titleSide, f)),
  ];
}
