import type { Database, Statement } from 'better-sqlite3';
import { foldKana } from '../../shared/kana.ts';
import type {
  ExportTarget,
  JournalEntryView,
  JournalSide,
  RuleInput,
  TaxCode,
  TitleKind,
} from '../../shared/ipc/books-contract.ts';
import { BUILT_IN_TITLES, type AccountTitle } from './chart.ts';
import type { BankLine } from './bank-lines.ts';
import { BatchRegistration, type KindOutcome, type QueueKey } from './batch-registration.ts';
import type { Rule } from './rule-matcher.ts';
import { STARTER_RULES } from './starter-rules.ts';

/**
 * The books' own tables (migrations 9 and 10 in store/migrations/): the user's titles and
 * 補助科目, rules, journal entries and line reviews. Writes nothing else; reads the bank's rows only
 * through bank-lines.ts.
 */

/** An entry before it has an id. */
export type NewEntry = Omit<JournalEntryView, 'id' | 'changedAtBank'>;

interface EntryRow {
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
const ENTRY_SELECT = `SELECT e.*, EXISTS (SELECT 1 FROM line_reviews r JOIN bank_line_changes c
    ON c.bank_account_id = r.bank_account_id AND c.item_key = r.item_key WHERE r.entry_id = e.id) AS changed
  FROM journal_entries e`;

interface RuleRow {
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

const toRule = (r: RuleRow): StoredRule => ({
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

export class BooksStore {
  private readonly db: Database;
  private readonly insertEntry: Statement;
  private readonly insertReview: Statement;
  private readonly dequeue: Statement;
  private rulesCache: StoredRule[] | undefined;

  constructor(db: Database) {
    this.db = db;
    this.insertEntry = db.prepare(
      `INSERT INTO journal_entries (entry_date, debit_title, debit_sub, debit_tax, credit_title, credit_sub,
         credit_tax, amount, counterparty, memo, source, rule_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    );
    this.insertReview = db.prepare(
      `INSERT INTO line_reviews (bank_account_id, item_key, status, entry_id, line_date, line_type, line_amount,
         line_remarks, reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.dequeue = db.prepare(
      `DELETE FROM books_queue WHERE item_key = ?
         AND account_id IN (SELECT id FROM accounts WHERE bank_account_id = ?)`,
    );
    this.seedStarterRules();
  }

  /** A new ledger gets the starter rules once; rules the user deleted stay deleted. */
  private seedStarterRules(): void {
    const state = this.db.prepare('SELECT starters_seeded FROM books_state WHERE id = 1').get() as {
      starters_seeded: number;
    };
    if (state.starters_seeded) return;
    this.db.transaction(() => {
      for (const rule of STARTER_RULES) this.insertRule(rule, true);
      this.db.prepare('UPDATE books_state SET starters_seeded = 1 WHERE id = 1').run();
    })();
  }

  // --- titles ---

  titles(): AccountTitle[] {
    const own = this.db.prepare('SELECT * FROM book_titles ORDER BY id').all() as Record<
      string,
      string | number | null
    >[];
    return [
      ...BUILT_IN_TITLES,
      ...own.map((r): AccountTitle => {
        const labels: Partial<Record<ExportTarget, string>> = {};
        if (r.label_yayoi) labels.yayoi = String(r.label_yayoi);
        if (r.label_freee) labels.freee = String(r.label_freee);
        if (r.label_mf) labels.mf = String(r.label_mf);
        return {
          code: `u${r.id}`,
          name: String(r.name),
          kind: r.kind as TitleKind,
          defaultTax: r.default_tax as TaxCode,
          labels,
          builtIn: false,
        };
      }),
    ];
  }

  addTitle(input: {
    name: string;
    kind: TitleKind;
    defaultTax: TaxCode;
    labels: Partial<Record<ExportTarget, string>>;
  }): string {
    const { id } = this.db
      .prepare(
        `INSERT INTO book_titles (name, kind, default_tax, label_yayoi, label_freee, label_mf, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      )
      .get(
        input.name,
        input.kind,
        input.defaultTax,
        input.labels.yayoi || null,
        input.labels.freee || null,
        input.labels.mf || null,
        new Date().toISOString(),
      ) as { id: number };
    return `u${id}`;
  }

  subTitles(): Map<string, string[]> {
    const map = new Map<string, string[]>();
    for (const r of this.db
      .prepare('SELECT title_code, name FROM book_sub_titles ORDER BY title_code, name')
      .all() as { title_code: string; name: string }[]) {
      map.set(r.title_code, [...(map.get(r.title_code) ?? []), r.name]);
    }
    return map;
  }

  addSubTitle(titleCode: string, name: string): void {
    this.db
      .prepare('INSERT OR IGNORE INTO book_sub_titles (title_code, name) VALUES (?, ?)')
      .run(titleCode, name);
  }

  // --- rules ---

  rules(): StoredRule[] {
    this.rulesCache ??= (this.db.prepare('SELECT * FROM book_rules ORDER BY id').all() as RuleRow[]).map(
      toRule,
    );
    return this.rulesCache;
  }

  insertRule(input: RuleInput, starter = false): number {
    this.rulesCache = undefined;
    const { id } = this.db
      .prepare(
        `INSERT INTO book_rules (keyword, folded, match, type, min_amount, max_amount, title_code, sub_title, tax_code,
           counterparty, memo, action, starter, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      )
      .get(...this.ruleValues(input), starter ? 1 : 0, new Date().toISOString()) as { id: number };
    return id;
  }

  updateRule(id: number, input: RuleInput): boolean {
    this.rulesCache = undefined;
    return (
      this.db
        .prepare(
          `UPDATE book_rules SET keyword = ?, folded = ?, match = ?, type = ?, min_amount = ?, max_amount = ?,
             title_code = ?, sub_title = ?, tax_code = ?, counterparty = ?, memo = ?, action = ? WHERE id = ?`,
        )
        .run(...this.ruleValues(input), id).changes === 1
    );
  }

  deleteRule(id: number): boolean {
    this.rulesCache = undefined;
    return this.db.prepare('DELETE FROM book_rules WHERE id = ?').run(id).changes === 1;
  }

  private ruleValues(input: RuleInput): (string | number | null)[] {
    return [
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
  }

  // --- entries and reviews ---

  /** An entry and the reviews of its lines; the caller runs it inside its transaction. */
  addEntry(entry: NewEntry, lines: readonly BankLine[], at: string): number {
    const { id } = this.insertEntry.get(
      entry.date,
      ...sideColumns(entry.debit),
      ...sideColumns(entry.credit),
      entry.amount,
      entry.counterparty,
      entry.memo,
      entry.source,
      entry.ruleId ?? null,
      at,
    ) as { id: number };
    for (const line of lines) this.review(line, 'registered', id, at);
    return id;
  }

  /** A line reviewed: its review written, and the line out of the 未処理 queue (migration 11). */
  review(line: BankLine, status: 'registered' | 'ignored', entryId: number | null, at: string): void {
    this.insertReview.run(
      line.bankAccountId,
      line.itemKey,
      status,
      entryId,
      line.date,
      line.type,
      line.amount,
      line.remarks,
      at,
    );
    this.dequeue.run(line.itemKey, line.bankAccountId);
  }

  reviewOf(
    line: Pick<BankLine, 'bankAccountId' | 'itemKey'>,
  ): { status: 'registered' | 'ignored'; entryId: number | null } | undefined {
    const row = this.db
      .prepare(
        'SELECT status, entry_id AS entryId FROM line_reviews WHERE bank_account_id = ? AND item_key = ?',
      )
      .get(line.bankAccountId, line.itemKey) as
      { status: 'registered' | 'ignored'; entryId: number | null } | undefined;
    return row;
  }

  /** Back to 未処理: the review goes, and the entry with it (a transfer's other line too). */
  reopen(line: Pick<BankLine, 'bankAccountId' | 'itemKey'>): boolean {
    const review = this.reviewOf(line);
    if (!review) return false;
    if (review.entryId !== null)
      this.db.prepare('DELETE FROM journal_entries WHERE id = ?').run(review.entryId);
    this.db
      .prepare('DELETE FROM line_reviews WHERE bank_account_id = ? AND item_key = ?')
      .run(line.bankAccountId, line.itemKey);
    return true;
  }

  entry(id: number): JournalEntryView | undefined {
    const row = this.db.prepare(`${ENTRY_SELECT} WHERE e.id = ?`).get(id) as EntryRow | undefined;
    return row && toEntryView(row);
  }

  /** The bank's later version of a line, when the bank sent it again otherwise. */
  changeOf(
    line: Pick<BankLine, 'bankAccountId' | 'itemKey'>,
  ): { date: string; type: '1' | '2'; amount: number; remarks: string } | undefined {
    return this.db
      .prepare(
        `SELECT line_date AS date, line_type AS type, line_amount AS amount, line_remarks AS remarks
         FROM bank_line_changes WHERE bank_account_id = ? AND item_key = ?`,
      )
      .get(line.bankAccountId, line.itemKey) as
      { date: string; type: '1' | '2'; amount: number; remarks: string } | undefined;
  }

  entries(
    filter: { dateFrom?: string; dateTo?: string; titleCode?: string; text?: string },
    offset: number,
    limit: number,
  ): { total: number; amount: number; rows: JournalEntryView[] } {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (filter.dateFrom) {
      where.push('e.entry_date >= ?');
      params.push(filter.dateFrom);
    }
    if (filter.dateTo) {
      where.push('e.entry_date <= ?');
      params.push(filter.dateTo);
    }
    if (filter.titleCode) {
      where.push('(e.debit_title = ? OR e.credit_title = ?)');
      params.push(filter.titleCode, filter.titleCode);
    }
    if (filter.text) {
      // instr, not LIKE: a typed % or _ is a character to find, not a pattern.
      where.push('(instr(lower(e.counterparty), lower(?)) > 0 OR instr(lower(e.memo), lower(?)) > 0)');
      params.push(filter.text, filter.text);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const { n, amount } = this.db
      .prepare(`SELECT count(*) AS n, coalesce(sum(e.amount), 0) AS amount FROM journal_entries e ${clause}`)
      .get(...params) as { n: number; amount: number };
    const rows = this.db
      .prepare(`${ENTRY_SELECT} ${clause} ORDER BY e.entry_date, e.id LIMIT ? OFFSET ?`)
      .all(...params, limit, offset) as EntryRow[];
    return { total: n, amount, rows: rows.map(toEntryView) };
  }

  /** Every entry of a range, oldest first, for an export (no change flag: a file has no place for it). */
  entriesForExport(dateFrom: string, dateTo: string): JournalEntryView[] {
    return (
      this.db
        .prepare(
          'SELECT e.*, 0 AS changed FROM journal_entries e WHERE e.entry_date BETWEEN ? AND ? ORDER BY e.entry_date, e.id',
        )
        .all(dateFrom, dateTo) as EntryRow[]
    ).map(toEntryView);
  }

  /** Debit and credit sums per title and month. */
  monthlyTitleSums(
    dateFrom: string,
    dateTo: string,
  ): { month: string; titleCode: string; debit: number; credit: number }[] {
    return this.db
      .prepare(
        `SELECT month, title AS titleCode, sum(debit) AS debit, sum(credit) AS credit FROM (
           SELECT substr(entry_date, 1, 7) AS month, debit_title AS title, amount AS debit, 0 AS credit
             FROM journal_entries WHERE entry_date BETWEEN @from AND @to
           UNION ALL
           SELECT substr(entry_date, 1, 7), credit_title, 0, amount
             FROM journal_entries WHERE entry_date BETWEEN @from AND @to)
         GROUP BY month, title ORDER BY month, title`,
      )
      .all({ from: dateFrom, to: dateTo }) as {
      month: string;
      titleCode: string;
      debit: number;
      credit: number;
    }[];
  }

  /** How many entries came from lines of these bank accounts. */
  entriesOfAccounts(bankAccountIds: readonly string[]): number {
    if (bankAccountIds.length === 0) return 0;
    const { n } = this.db
      .prepare(
        `SELECT count(DISTINCT entry_id) AS n FROM line_reviews
         WHERE status = 'registered' AND bank_account_id IN (${bankAccountIds.map(() => '?').join(',')})`,
      )
      .get(...bankAccountIds) as { n: number };
    return n;
  }

  /**
   * Rule application's set-based writes, for one set of decisions, never touching the `held`
   * lines (batch-registration.ts).
   */
  batchRegistration(
    byAmount: boolean,
    outcomes: readonly KindOutcome[],
    held: readonly QueueKey[] = [],
  ): BatchRegistration {
    return new BatchRegistration(this.db, byAmount, outcomes, held);
  }

  /**
   * Whether an entry was written in one registration with another: one call writes its entries
   * under one created_at and with consecutive ids, so a neighbour by id with the same timestamp
   * tells (two primary-key probes, no scan).
   */
  registeredTogether(entryId: number): boolean {
    return (
      this.db
        .prepare(
          `SELECT 1 FROM journal_entries e JOIN journal_entries n ON n.id IN (e.id - 1, e.id + 1)
           WHERE e.id = ? AND n.created_at = e.created_at AND n.source = 'bank'`,
        )
        .get(entryId) !== undefined
    );
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
