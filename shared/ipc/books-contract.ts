import { z } from 'zod';
import type { DirectionMisfit } from '../books-direction.ts';
import type { DomainChannel } from './channels.ts';
import { id, isoDate as date, yen } from './schema-parts.ts';

/**
 * The `books:` domain: the chart of accounts, the review queue of bank lines, journal entries,
 * rules and exports. contract.ts combines it with the other domains.
 */

export const EXPORT_TARGETS = ['yayoi', 'freee', 'mf'] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

const TITLE_KINDS = ['asset', 'liability', 'equity', 'revenue', 'expense'] as const;
/** 資産・負債・純資産(事業主貸/借)・収益・費用: decides the default tax and the 非課税 label. */
export type TitleKind = (typeof TITLE_KINDS)[number];

/** 課税売上10%, 課税売上8%(軽減), 課対仕入10%, 課対仕入8%(軽減), 非課税, 対象外. */
const TAX_CODES = ['sales10', 'sales8r', 'purchase10', 'purchase8r', 'exempt', 'none'] as const;
export type TaxCode = (typeof TAX_CODES)[number];

/** 部分一致 / 前方一致 / 後方一致 / 完全一致, on the kana-folded remarks. */
const MATCH_KINDS = ['contains', 'prefix', 'suffix', 'exact'] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

/** 推測 (suggest in the queue) or 自動登録 (register without asking). */
const RULE_ACTIONS = ['suggest', 'auto'] as const;
type RuleAction = (typeof RULE_ACTIONS)[number];

/** The standard chart of a 法人 (company) or of a 個人事業主 (sole proprietor). */
const CHART_KINDS = ['corporation', 'sole'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

const REVIEW_STATUSES = ['unreviewed', 'registered', 'ignored'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

const text = (max: number) => z.string().trim().max(max);
const titleCode = z.string().regex(/^[a-z0-9_]{1,40}$/, 'must be a title code');

/** One bank line: the ledger's account id and the bank's itemKey. */
export const LineRef = z.object({ accountId: id, itemKey: z.string().min(1).max(64) }).strict();
export type LineRef = z.infer<typeof LineRef>;

/** A rule's condition and outcome, as the editor sends it (the keyword is checked in the core). */
export const RuleInput = z
  .object({
    keyword: z.string().max(60),
    match: z.enum(MATCH_KINDS),
    /** '1' 入金, '2' 出金; absent: both. */
    type: z.enum(['1', '2']).optional(),
    minAmount: yen.optional(),
    maxAmount: yen.optional(),
    titleCode,
    subTitle: text(40).optional(),
    taxCode: z.enum(TAX_CODES),
    /** Absent: taken from the remarks (ﾌﾘｺﾐ ﾀﾅｶ ﾀﾛｳ → ﾀﾅｶ ﾀﾛｳ). */
    counterparty: text(60).optional(),
    memo: text(100).optional(),
    action: z.enum(RULE_ACTIONS),
  })
  .strict();
export type RuleInput = z.input<typeof RuleInput>;

const lines = z.array(LineRef).min(1).max(1000);

export const BOOKS_ARGS = {
  /** The chart: titles (built-in and the user's, with their 補助科目) and tax categories. */
  'books:chart-get': z.undefined(),
  // Names are checked for length in the core (BOOKS_TITLE_NAME_INVALID, with its fix); the
  // boundary only bounds them.
  /**
   * Uses the standard chart of a 法人 or a 個人事業主 (chosen at 帳簿's first start, changeable):
   * its titles are added; a title of the chart before that it lacks goes only if nothing uses it.
   */
  'books:chart-kind-save': z.object({ kind: z.enum(CHART_KINDS) }).strict(),
  'books:titles-add': z
    .object({
      name: text(100),
      kind: z.enum(TITLE_KINDS),
      defaultTax: z.enum(TAX_CODES),
      labels: z
        .object({ yayoi: text(100), freee: text(100), mf: text(100) })
        .partial()
        .strict(),
    })
    .strict(),
  'books:sub-titles-add': z.object({ titleCode, name: text(100) }).strict(),
  /** Renames the 補助科目 a linked bank account goes by (in its entries and rules too). */
  'books:bank-sub-titles-rename': z.object({ bankAccountId: id, name: text(100) }).strict(),
  /**
   * 帳簿に含める: puts a linked account in the books, or leaves it out (its 未処理 lines leave
   * 仕訳待ち, it is no 補助科目; entries already written stay). Included again, its unreviewed lines
   * wait again.
   */
  'books:accounts-update': z.object({ bankAccountId: id, inBooks: z.boolean() }).strict(),
  /** A date range's entries in a target's import format, saved through the shell. */
  'books:export': z.object({ target: z.enum(EXPORT_TARGETS), dateFrom: date, dateTo: date }).strict(),
  /** How many journal entries a connection's lines produced (asked before 連携解除 deletes data). */
  'books:connection-entries-count': z.object({ connectionId: id }).strict(),
  'books:queue-query': z
    .object({
      status: z.enum(REVIEW_STATUSES).default('unreviewed'),
      accountId: id.optional(),
      /** Part of the remarks (kana-folded as 明細's search): a search answers its own total. */
      text: text(60).optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    })
    .strict(),
  /**
   * Registers lines with one choice; a line already registered the same way answers its entry.
   * With several lines the choice's title and tax apply to each line its direction fits (the
   * others are refused, see shared/books-direction.ts); 取引先 and 摘要 are each line's own unless
   * given here, and a ruleId is recorded only on the lines that rule matches.
   */
  'books:lines-register': z
    .object({
      lines,
      titleCode,
      subTitle: text(40).optional(),
      taxCode: z.enum(TAX_CODES),
      counterparty: text(60).optional(),
      memo: text(100).optional(),
      ruleId: z.number().int().positive().optional(),
    })
    .strict(),
  /** 候補どおりに登録: each line with its own suggestion (lines without one are left 未処理). */
  'books:suggestions-register': z.object({ lines }).strict(),
  /** How many lines dated in a range are 未処理 (出力 says so before exporting). */
  'books:queue-count': z.object({ dateFrom: date, dateTo: date }).strict(),
  /** An own-account transfer: the 出金 line and the 入金 line become one entry. */
  'books:transfers-register': z.object({ from: LineRef, to: LineRef, memo: text(100).optional() }).strict(),
  'books:lines-ignore': z.object({ lines }).strict(),
  /** Back to 未処理: the entry (or the 無視) is removed, the bank line stays as it was. */
  'books:lines-reopen': z.object({ lines }).strict(),
  'books:entries-query': z
    .object({
      dateFrom: date.optional(),
      dateTo: date.optional(),
      titleCode: titleCode.optional(),
      /** Part of the 取引先 or 摘要, as typed (matched without regard to case). */
      text: text(60).optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(200),
    })
    .strict(),
  'books:month-totals-get': z.object({ dateFrom: date.optional(), dateTo: date.optional() }).strict(),
  'books:rules-list': z.undefined(),
  /** How many past lines a rule would match, a few of them, and the rules it meets. */
  'books:rules-preview': RuleInput.extend({ id: z.number().int().positive().optional() }).strict(),
  'books:rules-save': RuleInput.extend({ id: z.number().int().positive().optional() }).strict(),
  'books:rules-delete': z.object({ id: z.number().int().positive() }).strict(),
  /**
   * Runs the 自動登録 rules over the 未処理 lines (the core also does after every sync); lines that
   * pair as an own-account transfer are held for review as 振替 first.
   */
  'books:rules-apply': z.undefined(),
} as const satisfies Record<DomainChannel<'books'>, z.ZodType>;

export interface TitleView {
  code: string;
  name: string;
  kind: TitleKind;
  defaultTax: TaxCode;
  bank: boolean;
  labels: Partial<Record<ExportTarget, string>>;
  builtIn: boolean;
  /** The bank accounts' 補助科目 first (a 預金 title), then the user's. */
  subTitles: string[];
  /** A 預金 title: its linked accounts, each with the 補助科目 it goes by and the bank's description. */
  bankAccounts: { bankAccountId: string; name: string; bankLabel: string; inBooks: boolean }[];
}

export interface TaxCategoryView {
  code: TaxCode;
  name: string;
  rate: number;
}

/** Why a rule's suggestion won: the rules it outranked, each with the reason it lost. */
export interface SuggestionReason {
  ruleId: number;
  match: MatchKind;
  keyword: string;
  outranked: { ruleId: number; keyword: string; why: OutrankReason }[];
}

/** exact > prefix/suffix > contains; then the longer keyword; an amount range; 入金/出金; then the older rule. */
export type OutrankReason = 'match-kind' | 'longer-keyword' | 'amount-range' | 'direction' | 'older-rule';

export interface Suggestion {
  ruleId: number;
  action: RuleAction;
  titleCode: string;
  subTitle?: string;
  taxCode: TaxCode;
  counterparty: string;
  memo: string;
  reason: SuggestionReason;
  /** A starter rule's note on why its title is what it is (books.note.<key> in the renderer). */
  note?: StarterNote;
}

/**
 * A suggestion learned from past registrations (no rule): what registered lines of the same
 * kana-folded remarks — or, failing those, entries of the same 取引先 — were booked as, most often,
 * and how many. Shown and explained like a rule's; never registered without the user.
 */
export interface LearnedSuggestion {
  titleCode: string;
  subTitle?: string;
  taxCode: TaxCode;
  counterparty: string;
  memo: string;
  from: 'remarks' | 'counterparty';
  /** The remarks (as this line prints them) or the 取引先 it was learned from. */
  key: string;
  /** How many registered lines were booked so. */
  lines: number;
}

/** Notes the starter rules carry (main/books/starter-rules.ts). */
export type StarterNote = 'withholding';

export interface QueueLine {
  accountId: string;
  accountLabel: string;
  itemKey: string;
  date: string;
  type: '1' | '2';
  amount: number;
  remarks: string;
  status: ReviewStatus;
  /** 取引先 read from the remarks. */
  counterparty: string;
  suggestion?: Suggestion;
  /** No rule speaks for the line: what lines like it were registered as (never auto-registered). */
  learned?: LearnedSuggestion;
  /** Another account's unreviewed line of the same amount the other way, within two days. */
  transfer?: { accountId: string; accountLabel: string; itemKey: string; date: string };
  entryId?: number;
  /**
   * Registered with others in one go, with a 取引先 that is not the one this line's remarks name:
   * the mark of the old bulk registration that copied the focused line's 取引先 onto every line.
   */
  bulkCounterparty?: { entry: string; remarks: string };
  /** Registered, and the bank later sent this line with other content (kept as registered). */
  changedAtBank?: { date: string; type: '1' | '2'; amount: number; remarks: string };
}

export interface JournalSide {
  titleCode: string;
  subTitle?: string;
  taxCode: TaxCode;
}

export interface JournalEntryView {
  id: number;
  date: string;
  debit: JournalSide;
  credit: JournalSide;
  amount: number;
  counterparty: string;
  memo: string;
  source: 'bank' | 'transfer';
  ruleId?: number;
  /** Set when the bank later sent a line of this entry with other content. */
  changedAtBank?: boolean;
}

export interface RuleView {
  id: number;
  keyword: string;
  match: MatchKind;
  type?: '1' | '2';
  minAmount?: number;
  maxAmount?: number;
  titleCode: string;
  subTitle?: string;
  taxCode: TaxCode;
  counterparty?: string;
  memo?: string;
  action: RuleAction;
  starter: boolean;
}

export interface RulePreview {
  matches: number;
  samples: QueueLine[];
  /** Saved rules whose lines this one would share, and which wins there. */
  overlaps: { ruleId: number; keyword: string; winner: 'this' | 'other'; why: OutrankReason }[];
}

export interface ExportWarning {
  code: 'BOOKS_CHARS_REPLACED' | 'BOOKS_EXPORT_SKIPPED' | 'BOOKS_FIELD_CUT';
  entryId: number;
  /** memo, counterparty, title, subTitle or entry. */
  field: string;
  /** BOOKS_FIELD_CUT: the text 弥生 would cut off. */
  detail: string;
}

/** One file of an export (a vendor's file limit may split an export into several, in order). */
export interface ExportedFile {
  fileName: string;
  entries: number;
  /** The first and last entry dates in the file. */
  dateFrom: string;
  dateTo: string;
  /** Where the Electron shell saved it; absent when the user cancelled. */
  savedTo?: string;
  /** The file (browser shell: the renderer downloads it). */
  base64?: string;
}

export interface ExportResult {
  files: ExportedFile[];
  entries: number;
  warnings: ExportWarning[];
  /** The vendor's stated limit that split the export into `files` (absent: one file). */
  splitBy?: { bytes: number; lines?: number };
  mimeType: string;
}

export interface MonthlyView {
  months: string[];
  /** Per title: the net movement each month (debit − credit for assets/expenses, the reverse otherwise). */
  titles: { titleCode: string; byMonth: number[]; total: number }[];
  /** Per bank account: money in, out, and the balance at the month's end, from the bank lines. */
  accounts: {
    accountId: string;
    accountLabel: string;
    deposits: number[];
    withdrawals: number[];
    balances: (number | null)[];
  }[];
}

/** What the user (or a rule) chose for a line's other side: `books:lines-register` without its lines. */
export interface RegisterChoice {
  titleCode: string;
  subTitle?: string;
  taxCode: TaxCode;
  counterparty?: string;
  memo?: string;
  ruleId?: number;
}

export interface RegisterResult {
  entries: JournalEntryView[];
  /** Lines newly registered by this call (0 when a second click repeated the first). */
  created: number;
  /** A rule the user may save from this registration (the line's remarks, its title and tax). */
  offerRule?: RuleInput;
  /** Lines of a several-line registration the choice does not fit: left in 未処理. */
  refused: (LineRef & { why: DirectionMisfit })[];
}

export interface ApplyRulesResult {
  /** Lines the 自動登録 rules registered. */
  registered: number;
  /** 未処理 lines left with a rule's suggestion (推測 rules, and 自動登録 lines held back). */
  suggested: number;
  /** 未処理 lines held for review as one side of an own-account transfer. */
  transferLines: number;
}

export interface BooksResults {
  /** `kind`: the standard chart in use; null until the owner chooses one. */
  'books:chart-get': { titles: TitleView[]; taxCategories: TaxCategoryView[]; kind: ChartKind | null };
  /** The titles added, and those kept though the chart lacks them (entries or rules use them). */
  'books:chart-kind-save': {
    kind: ChartKind;
    added: { code: string; name: string }[];
    kept: { code: string; name: string }[];
  };
  'books:titles-add': TitleView;
  'books:sub-titles-add': TitleView;
  'books:bank-sub-titles-rename': TitleView;
  /** How many of the account's lines wait in 仕訳待ち now. */
  'books:accounts-update': { unreviewed: number };
  'books:export': ExportResult;
  'books:connection-entries-count': { entries: number };
  'books:queue-query': { total: number; rows: QueueLine[]; counts: Record<ReviewStatus, number> };
  'books:lines-register': RegisterResult;
  'books:suggestions-register': { created: number; skipped: number };
  'books:queue-count': { unreviewed: number };
  'books:transfers-register': JournalEntryView;
  'books:lines-ignore': { count: number };
  'books:lines-reopen': { count: number };
  /** `amount`: the sum of every matching entry's amount, not only the page's. */
  'books:entries-query': { total: number; amount: number; rows: JournalEntryView[] };
  'books:month-totals-get': MonthlyView;
  'books:rules-list': RuleView[];
  'books:rules-preview': RulePreview;
  'books:rules-save': RuleView;
  'books:rules-delete': { deleted: boolean };
  'books:rules-apply': ApplyRulesResult;
}
