import type { AppDatabase } from '../app-database.ts';
import { BankLines, type BankLine, type LineKind } from './bank-lines.ts';
import { BankSubTitleStore } from './bank-sub-title-store.ts';
import { BatchRegistration, type KindOutcome } from './batch-registration.ts';
import { CounterpartyStore } from './counterparty-store.ts';
import { EntryStore } from './entry-store.ts';
import { JournalQueries } from './journal-queries.ts';
import { queuedLinesOfKind } from './kind-lines.ts';
import { OpeningBalanceStore } from './opening-balance-store.ts';
import { ReportQueries } from './report-queries.ts';
import { ReviewStore } from './review-store.ts';
import { RuleScratch } from './rule-scratch.ts';
import { RuleStore } from './rule-store.ts';
import { SettlementStore } from './settlement-store.ts';
import { TitleStore } from './title-store.ts';

/** The books' stores over one database handle, as the bookkeeping services take them. */
export interface BooksStores {
  titles: TitleStore;
  rules: RuleStore;
  entries: EntryStore;
  reviews: ReviewStore;
  journal: JournalQueries;
  lines: BankLines;
  counterparties: CounterpartyStore;
  /** 期首残高 and the reports' reads (試算表, 元帳, 残高照合). */
  opening: OpeningBalanceStore;
  reports: ReportQueries;
  /** 消込's links between settling entries and the 売掛金/買掛金 items they settle. */
  settlements: SettlementStore;
  /**
   * Rule application's set-based writes for one set of decisions, never touching the scratch's
   * held lines (batch-registration.ts).
   */
  batchRegistration(
    byAmount: boolean,
    outcomes: readonly KindOutcome[],
    scratch: RuleScratch,
  ): BatchRegistration;
  /** A rule application's transfer candidates and held lines, off the JS heap (rule-scratch.ts). */
  ruleScratch(): RuleScratch;
  /** The 未処理 lines of a kind, for a rule with fixed lines (kind-lines.ts). */
  queuedOfKind(kind: LineKind, byAmount: boolean): BankLine[];
  /** Runs `fn` in one SQLite transaction: all of its writes, or none. */
  transaction<T>(fn: () => T): T;
}

export function openBooksStores(db: AppDatabase): BooksStores {
  const rules = new RuleStore(db);
  return {
    titles: new TitleStore(db),
    rules,
    entries: new EntryStore(db),
    reviews: new ReviewStore(db),
    journal: new JournalQueries(db),
    lines: new BankLines(db, new BankSubTitleStore(db, rules)),
    counterparties: new CounterpartyStore(db),
    opening: new OpeningBalanceStore(db),
    reports: new ReportQueries(db),
    settlements: new SettlementStore(db),
    batchRegistration: (byAmount, outcomes, scratch) =>
      new BatchRegistration(db, byAmount, outcomes, scratch),
    ruleScratch: () => new RuleScratch(db),
    queuedOfKind: (kind, byAmount) => queuedLinesOfKind(db, kind, byAmount),
    transaction: (fn) => db.transaction(fn)(),
  };
}
