import type { BankLines, LineKind } from '../store/books/bank-lines.ts';
import type { QueueKey } from '../store/books/batch-registration.ts';
import { SliceSizer } from '../tasks/slices.ts';
import { matchTransfers } from './transfer-matcher.ts';

/**
 * The rule application's preparation over the whole review queue — the kinds of line the rule
 * matcher decides, the lines that pair as own-account transfers — read a range of queue keys per
 * step, so that a caller running it in slices (main/tasks/rules-application.ts) answers other calls
 * between the steps: over a million lines each was one statement of seconds. Each generator yields
 * between two steps and returns what the whole statements answered; `budgetMs` sizes the steps by
 * the clock, Infinity makes each one step over the whole queue (applyRules in one go).
 */

/** The first range read; the clock sizes the others (a queue line costs some µs to read). */
const SCAN_BUDGET = { initial: 2_000, min: 200, max: 200_000 };

/** The next `size` queue keys after `after`: one step's range (BankLines' …In statements). */
type Range = (after: QueueKey | undefined, size: number) => void;

/** Reads the queue a range per step, in key order, `read` called on each; yields between steps. */
function* scanQueue(lines: BankLines, budgetMs: number, read: Range): Generator<void, void> {
  const sizer = Number.isFinite(budgetMs) ? new SliceSizer({ budgetMs, ...SCAN_BUDGET }) : undefined;
  let after: QueueKey | undefined;
  for (;;) {
    const size = sizer?.size ?? Number.MAX_SAFE_INTEGER;
    const started = performance.now();
    const last = lines.queueRangeEnd(after, size);
    if (!last) return;
    read(after, size);
    sizer?.took(size, performance.now() - started);
    after = last;
    yield;
  }
}

/**
 * Code-point order, as SQLite's BINARY collation orders UTF-8 text (JavaScript's < orders UTF-16
 * code units, which puts a character beyond U+FFFF before half-width kana).
 */
function compareText(a: string, b: string): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** A UTF-16 code unit's place in code-point order: surrogates (U+10000 and up) after U+E000–U+FFFF. */
const codePointRank = (unit: number) =>
  unit >= 0xd800 && unit <= 0xdfff ? unit + 0x2000 : unit >= 0xe000 ? unit - 0x800 : unit;

/**
 * Every 未処理 line's kind once, with how many lines it has (BankLines.unreviewedKindsIn summed over
 * the ranges), in the order of the statement's GROUP BY — the order the kinds are decided and a
 * rule with fixed lines writes its entries in, so a sliced run numbers them as a whole one does.
 * With `amounts`, also tallies per amount whether it recurs both ways in two accounts.
 */
export function* queueKinds(
  lines: BankLines,
  byAmount: boolean,
  budgetMs: number,
  amounts?: AmountTally,
): Generator<void, LineKind[]> {
  const kinds = new Map<string, LineKind>();
  yield* scanQueue(lines, budgetMs, (after, size) => {
    for (const kind of lines.unreviewedKindsIn(byAmount, after, size)) {
      const key = JSON.stringify([kind.accountId, kind.remarks, kind.remarksFolded, kind.type, kind.amount]);
      const seen = kinds.get(key);
      if (seen) seen.lines += kind.lines;
      else kinds.set(key, kind);
    }
    if (amounts) for (const row of lines.queuedAmountsIn(after, size)) amounts.add(row);
  });
  return [...kinds.values()].sort(
    (a, b) =>
      a.accountId - b.accountId ||
      compareText(a.remarks, b.remarks) ||
      compareText(a.remarksFolded, b.remarksFolded) ||
      compareText(a.type, b.type) ||
      a.amount - b.amount,
  );
}

/**
 * Per amount, the directions and the accounts it has in the queue: an amount both ways in more
 * than one account is one a transfer's halves may have (a GROUP BY over the whole queue asked it once).
 */
export class AmountTally {
  private readonly amounts = new Map<number, { types: number; low: number; high: number }>();

  add(row: { amount: number; type: '1' | '2'; low: number; high: number }): void {
    const seen = this.amounts.get(row.amount);
    const type = row.type === '1' ? 1 : 2;
    if (!seen) this.amounts.set(row.amount, { types: type, low: row.low, high: row.high });
    else {
      seen.types |= type;
      seen.low = Math.min(seen.low, row.low);
      seen.high = Math.max(seen.high, row.high);
    }
  }

  /** The amounts a transfer's halves may have. */
  bothWays(): Set<number> {
    const both = new Set<number>();
    for (const [amount, { types, low, high }] of this.amounts)
      if (types === 3 && low !== high) both.add(amount);
    return both;
  }
}

/** An amount's candidate lines, a column per field. */
interface CandidateColumns {
  accountIds: number[];
  itemKeys: string[];
  dates: string[];
  types: ('1' | '2')[];
}

/**
 * The 未処理 lines that pair as own-account transfers, both halves of each pair: the lines of the
 * amounts `amounts` found both ways read a range per step, then matched an amount at a time (the
 * matcher pairs only lines of one amount, so matching the groups apart pairs what matching them
 * all together does), as many groups per step as the budget holds.
 */
export function* queuedTransferLines(
  lines: BankLines,
  amounts: AmountTally,
  budgetMs: number,
): Generator<void, QueueKey[]> {
  const both = amounts.bothWays();
  if (both.size === 0) return [];
  // A million-line queue may hold most of its lines as candidates: kept as plain columns (the
  // dates shared), not an object a line, the heap stays small enough that V8's full collections —
  // a pause of a second over a heap of objects a line — stay short.
  const groups = new Map<number, CandidateColumns>();
  const dates = new Map<string, string>();
  yield* scanQueue(lines, budgetMs, (after, size) => {
    for (const line of lines.queuedLinesIn(after, size)) {
      if (!both.has(line.amount)) continue;
      let group = groups.get(line.amount);
      if (!group) groups.set(line.amount, (group = { accountIds: [], itemKeys: [], dates: [], types: [] }));
      let date = dates.get(line.date);
      if (date === undefined) dates.set(line.date, (date = line.date));
      group.accountIds.push(line.accountId);
      group.itemKeys.push(line.itemKey);
      group.dates.push(date);
      group.types.push(line.type);
    }
  });
  const held: QueueKey[] = [];
  let started = performance.now();
  for (const [amount, group] of groups) {
    groups.delete(amount);
    const candidates = group.itemKeys.map((itemKey, i) => ({
      accountId: String(group.accountIds[i]),
      id: group.accountIds[i]!,
      itemKey,
      date: group.dates[i]!,
      type: group.types[i]!,
      amount,
    }));
    for (const { from, to } of matchTransfers(candidates))
      held.push({ accountId: from.id, itemKey: from.itemKey }, { accountId: to.id, itemKey: to.itemKey });
    if (performance.now() - started >= budgetMs) {
      yield;
      started = performance.now();
    }
  }
  return held;
}
