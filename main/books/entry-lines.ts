import { AppError } from '../../shared/app-errors.ts';
import type { EntrySide, JournalLine, JournalSide } from '../../shared/ipc/books-contract.ts';
import { notInForce } from '../../shared/tax-periods.ts';

/**
 * An entry's lines: the checks every write passes (debits equal credits, both sides present),
 * the two-line entry a bank line makes, and 遅延入力. Pure.
 */

export const sideTotal = (lines: readonly JournalLine[], side: EntrySide): number =>
  lines.reduce((sum, l) => (l.side === side ? sum + l.amount : sum), 0);

/**
 * Refuses lines that cannot be an entry: a side with no line, a negative or fractional amount,
 * or debits that do not equal credits (BOOKS_ENTRY_UNBALANCED) — before anything is written.
 */
/**
 * BOOKS_TAX_NOT_IN_FORCE when a line carries a transitional category (控80/70/50/30) that is not
 * the one of the entry's date: every entry written — by hand, split, 振替伝票 or a correction —
 * passes here, so no path books a credited share the law does not give on that day.
 */
export function checkTaxesInForce(date: string, lines: readonly JournalLine[]): void {
  for (const l of lines) {
    const fix = notInForce(date, l.taxCode);
    if (fix)
      throw new AppError('BOOKS_TAX_NOT_IN_FORCE', `${l.taxCode} is not in force on ${date}: choose ${fix}`);
  }
}

export function checkBalanced(lines: readonly JournalLine[]): void {
  for (const l of lines)
    if (!Number.isSafeInteger(l.amount) || l.amount < 0)
      throw new AppError('BOOKS_AMOUNT_NEGATIVE', `line amount ${l.amount}`);
  const debit = sideTotal(lines, 'debit');
  const credit = sideTotal(lines, 'credit');
  if (!lines.some((l) => l.side === 'debit') || !lines.some((l) => l.side === 'credit') || debit !== credit)
    throw new AppError(
      'BOOKS_ENTRY_UNBALANCED',
      `debits ${debit} ≠ credits ${credit} (${lines.length} lines)`,
    );
}

/** Debits first, each side in the order given: the order lines are numbered and exported in. */
export const orderedLines = (lines: readonly JournalLine[]): JournalLine[] => [
  ...lines.filter((l) => l.side === 'debit'),
  ...lines.filter((l) => l.side === 'credit'),
];

export const lineOf = (side: EntrySide, s: JournalSide, amount: number): JournalLine => ({
  side,
  titleCode: s.titleCode,
  ...(s.subTitle ? { subTitle: s.subTitle } : {}),
  taxCode: s.taxCode,
  amount,
});

/**
 * The one place a bank line's entry is laid out: its account's 預金 (対象外) on the side the money
 * moved, the chosen title with the chosen 税区分 on the other. Registration by hand and 自動登録
 * both come here, so a change to how a line's tax is chosen is made once.
 */
export function bankLineSides(
  type: '1' | '2',
  bank: { titleCode: string; subTitle: string },
  other: JournalSide,
): { debit: JournalSide; credit: JournalSide } {
  const bankSide: JournalSide = { titleCode: bank.titleCode, subTitle: bank.subTitle, taxCode: 'none' };
  const otherSide: JournalSide = {
    titleCode: other.titleCode,
    ...(other.subTitle ? { subTitle: other.subTitle } : {}),
    taxCode: other.taxCode,
  };
  return type === '1' ? { debit: bankSide, credit: otherSide } : { debit: otherSide, credit: bankSide };
}

/** The two lines of a simple entry. */
export const twoLines = (
  sides: { debit: JournalSide; credit: JournalSide },
  amount: number,
): JournalLine[] => [lineOf('debit', sides.debit, amount), lineOf('credit', sides.credit, amount)];

/**
 * Each 取引日's last day not late, as isLate computed it: an export of a million entries asked it
 * per entry, 1.1 s of a 14 s profile spent building Dates for some 730 different days.
 */
const lateAfter = new Map<string, string>();

/**
 * 遅延入力: registered more than two months after the 取引日 (電子帳簿保存法's 優良な電子帳簿 asks
 * for entries made late to be told apart). Two months counted by calendar, as SQLite's
 * date(x, '+2 months') counts them.
 */
export function isLate(date: string, recordedOn: string): boolean {
  let limit = lateAfter.get(date);
  if (limit === undefined) {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    limit = new Date(Date.UTC(y, m - 1 + 2, d)).toISOString().slice(0, 10);
    // A ledger's 取引日 are a few thousand days; the bound only keeps odd callers from growing it.
    if (lateAfter.size >= 20_000) lateAfter.clear();
    lateAfter.set(date, limit);
  }
  return recordedOn > limit;
}

/** A line as text for comparing two versions. */
const lineKey = (l: JournalLine): string =>
  `${l.side}|${l.titleCode}|${l.subTitle ?? ''}|${l.taxCode}|${l.amount}`;

export const sameLines = (a: readonly JournalLine[], b: readonly JournalLine[]): boolean =>
  a.length === b.length && a.every((l, i) => lineKey(l) === lineKey(b[i]!));
