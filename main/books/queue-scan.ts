import type { BankLines, LineKind } from '../store/books/bank-lines.ts';
import type { QueueKey } from '../store/books/batch-registration.ts';
import type { RuleScratch } from '../store/books/rule-scratch.ts';
import { SliceSizer } from '../tasks/slices.ts';
import { matchTransfers } from './transfer-matcher.ts';

/**
 * The rule application's preparation over the whole review queue — the kinds of line the rule
 * matcher decides, the lines that pair as own-account transfers — read a range of queue keys per
 * step, so that a caller running it in slices (main/tasks/rules-application.ts) answers other calls
 * between the steps: over a million lines each was one statement of seconds. Each generator yields
 * between two steps — with how many lines the step looked at, for the steps' trace — and returns
 * what the whole statements answered; `budgetMs` sizes the steps by the clock, Infinity makes each
 * one step over the whole queue (applyRules in one go).
 */

/** The first range read; the clock sizes the others (a queue line costs some µs to read). */
const SCAN_BUDGET = { initial: 2_000, min: 200, max: 200_000 };

/**
 * The next `size` queue keys after `after`: one step's range (BankLines' …In statements); answers
 * how many lines it looked at.
 */
type Range = (after: QueueKey | undefined, size: number) => number;

/** Reads the queue a range per step, in key order, `read` called on each; yields between steps. */
function* scanQueue(lines: BankLines, budgetMs: number, read: Range): Generator<number, void> {
  const sizer = Number.isFinite(budgetMs) ? new SliceSizer({ budgetMs, ...SCAN_BUDGET }) : undefined;
  let after: QueueKey | undefined;
  for (;;) {
    const size = sizer?.size ?? Number.MAX_SAFE_INTEGER;
    const started = performance.now();
    const last = lines.queueRangeEnd(after, size);
    if (!last) return;
    const looked = read(after, size);
    sizer?.took(size, performance.now() - started);
    after = last;
    yield looked;
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
): Generator<number, LineKind[]> {
  const kinds = new Map<string, LineKind>();
  yield* scanQueue(lines, budgetMs, (after, size) => {
    let looked = 0;
    for (const kind of lines.unreviewedKindsIn(byAmount, after, size)) {
      looked += kind.lines;
      const key = JSON.stringify([kind.accountId, kind.remarks, kind.remarksFolded, kind.type, kind.amount]);
      const seen = kinds.get(key);
      if (seen) seen.lines += kind.lines;
      else kinds.set(key, kind);
    }
    if (amounts) for (const row of lines.queuedAmountsIn(after, size)) amounts.add(row);
    return looked;
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

/**
 * The 未処理 lines that pair as own-account transfers, both halves of each pair held in `scratch`
 * (rule-scratch.ts): the lines of the amounts `amounts` found both ways copied into the scratch a
 * range per step, then matched an amount at a time (the matcher pairs only lines of one amount, so
 * matching the groups apart pairs what matching them all together does), as many groups per step
 * as the budget holds. Yields the lines each step looked at; answers how many lines it held.
 *
 * Nothing of the queue stays on the JS heap between steps: on a million-line queue nearly every
 * line is a candidate (~770,000 held), and kept as JS values for the whole application they made
 * V8's full collections pause the app for 40–120 ms.
 */
export function* queuedTransferLines(
  lines: BankLines,
  scratch: RuleScratch,
  amounts: AmountTally,
  budgetMs: number,
): Generator<number, number> {
  const both = [...amounts.bothWays()];
  if (both.length === 0) return 0;
  const wanted = JSON.stringify(both);
  yield* scanQueue(lines, budgetMs, (after, size) => scratch.addCandidatesIn(after, size, wanted));
  let held = 0;
  let looked = 0;
  let started = performance.now();
  // Between the parts of a group too, once the budget is spent: one amount of thousands of lines
  // is a few ms to read, to match and to hold, each.
  function* spent(): Generator<number, void> {
    if (performance.now() - started < budgetMs) return;
    yield looked;
    looked = 0;
    started = performance.now();
  }
  for (const amount of both) {
    const group = scratch.takeCandidatesOf(amount);
    looked += group.length;
    yield* spent();
    const candidates = group.map((line) => ({
      ...line,
      id: line.accountId,
      accountId: String(line.accountId),
      amount,
    }));
    const pairs: QueueKey[] = [];
    for (const { from, to } of matchTransfers(candidates))
      pairs.push({ accountId: from.id, itemKey: from.itemKey }, { accountId: to.id, itemKey: to.itemKey });
    yield* spent();
    scratch.hold(pairs);
    held += pairs.length;
    yield* spent();
  }
  return held;
}
