import type { MonthlyView, TitleKind } from '../../shared/ipc/books-contract.ts';

/**
 * 月次推移 from the sums the stores give: per title the month's net movement on its natural side
 * (debit − credit for assets and expenses, credit − debit otherwise), per bank account money in,
 * money out and the balance after the month's last line (carried over a month without lines).
 * Pure.
 */

export function monthsBetween(dateFrom: string, dateTo: string): string[] {
  const months: string[] = [];
  let [y, m] = dateFrom.split('-').map(Number) as [number, number];
  const last = dateTo.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > last) break;
    months.push(month);
    m += 1;
    if (m === 13) [y, m] = [y + 1, 1];
  }
  return months;
}

const DEBIT_NATURED: ReadonlySet<TitleKind> = new Set(['asset', 'expense']);

export function monthlyView(
  months: readonly string[],
  titleSums: readonly { month: string; titleCode: string; debit: number; credit: number }[],
  kindOf: (titleCode: string) => TitleKind,
  accountSums: readonly {
    accountId: number;
    month: string;
    deposits: number;
    withdrawals: number;
    balance: number;
  }[],
  accountLabel: (accountId: number) => string,
): MonthlyView {
  const index = new Map(months.map((m, i) => [m, i]));
  const titles = new Map<string, number[]>();
  for (const s of titleSums) {
    const i = index.get(s.month);
    if (i === undefined) continue;
    const row = titles.get(s.titleCode) ?? months.map(() => 0);
    row[i]! += DEBIT_NATURED.has(kindOf(s.titleCode)) ? s.debit - s.credit : s.credit - s.debit;
    titles.set(s.titleCode, row);
  }
  const accounts = new Map<number, MonthlyView['accounts'][number]>();
  for (const s of accountSums) {
    const i = index.get(s.month);
    if (i === undefined) continue;
    let row = accounts.get(s.accountId);
    if (!row) {
      row = {
        accountId: String(s.accountId),
        accountLabel: accountLabel(s.accountId),
        deposits: months.map(() => 0),
        withdrawals: months.map(() => 0),
        balances: months.map(() => null),
      };
      accounts.set(s.accountId, row);
    }
    row.deposits[i] = s.deposits;
    row.withdrawals[i] = s.withdrawals;
    row.balances[i] = s.balance;
  }
  for (const row of accounts.values()) {
    for (let i = 1; i < row.balances.length; i++) row.balances[i] ??= row.balances[i - 1] ?? null;
  }
  return {
    months: [...months],
    titles: [...titles].map(([titleCode, byMonth]) => ({
      titleCode,
      byMonth,
      total: byMonth.reduce((a, b) => a + b, 0),
    })),
    accounts: [...accounts.values()],
  };
}
