import type { ReconciliationDay, ReconciliationLine } from '../../shared/ipc/reports-contract.ts';

/**
 * 残高照合, pure: the bank's balance at the end of each day it sent lines for, against the books'
 * balance of that account (its 補助科目 under 普通預金 / 当座預金: the opening balance and every entry
 * up to that day). Lines not registered (未処理・無視) explain part of a difference; what is left —
 * `unexplained` — means a line the sync missed or doubled, an entry booked to the wrong account,
 * or opening balances that do not match the bank's.
 */

export interface BankDay {
  date: string;
  /** The balance after the day's last line, as the bank reported it. */
  bankBalance: number;
  /** The day's lines not registered in the books, net (入金 +, 出金 −). */
  notBookedNet: number;
}

export interface LedgerDay {
  date: string;
  /** The day's movement of the account's 補助科目, debit − credit. */
  net: number;
}

const MAX_CHANGES = 50;

export function reconcile(
  opening: number,
  bankDays: readonly BankDay[],
  ledgerDays: readonly LedgerDay[],
): { days: ReconciliationDay[]; changes: ReconciliationDay[] } {
  const days: ReconciliationDay[] = [];
  const changes: ReconciliationDay[] = [];
  let ledger = opening;
  let notBooked = 0;
  let j = 0;
  let previous = 0;
  for (const day of bankDays) {
    while (j < ledgerDays.length && ledgerDays[j]!.date <= day.date) ledger += ledgerDays[j++]!.net;
    notBooked += day.notBookedNet;
    const unexplained = day.bankBalance - ledger - notBooked;
    const row = {
      date: day.date,
      bankBalance: day.bankBalance,
      ledgerBalance: ledger,
      notBooked,
      unexplained,
    };
    days.push(row);
    if (unexplained !== previous && changes.length < MAX_CHANGES) changes.push(row);
    previous = unexplained;
  }
  return { days, changes };
}

/**
 * Marks where the bank's own balances do not follow one from the other (a line missing between
 * two, or one sent twice): each line's balance should be the one before plus 入金 or minus 出金.
 * `before` is the balance before the first line (null: unknown, the first is not judged).
 */
export function markChainBreaks(
  before: number | null,
  lines: readonly Omit<ReconciliationLine, 'chainBreak'>[],
): ReconciliationLine[] {
  let balance = before;
  return lines.map((l) => {
    const expected = balance === null ? l.balance : balance + (l.type === '1' ? l.amount : -l.amount);
    balance = l.balance;
    return { ...l, chainBreak: expected !== l.balance };
  });
}
