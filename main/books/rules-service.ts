import { AppError } from '../../shared/app-errors.ts';
import { foldKana } from '../../shared/kana.ts';
import type { RuleInput, RulePreview, RuleView } from '../../shared/ipc/books-contract.ts';
import type { StoredRule } from '../store/books/book-rows.ts';
import type { BooksStores } from '../store/books/books-stores.ts';
import type { JournalService } from './journal-service.ts';
import { compareRules, keywordProblem, ruleMatches, rulesConflict, type Rule } from './rule-matcher.ts';
import { ruleCondition } from './rule-sql.ts';

const PREVIEW_SAMPLES = 5;
/** A rule being edited or not yet saved is the newest: it never wins a tie by age. */
const UNSAVED_ID = Number.MAX_SAFE_INTEGER;

const toRuleView = (rule: StoredRule): RuleView => {
  const view: RuleView = {
    id: rule.id,
    keyword: rule.keyword,
    match: rule.match,
    titleCode: rule.titleCode,
    taxCode: rule.taxCode,
    action: rule.action,
    starter: rule.starter,
  };
  if (rule.type) view.type = rule.type;
  if (rule.minAmount !== undefined) view.minAmount = rule.minAmount;
  if (rule.maxAmount !== undefined) view.maxAmount = rule.maxAmount;
  if (rule.subTitle) view.subTitle = rule.subTitle;
  if (rule.counterparty !== undefined) view.counterparty = rule.counterparty;
  if (rule.memo) view.memo = rule.memo;
  if (rule.fixedLines) view.fixedLines = rule.fixedLines;
  return view;
};

/** Rules: checked, previewed against the past lines, saved. */
export class RulesService {
  private readonly stores: BooksStores;
  /** A line as 仕訳待ち shows it: a preview's samples read as the queue will. */
  private readonly queueLine: JournalService['queueLine'];

  constructor(stores: BooksStores, journal: JournalService) {
    this.stores = stores;
    this.queueLine = journal.queueLine.bind(journal);
  }

  list(): RuleView[] {
    return this.stores.rules.list().map(toRuleView);
  }

  /** The rule as the matcher sees it, or the coded error that says what is wrong with the input. */
  private checked(input: RuleInput, id = UNSAVED_ID): Rule {
    const problem = keywordProblem(input.keyword);
    if (problem) throw new AppError('BOOKS_KEYWORD_INVALID', `keyword ${problem}`);
    if (input.minAmount !== undefined && input.maxAmount !== undefined && input.minAmount > input.maxAmount) {
      throw new AppError('INVALID_ARGUMENT', 'minAmount is above maxAmount');
    }
    const codes = new Set(this.stores.titles.list().map((t) => t.code));
    for (const code of [input.titleCode, ...(input.fixedLines ?? []).map((f) => f.titleCode)])
      if (!codes.has(code)) throw new AppError('INVALID_ARGUMENT', `no account title ${code}`);
    return {
      ...input,
      id,
      keyword: input.keyword.trim(),
      folded: foldKana(input.keyword),
      ...(input.subTitle ? { subTitle: input.subTitle } : {}),
    } as Rule;
  }

  preview(input: RuleInput, editing?: number): RulePreview {
    const rule = this.checked(input, editing ?? UNSAVED_ID);
    const { condition, params } = ruleCondition(rule);
    const { count, lines } = this.stores.lines.matching(condition, params, PREVIEW_SAMPLES);
    const accounts = new Map(this.stores.lines.accounts().map((a) => [a.id, a]));
    const saved = this.stores.rules.list().filter((r) => r.id !== editing);
    // Which saved rules share lines with this one: judged on the distinct remarks it matches.
    const groups = this.stores.lines.matchingRemarks(condition, params);
    const overlaps = saved.flatMap((other) => {
      const shares = groups.some(
        (g) =>
          ruleMatches(other, { remarksFolded: g.remarksFolded, type: g.type, amount: g.minAmount }) ||
          ruleMatches(other, { remarksFolded: g.remarksFolded, type: g.type, amount: g.maxAmount }),
      );
      if (!shares) return [];
      const { order, why } = compareRules(rule, other);
      return [
        {
          ruleId: other.id,
          keyword: other.keyword,
          winner: order < 0 ? ('this' as const) : ('other' as const),
          why,
        },
      ];
    });
    return {
      matches: count,
      samples: lines.map((line) => this.queueLine(line, 'unreviewed', accounts, [...saved, rule])),
      overlaps,
    };
  }

  /** Adds or changes a rule; one no order could tell from a saved rule is BOOKS_RULE_CONFLICT. */
  save(input: RuleInput, id?: number): RuleView {
    const rule = this.checked(input, id);
    const rival = this.stores.rules.list().find((other) => other.id !== id && rulesConflict(rule, other));
    if (rival)
      throw new AppError('BOOKS_RULE_CONFLICT', `rule ${rival.id} (${rival.keyword}) has the same condition`);
    let savedId = id;
    if (id === undefined) savedId = this.stores.rules.insert(input);
    else if (!this.stores.rules.update(id, input)) throw new AppError('NOT_FOUND', `no rule ${id}`);
    return toRuleView(this.stores.rules.list().find((r) => r.id === savedId)!);
  }

  delete(id: number): boolean {
    if (!this.stores.rules.delete(id)) throw new AppError('NOT_FOUND', `no rule ${id}`);
    return true;
  }
}
