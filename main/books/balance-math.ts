import { AppError } from '../../shared/app-errors.ts';
import type { TitleKind } from '../../shared/ipc/books-contract.ts';
import type {
  BookSide,
  OpeningBalanceRow,
  ReportSection,
  TrialBalanceRow,
  TrialBalanceView,
} from '../../shared/ipc/reports-contract.ts';

/**
 * The arithmetic of balances, pure: which side a title's balance sits on, B/S or P/L, the 試算表
 * from sums per title, the 元帳's running balance, and the checks of the opening balances. Amounts
 * are integer yen; a balance is signed on its title's own side (a 普通預金 overdrawn is negative).
 */

/** 事業主貸 is 純資産 in the chart but sits on the debit side (a sole proprietor's drawings). */
const DEBIT_EQUITY: ReadonlySet<string> = new Set(['owner_draw']);

export function naturalSide(titleCode: string, kind: TitleKind): BookSide {
  if (kind === 'asset' || kind === 'expense') return 'debit';
  return DEBIT_EQUITY.has(titleCode) ? 'debit' : 'credit';
}

export function sectionOf(kind: TitleKind): ReportSection {
  return kind === 'revenue' || kind === 'expense' ? 'pl' : 'bs';
}

/** A movement of `debit` and `credit` as seen from `side`: debit − credit on the debit side. */
export function onSide(side: BookSide, debit: number, credit: number): number {
  return side === 'debit' ? debit - credit : credit - debit;
}

/** The code of the row carrying the fiscal years before's profit (or loss) in 純資産. */
const RETAINED = '_retained';

export interface TitleInfo {
  code: string;
  name: string;
  kind: TitleKind;
}

/** Debit and credit sums of one title in one of the three spans a 試算表 needs. */
export interface TitleSums {
  titleCode: string;
  /** Before the fiscal year `dateFrom` falls in (only B/S titles carry these). */
  priorDebit: number;
  priorCredit: number;
  /** From that fiscal year's start to the day before `dateFrom`. */
  yearDebit: number;
  yearCredit: number;
  /** Within the period. */
  debit: number;
  credit: number;
}

/**
 * The 残高試算表: per title 前月(期首)繰越, the period's debit and credit, and the balance, B/S then
 * P/L in the chart's order. Opening balances are B/S titles' only (the save refuses others). P/L
 * titles start each fiscal year at zero; what they came to in the years before is carried as one
 * 純資産 row (RETAINED), so that the debit and credit balances still agree.
 */
export function trialBalance(input: {
  dateFrom: string;
  dateTo: string;
  openingAsOf: string | null;
  titles: readonly TitleInfo[];
  opening: readonly OpeningBalanceRow[];
  sums: readonly TitleSums[];
  retainedName: string;
}): TrialBalanceView {
  const sums = new Map(input.sums.map((s) => [s.titleCode, s]));
  const opening = new Map<string, { debit: number; credit: number }>();
  for (const o of input.opening) {
    const t = opening.get(o.titleCode) ?? { debit: 0, credit: 0 };
    opening.set(o.titleCode, { debit: t.debit + o.debit, credit: t.credit + o.credit });
  }
  let retained = 0; // credit side: revenue − expense of the years before
  const rows: TrialBalanceRow[] = [];
  const known = new Set(input.titles.map((t) => t.code));
  const titles = [
    ...input.titles,
    // Entries or opening balances under a code the chart no longer holds still count.
    ...[...new Set([...sums.keys(), ...opening.keys()])]
      .filter((code) => !known.has(code))
      .map((code) => ({ code, name: code, kind: 'asset' as TitleKind })),
  ];
  for (const title of titles) {
    const side = naturalSide(title.code, title.kind);
    const s = sums.get(title.code);
    const o = opening.get(title.code) ?? { debit: 0, credit: 0 };
    const pl = sectionOf(title.kind) === 'pl';
    const openingPart = pl ? 0 : onSide(side, o.debit, o.credit);
    if (pl && s) retained += s.priorCredit - s.priorDebit;
    const prior = s && !pl ? onSide(side, s.priorDebit, s.priorCredit) : 0;
    const carry = openingPart + prior + (s ? onSide(side, s.yearDebit, s.yearCredit) : 0);
    const debit = s?.debit ?? 0;
    const credit = s?.credit ?? 0;
    // A title with nothing in the period and nothing carried (a P/L title of the years before) is left out.
    if (carry === 0 && debit === 0 && credit === 0 && !opening.has(title.code)) continue;
    rows.push({
      titleCode: title.code,
      name: title.name,
      kind: title.kind,
      side,
      carry,
      debit,
      credit,
      balance: carry + onSide(side, debit, credit),
    });
  }
  if (retained !== 0)
    rows.push({
      titleCode: RETAINED,
      name: input.retainedName,
      kind: 'equity',
      side: 'credit',
      carry: retained,
      debit: 0,
      credit: 0,
      balance: retained,
    });
  const totals = { carryDebit: 0, carryCredit: 0, debit: 0, credit: 0, balanceDebit: 0, balanceCredit: 0 };
  for (const r of rows) {
    if (r.side === 'debit') {
      totals.carryDebit += r.carry;
      totals.balanceDebit += r.balance;
    } else {
      totals.carryCredit += r.carry;
      totals.balanceCredit += r.balance;
    }
    totals.debit += r.debit;
    totals.credit += r.credit;
  }
  const section = (s: ReportSection) => rows.filter((r) => sectionOf(r.kind) === s);
  return {
    dateFrom: input.dateFrom,
    dateTo: input.dateTo,
    openingAsOf: input.openingAsOf,
    sections: [
      { section: 'bs', rows: section('bs') },
      { section: 'pl', rows: section('pl') },
    ],
    totals,
    balanced:
      totals.carryDebit === totals.carryCredit &&
      totals.debit === totals.credit &&
      totals.balanceDebit === totals.balanceCredit,
  };
}

/** Each line's balance after it, on `side`, from `carry`. */
export function runningBalances(
  side: BookSide,
  carry: number,
  lines: readonly { debit: number; credit: number }[],
): number[] {
  let balance = carry;
  return lines.map((l) => (balance += onSide(side, l.debit, l.credit)));
}

/** Refuses opening balances whose debits and credits differ (BOOKS_OPENING_UNBALANCED). */
export function checkOpeningBalanced(rows: readonly { debit: number; credit: number }[]): {
  debitTotal: number;
  creditTotal: number;
} {
  const debitTotal = rows.reduce((a, r) => a + r.debit, 0);
  const creditTotal = rows.reduce((a, r) => a + r.credit, 0);
  if (debitTotal !== creditTotal)
    throw new AppError(
      'BOOKS_OPENING_UNBALANCED',
      `opening balances: debit ${debitTotal} ≠ credit ${creditTotal} (difference ${debitTotal - creditTotal})`,
    );
  return { debitTotal, creditTotal };
}

/**
 * Refuses an entry dated before the opening balances (BOOKS_DATE_BEFORE_OPENING): it is in them
 * already. Every path that writes an entry calls this with the books' start (null: none set).
 */
export function checkEntryDate(date: string, openingAsOf: string | null): void {
  if (openingAsOf !== null && date < openingAsOf)
    throw new AppError(
      'BOOKS_DATE_BEFORE_OPENING',
      `entry dated ${date} is before the opening balances (${openingAsOf})`,
    );
}
