import { foldKana } from '../../shared/kana.ts';
import { hasControlCharacter } from '../../shared/book-text.ts';
import type {
  MatchKind,
  OutrankReason,
  RuleView,
  SuggestionReason,
} from '../../shared/ipc/books-contract.ts';

/**
 * The rule matcher: which rule speaks for a bank line, and why it and not another. Pure; the
 * books store feeds it the folded remarks the ledger already keeps (shared/kana.ts).
 *
 * The more specific rule wins, in this order (first difference decides):
 *   1. how it matches: 完全一致 > 前方一致 = 後方一致 > 部分一致
 *   2. the longer (folded) keyword
 *   3. a rule with an amount range over one without; of two ranges, the narrower
 *   4. a rule for 入金 or 出金 over one for both
 *   5. the older rule (smaller id) — so a new rule never silently takes over a tie
 */

/** A rule as saved (without whether it came with the app), with its keyword folded for matching. */
export type Rule = Omit<RuleView, 'starter'> & { folded: string };

/** What a rule looks at in a line. */
export interface MatchableLine {
  remarksFolded: string;
  type: '1' | '2';
  amount: number;
}

const KIND_RANK: Record<MatchKind, number> = { exact: 3, prefix: 2, suffix: 2, contains: 1 };

export type KeywordProblem = 'empty' | 'too-long' | 'control-characters';

/** An empty keyword would match every line; control characters never occur in remarks. */
export function keywordProblem(keyword: string): KeywordProblem | undefined {
  if (hasControlCharacter(keyword)) return 'control-characters';
  const folded = foldKana(keyword);
  if (folded.length === 0) return 'empty';
  if (folded.length > 40) return 'too-long';
  return undefined;
}

export function ruleMatches(rule: Rule, line: MatchableLine): boolean {
  if (rule.type && rule.type !== line.type) return false;
  if (rule.minAmount !== undefined && line.amount < rule.minAmount) return false;
  if (rule.maxAmount !== undefined && line.amount > rule.maxAmount) return false;
  const text = line.remarksFolded;
  switch (rule.match) {
    case 'exact':
      return text === rule.folded;
    case 'prefix':
      return text.startsWith(rule.folded);
    case 'suffix':
      return text.endsWith(rule.folded);
    case 'contains':
      return text.includes(rule.folded);
  }
}

const rangeWidth = (rule: Rule): number =>
  rule.minAmount === undefined && rule.maxAmount === undefined
    ? Infinity
    : (rule.maxAmount ?? Number.MAX_SAFE_INTEGER) - (rule.minAmount ?? 0);

/**
 * Compares two rules by specificity: negative when `a` wins. `why` is the first rule of the order
 * above that told them apart.
 */
export function compareRules(a: Rule, b: Rule): { order: number; why: OutrankReason } {
  const steps: [OutrankReason, number][] = [
    ['match-kind', KIND_RANK[b.match] - KIND_RANK[a.match]],
    ['longer-keyword', b.folded.length - a.folded.length],
    ['amount-range', Math.sign(rangeWidth(a) - rangeWidth(b))],
    ['direction', (b.type ? 1 : 0) - (a.type ? 1 : 0)],
    ['older-rule', a.id - b.id],
  ];
  for (const [why, order] of steps) if (order !== 0 && !Number.isNaN(order)) return { order, why };
  return { order: 0, why: 'older-rule' };
}

export interface RuleChoice {
  rule: Rule;
  reason: SuggestionReason;
}

/** The rule that speaks for a line, with the rules it outranked; undefined when none matches. */
export function chooseRule(rules: readonly Rule[], line: MatchableLine): RuleChoice | undefined {
  let best: Rule | undefined;
  const matched: Rule[] = [];
  for (const rule of rules) {
    if (!ruleMatches(rule, line)) continue;
    matched.push(rule);
    if (!best || compareRules(rule, best).order < 0) best = rule;
  }
  if (!best) return undefined;
  const winner = best;
  return {
    rule: winner,
    reason: {
      ruleId: winner.id,
      match: winner.match,
      keyword: winner.keyword,
      outranked: matched
        .filter((r) => r !== winner)
        .map((r) => ({ ruleId: r.id, keyword: r.keyword, why: compareRules(winner, r).why })),
    },
  };
}

/**
 * Two rules that no order can tell apart except their age: the same match kind on the same folded
 * keyword, the same direction, amount ranges of one width that share a line (whatever the outcome:
 * a duplicate is as useless). Saving the
 * second would make the first win silently forever, so it is refused (BOOKS_RULE_CONFLICT).
 */
export function rulesConflict(a: Omit<Rule, 'id'>, b: Omit<Rule, 'id'>): boolean {
  if (a.match !== b.match || a.folded !== b.folded) return false;
  if ((a.type ?? '') !== (b.type ?? '')) return false;
  if (rangeWidth(a as Rule) !== rangeWidth(b as Rule)) return false;
  const lowA = a.minAmount ?? 0;
  const lowB = b.minAmount ?? 0;
  const highA = a.maxAmount ?? Infinity;
  const highB = b.maxAmount ?? Infinity;
  return lowA <= highB && lowB <= highA;
}
