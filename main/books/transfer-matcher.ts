import { addDays } from '../../shared/dates.ts';

/**
 * Own-account transfers: money that leaves one linked account and arrives in another is one
 * journal entry (当座預金 → 普通預金), not an expense and an income. Pure.
 *
 * A pair is a 出金 and a 入金 of the same amount in two different accounts, the 入金 on the same
 * day or up to two days later (a transfer booked after a bank's cut-off arrives the next business
 * day). Each line pairs at most once; the closest dates pair first, then the bank's order.
 */

export interface TransferCandidate {
  accountId: string;
  itemKey: string;
  date: string;
  type: '1' | '2';
  amount: number;
}

export interface TransferPair<L extends TransferCandidate = TransferCandidate> {
  from: L;
  to: L;
}

export const TRANSFER_WINDOW_DAYS = 2;

const key = (line: TransferCandidate) => `${line.accountId}\u0000${line.itemKey}`;

export function matchTransfers<L extends TransferCandidate>(lines: readonly L[]): TransferPair<L>[] {
  const deposits = new Map<number, L[]>();
  for (const line of lines) {
    if (line.type !== '1') continue;
    const list = deposits.get(line.amount) ?? [];
    list.push(line);
    deposits.set(line.amount, list);
  }
  const byAmount = [...deposits.values()];
  for (const list of byAmount) list.sort(compareLines);

  // Deposits of an amount are in date order: each 出金 reads only those of its window (rule
  // application matches every 未処理 line, where one amount may recur thousands of times).
  const candidates: { from: L; to: L; gap: number }[] = [];
  for (const from of lines) {
    if (from.type !== '2') continue;
    const latest = addDays(from.date, TRANSFER_WINDOW_DAYS);
    const list = deposits.get(from.amount) ?? [];
    for (let i = firstOnOrAfter(list, from.date); i < list.length && list[i]!.date <= latest; i++) {
      const to = list[i]!;
      if (to.accountId === from.accountId) continue;
      candidates.push({ from, to, gap: daysBetween(from.date, to.date) });
    }
  }
  candidates.sort((a, b) => a.gap - b.gap || compareLines(a.from, b.from) || compareLines(a.to, b.to));
  const used = new Set<string>();
  const pairs: TransferPair<L>[] = [];
  for (const { from, to } of candidates) {
    if (used.has(key(from)) || used.has(key(to))) continue;
    used.add(key(from));
    used.add(key(to));
    pairs.push({ from, to });
  }
  return pairs.sort((a, b) => compareLines(a.from, b.from));
}

/** The index of the first line dated `date` or later in a date-ordered list. */
function firstOnOrAfter(list: readonly TransferCandidate[], date: string): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (list[mid]!.date < date) low = mid + 1;
    else high = mid;
  }
  return low;
}

function compareLines(a: TransferCandidate, b: TransferCandidate): number {
  return (
    a.date.localeCompare(b.date) ||
    a.accountId.localeCompare(b.accountId) ||
    a.itemKey.localeCompare(b.itemKey)
  );
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
