import type { BankLine, LineKind } from '../store/books/bank-lines.ts';
import type { QueueKey } from '../store/books/batch-registration.ts';
import type { BooksStores } from '../store/books/books-stores.ts';
import type { Rule } from './rule-matcher.ts';
import { ruleLines } from './rule-lines.ts';

/** A rule with fixed lines writes a compound entry (rule-lines.ts). */
export const isCompound = (
  rule: Rule | undefined,
): rule is Rule & { fixedLines: NonNullable<Rule['fixedLines']> } => (rule?.fixedLines?.length ?? 0) > 0;

/** Whether a compound rule can be applied to a line: its fixed parts leave the title something. */
export const fitsLine = (rule: Rule, line: Pick<BankLine, 'type' | 'amount'>): boolean =>
  ruleLines(line.type, line.amount, rule, rule.fixedLines ?? []) !== undefined;

/**
 * 自動登録 of the kinds a rule with fixed lines won, apart from the set-based batches (which write
 * two lines of the line's amount): a line at a time, one transaction per kind, through `register`
 * (the queue's own registration, so the entry is what registering the rule's suggestion by hand
 * writes). Lines the batches would leave 未処理 are left so here too — an own-account transfer's
 * half or a payment waiting for its 消込 (`held`: the application's held lines, rule-scratch.ts), a negative amount, a date before the opening balances — and so is a line whose
 * amount the fixed parts reach (counted by the queue as left for review, JournalService.waiting).
 */
export function applyCompoundRules(
  stores: BooksStores,
  won: readonly { kind: LineKind; rule: Rule }[],
  byAmount: boolean,
  held: (key: QueueKey) => boolean,
  register: (line: BankLine, rule: Rule) => void,
): { registered: number; skipped: QueueKey[] } {
  const opening = stores.opening.asOf() ?? '';
  let registered = 0;
  const skipped: QueueKey[] = [];
  for (const { kind, rule } of won)
    stores.transaction(() => {
      for (const line of stores.queuedOfKind(kind, byAmount)) {
        if (line.date < opening || held(line)) continue;
        if (line.amount < 0) {
          skipped.push({ accountId: line.accountId, itemKey: line.itemKey });
          continue;
        }
        if (!fitsLine(rule, line)) continue;
        register(line, rule);
        registered += 1;
      }
    });
  return { registered, skipped };
}
