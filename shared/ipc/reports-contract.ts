import { z } from 'zod';
import type { TitleKind } from './books-contract.ts';
import type { DomainChannel } from './channels.ts';
import { isoDate as date, yen } from './schema-parts.ts';

/**
 * The `reports:` domain: the books' opening balances (期首残高) and what is read from them and the
 * journal — 残高試算表, 総勘定元帳 and 残高照合 against the bank's balances. contract.ts combines it
 * with the other domains.
 */

const titleCode = z.string().regex(/^[a-z0-9_]{1,40}$/, 'must be a title code');
/** '' is the title itself, without a 補助科目. */
const subTitle = z.string().trim().max(40);

/** Which side of the books a title's balance naturally sits on. */
export type BookSide = 'debit' | 'credit';
/** 貸借対照表 or 損益計算書. */
export type ReportSection = 'bs' | 'pl';

const OpeningBalanceInput = z
  .object({ titleCode, subTitle: subTitle.default(''), debit: yen, credit: yen })
  .strict();

export interface OpeningBalanceRow {
  titleCode: string;
  subTitle: string;
  debit: number;
  credit: number;
}

export interface OpeningBalancesView {
  /** The first day of the fiscal year the books start in; null before any were saved. */
  asOf: string | null;
  rows: OpeningBalanceRow[];
  debitTotal: number;
  creditTotal: number;
}

export interface TrialBalanceRow {
  /** A title's code; `_retained` is the result of the fiscal years before, carried in 純資産. */
  titleCode: string;
  name: string;
  kind: TitleKind;
  side: BookSide;
  /** 前月(期首)繰越, on the title's own side (negative when it sits on the other). */
  carry: number;
  debit: number;
  credit: number;
  balance: number;
}

export interface TrialBalanceView {
  dateFrom: string;
  dateTo: string;
  openingAsOf: string | null;
  sections: { section: ReportSection; rows: TrialBalanceRow[] }[];
  /** Balances of debit-side and credit-side titles, the period's debit and credit sums. */
  totals: {
    carryDebit: number;
    carryCredit: number;
    debit: number;
    credit: number;
    balanceDebit: number;
    balanceCredit: number;
  };
  balanced: boolean;
}

interface LedgerRow {
  entryId: number;
  date: string;
  /** 相手科目: the other side's title, or null for 諸口 (several titles). */
  counterTitle: string | null;
  counterName: string | null;
  counterparty: string;
  memo: string;
  debit: number;
  credit: number;
  balance: number;
}

export interface LedgerView {
  titleCode: string;
  name: string;
  subTitle: string | null;
  side: BookSide;
  dateFrom: string;
  dateTo: string;
  carry: number;
  total: number;
  debitTotal: number;
  creditTotal: number;
  closing: number;
  rows: LedgerRow[];
}

export interface CsvFile {
  fileName: string;
  mimeType: string;
  /** UTF-8 with a BOM (Excel opens it as UTF-8), base64. */
  base64: string;
}

export interface ReconciliationLine {
  date: string;
  type: '1' | '2';
  amount: number;
  remarks: string;
  balance: number;
  /** Registered in the books. */
  booked: boolean;
  /** The bank's balance does not follow from the previous line's: a line is missing or doubled. */
  chainBreak: boolean;
}

export interface ReconciliationDay {
  date: string;
  bankBalance: number;
  ledgerBalance: number;
  /** Net of the lines up to this day not registered (未処理・無視): expected to differ. */
  notBooked: number;
  /** bank − ledger − notBooked: what nothing in the app explains. */
  unexplained: number;
}

interface ReconciliationAccount {
  accountId: string;
  label: string;
  titleCode: string;
  lastDate: string | null;
  bankBalance: number | null;
  ledgerBalance: number;
  notBooked: number;
  unexplained: number;
  /** The days the unexplained difference changed (the first 50). */
  changes: ReconciliationDay[];
  /** The lines of the first such day, the day before and the day after it. */
  around: ReconciliationLine[];
}

export interface ReconciliationView {
  openingAsOf: string | null;
  accounts: ReconciliationAccount[];
}

const period = { dateFrom: date, dateTo: date };

export const REPORTS_ARGS = {
  'reports:opening-balances-get': z.undefined(),
  /** Replaces the whole set; refused unless debits equal credits (BOOKS_OPENING_UNBALANCED). */
  'reports:opening-balances-save': z
    .object({ asOf: date, rows: z.array(OpeningBalanceInput).max(500) })
    .strict(),
  'reports:trial-balance-get': z.object(period).strict(),
  'reports:trial-balance-export': z.object(period).strict(),
  'reports:ledger-query': z
    .object({
      ...period,
      titleCode,
      subTitle: subTitle.optional(),
      offset: z.number().int().min(0).max(1e9),
      limit: z.number().int().min(1).max(1000),
    })
    .strict(),
  'reports:ledger-export': z.object({ ...period, titleCode, subTitle: subTitle.optional() }).strict(),
  'reports:reconciliation-get': z.undefined(),
} as const satisfies Record<DomainChannel<'reports'>, z.ZodType>;

export interface ReportsResults {
  'reports:opening-balances-get': OpeningBalancesView;
  'reports:opening-balances-save': OpeningBalancesView;
  'reports:trial-balance-get': TrialBalanceView;
  'reports:trial-balance-export': CsvFile;
  'reports:ledger-query': LedgerView;
  'reports:ledger-export': CsvFile;
  'reports:reconciliation-get': ReconciliationView;
}
