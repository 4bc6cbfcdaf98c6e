import { foldKana } from '../../../shared/kana.ts';
import type {
  EntrySide,
  EntrySource,
  ExportTarget,
  FixedLine,
  JournalEntryView,
  JournalLine,
  RuleInput,
  TaxCode,
  TitleKind,
} from '../../../shared/ipc/books-contract.ts';
import { isLate, sideTotal } from '../../books/entry-lines.ts';
import type { AccountTitle } from '../../books/chart.ts';
import type { Rule } from '../../books/rule-matcher.ts';

/**
 * The books' rows as SQLite keeps them and as the core sees them: every mapping between the two,
 * in both directions, is here, so a column is named in one place per direction.
 */

/** An entry before it has an id: what a registration, a correction or a 振替伝票 writes. */
export type NewEntry = Pick<
  JournalEntryView,
  'date' | 'lines' | 'counterparty' | 'memo' | 'source' | 'ruleId'
>;

/**
 * An entry's current version as ENTRY_SELECT reads it, with whether the bank later changed one of
 * its lines (`changed`); its lines come from LINES_OF.
 */
export interface EntryRow {
  id: number;
  entry_date: string;
  recorded_on: string;
  version: number;
  counterparty: string;
  memo: string;
  source: EntrySource;
  rule_id: number | null;
  changed: number;
}

/** A `book_entry_lines` row. */
export interface LineRow {
  entry_id: number;
  side: EntrySide;
  title_code: string;
  sub_title: string | null;
  tax_code: TaxCode;
  amount: number;
}

export const toLine = (r: LineRow): JournalLine => ({
  side: r.side,
  titleCode: r.title_code,
  ...(r.sub_title ? { subTitle: r.sub_title } : {}),
  taxCode: r.tax_code,
  amount: r.amount,
});

/** A line's columns from side to amount, as book_entry_lines keeps them. */
export const lineColumns = (l: JournalLine): [EntrySide, string, string | null, TaxCode, number] => [
  l.side,
  l.titleCode,
  l.subTitle ?? null,
  l.taxCode,
  l.amount,
];

const toEntryView = (r: EntryRow, lines: JournalLine[]): JournalEntryView => ({
  id: r.id,
  date: r.entry_date,
  recordedOn: r.recorded_on,
  ...(isLate(r.entry_date, r.recorded_on) ? { late: true } : {}),
  version: r.version,
  lines,
  amount: sideTotal(lines, 'debit'),
  counterparty: r.counterparty,
  memo: r.memo,
  source: r.source,
  ...(r.rule_id !== null ? { ruleId: r.rule_id } : {}),
  ...(r.changed ? { changedAtBank: true } : {}),
});

/** The current version of every entry (`e.deleted` tells the deleted ones), and the bank's change flag. */
export const ENTRY_SELECT = `SELECT e.id, v.entry_date, e.recorded_on, e.version, v.counterparty, v.memo,
    e.source, v.rule_id, EXISTS (SELECT 1 FROM line_reviews r JOIN bank_line_changes c
      ON c.bank_account_id = r.bank_account_id AND c.item_key = r.item_key WHERE r.entry_id = e.id) AS changed
  FROM book_entries e JOIN book_entry_versions v ON v.entry_id = e.id AND v.version = e.version`;

/** The current lines of the entries whose ids are in the JSON array bound to it, in line order. */
export const LINES_OF = `SELECT l.entry_id, l.side, l.title_code, l.sub_title, l.tax_code, l.amount
  FROM json_each(?) j JOIN book_entries e ON e.id = j.value
  JOIN book_entry_lines l ON l.entry_id = e.id AND l.version = e.version
  ORDER BY l.entry_id, l.line_no`;

/** Entries' rows joined with their lines (read by LINES_OF). */
export function withLines(rows: readonly EntryRow[], lineRows: readonly LineRow[]): JournalEntryView[] {
  const byEntry = new Map<number, JournalLine[]>();
  for (const l of lineRows) {
    let list = byEntry.get(l.entry_id);
    if (!list) byEntry.set(l.entry_id, (list = []));
    list.push(toLine(l));
  }
  return rows.map((r) => toEntryView(r, byEntry.get(r.id) ?? []));
}

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
  /** JSON of the rule's fixed lines (migration 20), NULL for a two-line rule. */
  fixed_lines: string | null;
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
  ...(r.fixed_lines ? { fixedLines: JSON.parse(r.fixed_lines) as FixedLine[] } : {}),
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
  input.fixedLines?.length ? JSON.stringify(input.fixedLines) : null,
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
