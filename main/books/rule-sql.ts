import type { Rule } from './rule-matcher.ts';

/**
 * A rule's condition as SQL over a `transactions t` row, for counting the past lines a rule would
 * match ("37件に一致") without reading them into JavaScript. Matches exactly what ruleMatches does:
 * the same folded text, lengths in characters (SQLite's substr counts code points, as […s] does).
 */
export function ruleCondition(rule: Pick<Rule, 'folded' | 'match' | 'type' | 'minAmount' | 'maxAmount'>): {
  condition: string;
  params: (string | number)[];
} {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  const length = [...rule.folded].length;
  switch (rule.match) {
    case 'exact':
      parts.push('t.remarks_folded = ?');
      params.push(rule.folded);
      break;
    case 'prefix':
      parts.push('substr(t.remarks_folded, 1, ?) = ?');
      params.push(length, rule.folded);
      break;
    case 'suffix':
      parts.push('substr(t.remarks_folded, -?) = ?');
      params.push(length, rule.folded);
      break;
    case 'contains':
      parts.push('instr(t.remarks_folded, ?) > 0');
      params.push(rule.folded);
      break;
  }
  if (rule.type) {
    parts.push('t.type = ?');
    params.push(rule.type);
  }
  if (rule.minAmount !== undefined) {
    parts.push('t.amount >= ?');
    params.push(rule.minAmount);
  }
  if (rule.maxAmount !== undefined) {
    parts.push('t.amount <= ?');
    params.push(rule.maxAmount);
  }
  return { condition: parts.join(' AND '), params };
}
