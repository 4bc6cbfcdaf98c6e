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
/**
 * The format of one exported file: its target's, or (freee) its 仕訳 import's, where an export to
 * freee writes the compound entries its 取引 import cannot hold (main/books/export/freee-journal-format.ts).
 */
export type ExportFileFormat = ExportTarget | 'freee-journal';

const TITLE_KINDS = ['asset', 'liability', 'equity', 'revenue', 'expense'] as const;
/** 資産・負債・純資産(事業主貸/借)・収益・費用: decides the default tax and the 非課税 label. */
export type TitleKind = (typeof TITLE_KINDS)[number];

/**
 * 課税売上10%, 課税売上8%(軽減), 課対仕入10%, 課対仕入8%(軽減), 非課税, 対象外; then the transitional
 * 課対仕入 for sellers who are not registered issuers, by the share of tax still credited
 * (`purchase10_70`: 課対仕入10% 控除70%), each in force on its dates only (shared/tax-periods.ts).
 */
const TAX_CODES = [
  'sales10',
  'sales8r',
  'purchase10',
  'purchase8r',
  'exempt',
  'none',
  'purchase10_80',
  'purchase10_70',
  'purchase10_50',
  'purchase10_30',
  'purchase8r_80',
  'purchase8r_70',
  'purchase8r_50',
  'purchase8r_30',
] as const;
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

/** The titles whose items are settled (消込): 売掛金 and 買掛金. */
const SETTLED_TITLES = ['receivables', 'payables'] as const;
export type SettledTitle = (typeof SETTLED_TITLES)[number];
const titleCode = z.string().regex(/^[a-z0-9_]{1,40}$/, 'must be a title code');

const ENTRY_SIDES = ['debit', 'credit'] as const;
export type EntrySide = (typeof ENTRY_SIDES)[number];

/** One bank line: the ledger's account id and the bank's itemKey. */
export const LineRef = z.object({ accountId: id, itemKey: z.string().min(1).max(64) }).strict();
export type LineRef = z.infer<typeof LineRef>;

/** A rule's condition and outcome, as the editor sends it (the keyword is checked in the core). */
/**
 * A rule's fixed line: a 勘定科目 and amount written beside the rule's title on every line it
 * applies to. `bank`: on the 預金's side, the title taking the line's amount plus it (a 入金 of
 * ¥109,560 the customer kept ¥440 of: 普通預金 109,560 + 支払手数料 440 / 売上高 110,000);
 * `title`: split off the title's side, the title taking the line's amount less it (a 出金 of
 * ¥100,440: 地代家賃 100,000 + 支払手数料 440 / 普通預金 100,440).
 */
const FixedLine = z
  .object({
    place: z.enum(['bank', 'title']),
    titleCode,
    subTitle: text(40).optional(),
    taxCode: z.enum(TAX_CODES),
    amount: z.number().int().positive().max(1e13),
  })
  .strict();
export type FixedLine = z.output<typeof FixedLine>;

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
    /** 複合仕訳: fixed lines beside the rule's title (main/books/rule-lines.ts). */
    fixedLines: z.array(FixedLine).max(9).optional(),
  })
  .strict();
export type RuleInput = z.input<typeof RuleInput>;

const lines = z.array(LineRef).min(1).max(1000);

/** What an entry says, as a correction or a 振替伝票 gives it. */
export const EntryContent = z
  .object({
    date,
    lines: z
      .array(
        z
          .object({
            side: z.enum(ENTRY_SIDES),
            titleCode,
            subTitle: text(40).optional(),
            taxCode: z.enum(TAX_CODES),
            amount: yen,
          })
          .strict(),
      )
      .min(2)
      .max(100),
    counterparty: text(60).default(''),
    memo: text(100).default(''),
  })
  .strict();
export type EntryContent = z.output<typeof EntryContent>;

/** Why an entry was corrected or deleted (kept in its history). */
const reason = text(200).pipe(z.string().min(1, 'a reason is required'));

/** The 仕訳帳's search: 取引日, amount and 取引先 ranges, any of them combined. */
const EntryFilter = z
  .object({
    dateFrom: date.optional(),
    dateTo: date.optional(),
    titleCode: titleCode.optional(),
    /** Part of the 取引先 or 摘要, as typed (matched without regard to case). */
    text: text(60).optional(),
    /** Part of the 取引先 only. */
    counterparty: text(60).optional(),
    /** The entry's amount (its debit total), bounds included. */
    amountMin: yen.optional(),
    amountMax: yen.optional(),
  })
  .strict();
export type EntryFilter = z.output<typeof EntryFilter>;

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
  'books:entries-query': EntryFilter.extend({
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(200),
  }).strict(),
  /** The entries a search finds, as a CSV file (UTF-8 with BOM), one line per entry line. */
  'books:entries-export': EntryFilter,
  /** A 振替伝票 typed by hand: no bank line, any number of lines, debits equal to credits. */
  'books:entries-add': EntryContent,
  /** 修正: a new version of the entry, the old kept with the time and the reason. */
  'books:entries-update': z
    .object({ id: z.number().int().positive(), content: EntryContent, reason })
    .strict(),
  /** 削除: a deleted version, the old kept with the time and the reason. */
  'books:entries-delete': z.object({ id: z.number().int().positive(), reason }).strict(),
  /** Every version of an entry, oldest first. */
  'books:entry-history-get': z.object({ id: z.number().int().positive() }).strict(),
  /**
   * A bank line registered as a compound entry: its account's 預金 takes the line's amount on
   * its side, `lines` are the others (e.g. 売掛金 110,000 credit and 支払手数料 440 debit against
   * 普通預金 109,560); debits must equal credits.
   */
  'books:split-register': z
    .object({
      line: LineRef,
      lines: EntryContent.shape.lines.element.array().min(1).max(99),
      counterparty: text(60).optional(),
      memo: text(100).optional(),
      /**
       * 消込: the open 売掛金 (買掛金) items these lines settle, and how much of each; their sum must
       * be what the lines credit to 売掛金 (debit to 買掛金), or nothing is written.
       */
      settles: z
        .object({
          titleCode: z.enum(SETTLED_TITLES),
          items: z
            .array(
              z
                .object({
                  entryId: z.number().int().positive(),
                  amount: z.number().int().positive().max(1e13),
                })
                .strict(),
            )
            .min(1)
            .max(50),
        })
        .strict()
        .optional(),
    })
    .strict(),
  /** 未消込: the 売掛金 (買掛金) items per 取引先, what raised them and what settled them. */
  'books:open-items-get': z
    .object({ titleCode: z.enum(SETTLED_TITLES), includeSettled: z.boolean().default(false) })
    .strict(),
  'books:month-totals-get': z.object({ dateFrom: date.optional(), dateTo: date.optional() }).strict(),
  'books:rules-list': z.undefined(),
  /** How many past lines a rule would match, a few of them, and the rules it meets. */
  'books:rules-preview': RuleInput.extend({ id: z.number().int().positive().optional() }).strict(),
  'books:rules-save': RuleInput.extend({ id: z.number().int().positive().optional() }).strict(),
  'books:rules-delete': z.object({ id: z.number().int().positive() }).strict(),
  /** 取引先: each with whether it is a registered issuer and the remarks that name it. */
  'books:counterparties-list': z.undefined(),
  /**
   * Adds (no id) or edits a 取引先. The registration number is checked in the core
   * (BOOKS_INVOICE_NUMBER_INVALID, with its fix); `registered` null is 未確認.
   */
  'books:counterparties-save': z
    .object({
      id: z.number().int().positive().optional(),
      name: z.string().trim().min(1).max(60),
      registered: z.boolean().nullable(),
      invoiceNumber: z.string().trim().max(20).optional(),
    })
    .strict(),
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
  /** A rule with fixed lines: every line but the bank's, as this line's entry would have them. */
  lines?: JournalLine[];
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
  /**
   * Whether the 取引先 this line's remarks were learned for (or its name) is a registered issuer:
   * false moves a 課対仕入 to the transitional category of the line's date (shared/tax-periods.ts).
   */
  seller?: { name: string; registered: boolean | null };
  suggestion?: Suggestion;
  /** No rule speaks for the line: what lines like it were registered as (never auto-registered). */
  learned?: LearnedSuggestion;
  /** Another account's unreviewed line of the same amount the other way, within two days. */
  transfer?: { accountId: string; accountLabel: string; itemKey: string; date: string };
  entryId?: number;
  /** Registered: the entry's current lines (登録済 shows the booked 勘定科目). */
  booked?: JournalLine[];
  /** 消込: the open 売掛金 (a 入金) or 買掛金 (a 出金) of the line's 取引先 it most likely settles. */
  settlement?: SettlementProposal;
  /**
   * Registered with others in one go, with a 取引先 that is not the one this line's remarks name:
   * the mark of the old bulk registration that copied the focused line's 取引先 onto every line.
   */
  bulkCounterparty?: { entry: string; remarks: string };
  /** Registered, and the bank later sent this line with other content (kept as registered). */
  changedAtBank?: { date: string; type: '1' | '2'; amount: number; remarks: string };
}

/**
 * What a bank line most likely settles among its 取引先's open items: one of exactly its amount
 * (exact), all of them when they sum to it (all), one it is short of by a fee's worth — a 入金 only,
 * settled in full with the 差額 as 支払手数料 (short) — or part of the oldest larger one (partial,
 * the rest left open).
 */
export interface SettlementProposal {
  titleCode: SettledTitle;
  counterparty: string;
  kind: 'exact' | 'all' | 'short' | 'partial';
  /** Each item settled: its entry, date and 摘要, what it has open and what this line settles. */
  items: { entryId: number; date: string; memo: string; open: number; amount: number }[];
  /** short: the 差額 the payer kept. */
  difference: number;
  /** The lines beside the bank line's: the title per item settled, the 差額 as 支払手数料. */
  lines: JournalLine[];
}

/** 消込 as a registration sends it: the items its lines settle, and how much of each. */
export interface Settles {
  titleCode: SettledTitle;
  items: { entryId: number; amount: number }[];
}

/** One 売掛金 (買掛金) item: the entry that raised it, what settled it and what is open. */
interface OpenItemView {
  entryId: number;
  date: string;
  counterparty: string;
  memo: string;
  amount: number;
  open: number;
  settledBy: { entryId: number; date: string; amount: number }[];
}

export interface OpenItemsView {
  titleCode: SettledTitle;
  /** Oldest first; settled ones only when asked for. */
  items: OpenItemView[];
  /** Per 取引先: its open total, and what it paid beyond its open items (unapplied). */
  counterparties: { counterparty: string; open: number; items: number; unapplied: number }[];
  open: number;
}

export interface JournalSide {
  titleCode: string;
  subTitle?: string;
  taxCode: TaxCode;
}

/** One line of an entry: a side, its 勘定科目, 補助科目, 税区分 and amount. */
export interface JournalLine extends JournalSide {
  side: EntrySide;
  amount: number;
}

/** Where an entry came from: a bank line, an own-account transfer, or a 振替伝票 typed by hand. */
export type EntrySource = 'bank' | 'transfer' | 'manual';

/** An entry's current version. */
export interface JournalEntryView {
  id: number;
  /** 取引日. */
  date: string;
  /** 記帳日: the JST date the entry was first registered. */
  recordedOn: string;
  /** 遅延入力: registered more than two months after its 取引日. */
  late?: boolean;
  /** 1 as registered; each correction adds one. */
  version: number;
  /** Debits first, each side in the order they were written. */
  lines: JournalLine[];
  /** The debit total (which equals the credit total). */
  amount: number;
  counterparty: string;
  memo: string;
  source: EntrySource;
  ruleId?: number;
  /** Set when the bank later sent a line of this entry with other content. */
  changedAtBank?: boolean;
}

/** The reason a version says when its line went back to 未処理 (the renderer shows it translated). */
export const REOPEN_REASON = '未処理に戻した';

/** One version of an entry as its history shows it (the deleted one has no lines). */
export interface EntryVersionView {
  version: number;
  change: 'registered' | 'corrected' | 'deleted';
  /** When it was written (ISO 8601 UTC), and why (a correction's or deletion's reason). */
  writtenAt: string;
  reason: string;
  date: string;
  counterparty: string;
  memo: string;
  lines: JournalLine[];
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
  fixedLines?: FixedLine[];
}

/** A listed rule as `books:rules-save` takes it back: all of it but whether it came with the app. */
export function ruleAsSaved(rule: RuleView): RuleInput & { id: number } {
  const saved: RuleInput & { id: number; starter?: boolean } = { ...rule };
  delete saved.starter;
  return saved;
}

export interface RulePreview {
  matches: number;
  samples: QueueLine[];
  /** Saved rules whose lines this one would share, and which wins there. */
  overlaps: { ruleId: number; keyword: string; winner: 'this' | 'other'; why: OutrankReason }[];
}

export interface ExportWarning {
  code: 'BOOKS_CHARS_REPLACED' | 'BOOKS_EXPORT_SKIPPED' | 'BOOKS_FIELD_CUT' | 'BOOKS_TAX_LABEL_UNCONFIRMED';
  entryId: number;
  /** memo, counterparty, title, subTitle or entry. */
  field: string;
  /** BOOKS_FIELD_CUT: the text 弥生 would cut off; BOOKS_TAX_LABEL_UNCONFIRMED: the label written. */
  detail: string;
}

/** One file of an export (a vendor's file limit may split an export into several, in order). */
export interface ExportedFile {
  fileName: string;
  /** Which import reads it (freee: 取引 or 仕訳). */
  format: ExportFileFormat;
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

/** A 取引先 as the 取引先 screen lists it. */
export interface CounterpartyView {
  id: number;
  name: string;
  /** 適格請求書発行事業者: true, false, or null (未確認, booked as registered). */
  registered: boolean | null;
  /** `T` + 13 digits. */
  invoiceNumber?: string;
  /** The bank remarks (kana-folded, as rules match them) that name it, learned from the queue. */
  remarks: string[];
}

export interface ApplyRulesResult {
  /** Lines the 自動登録 rules registered. */
  registered: number;
  /** 未処理 lines left with a rule's suggestion (推測 rules, and 自動登録 lines held back). */
  suggested: number;
  /** 未処理 lines held for review as one side of an own-account transfer. */
  transferLines: number;
  /**
   * 未処理 lines held for review as the payment of an open 売掛金 (a 入金) or 買掛金 (a 出金) of their
   * 取引先 — its amount, all of them, or short by a fee —, which the panel proposes to settle (消込).
   */
  settlementLines: number;
  /** 未処理 lines a rule with fixed lines won but left for review: the fixed parts exceed the amount. */
  tooSmall: number;
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
  'books:entries-export': { fileName: string; entries: number; base64: string; mimeType: string };
  'books:entries-add': JournalEntryView;
  'books:entries-update': JournalEntryView;
  'books:entries-delete': { id: number; version: number };
  'books:entry-history-get': EntryVersionView[];
  'books:split-register': JournalEntryView;
  'books:open-items-get': OpenItemsView;
  'books:month-totals-get': MonthlyView;
  'books:rules-list': RuleView[];
  'books:rules-preview': RulePreview;
  'books:rules-save': RuleView;
  'books:rules-delete': { deleted: boolean };
  'books:rules-apply': ApplyRulesResult;
  'books:counterparties-list': CounterpartyView[];
  'books:counterparties-save': CounterpartyView;
}
