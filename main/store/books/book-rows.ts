import { foldKana } from '../../../shared/kana.ts';
import type {
  ExportTarget,
  JournalEntryView,
  JournalSide,
  RuleInput,
  TaxCode,
  TitleKind,
} from '../../../shared/ipc/books-contract.ts';
import type { AccountTitle } from '../../books/chart.ts';
import type { Rule } from '../../books/rule-matcher.ts';

/**
 * The books' rows as SQLite keeps them and as the core sees them: every mapping between the two,
 * in both directions, is here, so a column is named in one place per direction.
 */

/** An entry before it has an id. */
export type NewEntry = Omit<JournalEntryView, 'id' | 'changedAtBank'>;

/** A `journal_entries` row, with whether the bank later changed one of its lines (`changed`). */
export interface EntryRow {
  id: number;
  entry_date: string;
  debit_title: string;
  debit_sub: string | null;
  debit_tax: TaxCode;
  credit_title: string;
  credit_sub: string | null;
  credit_tax: TaxCode;
  amount: number;
  counterparty: string;
  memo: string;
  source: 'bank' | 'transfer';
  rule_id: number | null;
  changed: number;
}

const sideOf = (title: string, sub: string | null, tax: TaxCode): JournalSide => ({
  titleCode: title,
  ...(sub ? { subTitle: sub } : {}),
  taxCode: tax,
});

/** A side's three columns (title, 補助科目, tax), as journal_entries keeps them. */
export const sideColumns = (side: JournalSide): [string, string | null, TaxCode] => [
  side.titleCode,
  side.subTitle ?? null,
  side.taxCode,
];

export const toEntryView = (r: EntryRow): JournalEntryView => ({
  id: r.id,
  date: r.entry_date,
  debit: sideOf(r.debit_title, r.debit_sub, r.debit_tax),
  credit: sideOf(r.credit_title, r.credit_sub, r.credit_tax),
  amount: r.amount,
  counterparty: r.counterparty,
  memo: r.memo,
  source: r.source,
  ...(r.rule_id !== null ? { ruleId: r.rule_id } : {}),
  ...(r.changed ? { changedAtBank: true } : {}),
});

/** An entry's row with whether the bank later changed one of its lines. */
export const ENTRY_SELECT = `SELECT e.*, EXISTS (SELECT 1 FROM line_reviews r JOIN bank_line_changes c
    ON c.bank_account_id = r.bank_account_id AND c.item_key = r.item_key WHERE r.entry_id = e.id) AS changed
  FROM journal_entries e`;

/** A `book_rules` row. */
export interface RuleRow {
  id: number;
  keyword: string;
  folded: string;
  match: Rule['match'];
  type: '1' | '2' | null;
  min_amount: number | null;
  max_amount: number | null;
  title_code: string;
  sub_title: string | null;
  tax_code: TaxCode;
  counterparty: string | null;
  memo: string | null;
  action: Rule['action'];
  starter: number;
}

export type StoredRule = Rule & { starter: boolean };

export const toRule = (r: RuleRow): StoredRule => ({
  id: r.id,
  keyword: r.keyword,
  folded: r.folded,
  match: r.match,
  ...(r.type ? { type: r.type } : {}),
  ...(r.min_amount !== null ? { minAmount: r.min_amount } : {}),
  ...(r.max_amount !== null ? { maxAmount: r.max_amount } : {}),
  titleCode: r.title_code,
  ...(r.sub_title ? { subTitle: r.sub_title } : {}),
  taxCode: r.tax_code,
  ...(r.counterparty !== null ? { counterparty: r.counterparty } : {}),
  ...(r.memo !== null ? { memo: r.memo } : {}),
  action: r.action,
  starter: r.starter === 1,
});

/**
 * A rule's columns from keyword to action, as book_rules keeps them: the keyword trimmed and
 * folded once here, so the matcher compares folded text with folded text.
 */
export const ruleColumns = (input: RuleInput): (string | number | null)[] => [
  input.keyword.trim(),
  foldKana(input.keyword),
  input.match,
  input.type ?? null,
  input.minAmount ?? null,
  input.maxAmount ?? null,
  input.titleCode,
  input.subTitle || null,
  input.taxCode,
  input.counterparty ?? null,
  input.memo || null,
  input.action,
];

/** A `book_titles` row: the user's own 勘定科目. */
export interface TitleRow {
  id: number;
  name: string;
  kind: TitleKind;
  default_tax: TaxCode;
  label_yayoi: string | null;
  label_freee: string | null;
  label_mf: string | null;
}

/** The user's titles go by `u` + their row id beside the built-in codes. */
export const toTitle = (r: TitleRow): AccountTitle => {
  const labels: Partial<Record<ExportTarget, string>> = {};
  if (r.label_yayoi) labels.yayoi = r.label_yayoi;
  if (r.label_freee) labels.freee = r.label_freee;
  if (r.label_mf) labels.mf = r.label_mf;
  return {
    code: `u${r.id}`,
    name: r.name,
    kind: r.kind,
    defaultTax: r.default_tax,
    labels,
    builtIn: false,
  };
};
