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

/**
 * Every 出金 and 入金 of one amount within the window in two accounts is a candidate pair; the
 * candidates are taken closest dates first, then in the lines' order (date, account, item key),
 * each line once. Taken in that order, the candidates of one gap are each 出金's in turn, its
 * first 入金 still free paired: so a sweep over the 出金 a gap pairs what sorting every candidate
 * pair did — without an object or a comparison of strings a pair (rule application matches the
 * whole queue an amount at a time, one amount recurring thousands of times: that sort took
 * 30–260 ms an amount, a step every other call waited behind, bench:blocking).
 */
export function matchTransfers<L extends TransferCandidate>(lines: readonly L[]): TransferPair<L>[] {
  // The lines in their order, once: a line's rank is its place in it (ties in the order given).
  const order = lines.map((_, i) => i).sort((a, b) => compareLines(lines[a]!, lines[b]!) || a - b);
  const rank = new Int32Array(lines.length);
  for (const [r, i] of order.entries()) rank[i] = r;
  // Lines of one key are one line: used together.
  const keyIds = new Map<string, number>();
  const keyOf = Int32Array.from(lines, (line) => {
    const k = key(line);
    let id = keyIds.get(k);
    if (id === undefined) keyIds.set(k, (id = keyIds.size));
    return id;
  });
  const used = new Uint8Array(keyIds.size);
  // Each date as a day number, once a date (an amount's lines recur over a few hundred days).
  const days = new Map<string, number>();
  const dayOf = (date: string) => {
    let day = days.get(date);
    if (day === undefined) days.set(date, (day = Date.parse(`${date}T00:00:00Z`) / 86_400_000));
    return day;
  };
  // 入金 per amount and day, each list in the lines' order.
  const deposits = new Map<number, Map<number, number[]>>();
  for (const i of order) {
    const line = lines[i]!;
    if (line.type !== '1') continue;
    let byDay = deposits.get(line.amount);
    if (!byDay) deposits.set(line.amount, (byDay = new Map()));
    const day = dayOf(line.date);
    const list = byDay.get(day);
    if (list) list.push(i);
    else byDay.set(day, [i]);
  }
  const withdrawals = order.filter((i) => lines[i]!.type === '2');
  const pairs: { from: number; to: number }[] = [];
  for (let gap = 0; gap <= TRANSFER_WINDOW_DAYS; gap++)
    for (const from of withdrawals) {
      if (used[keyOf[from]!]) continue;
      const line = lines[from]!;
      const list = deposits.get(line.amount)?.get(dayOf(line.date) + gap);
      for (const to of list ?? []) {
        if (used[keyOf[to]!] || lines[to]!.accountId === line.accountId) continue;
        used[keyOf[from]!] = 1;
        used[keyOf[to]!] = 1;
        pairs.push({ from, to });
        break;
      }
    }
  return pairs
    .sort((a, b) => rank[a.from]! - rank[b.from]!)
    .map(({ from, to }) => ({ from: lines[from]!, to: lines[to]! }));
}

function compareLines(a: TransferCandidate, b: TransferCandidate): number {
  return (
    a.date.localeCompare(b.date) ||
    a.accountId.localeCompare(b.accountId) ||
    a.itemKey.localeCompare(b.itemKey)
  );
}
