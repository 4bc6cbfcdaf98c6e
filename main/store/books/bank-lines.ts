import type { Statement } from 'better-sqlite3';
import type { ReviewStatus } from '../../../shared/ipc/books-contract.ts';
import type { AppDatabase } from '../app-database.ts';
import type { BankSubTitleStore } from './bank-sub-title-store.ts';

/**
 * The books' window on the bank's rows: the queries by which bookkeeping reads the `transactions`,
 * `accounts` and `connections` tables (with the books' queue and reviews they join), and nothing
 * here writes them. batch-registration.ts's statements join them too; no module outside
 * main/store/ names a bank table (test/books/store-boundary.test.ts).
 */

export interface BankAccountInfo {
  id: number;
  bankAccountId: string;
  connectionId: string;
  /** `本店営業部 5001001`: the 補助科目 of the account's 預金 title (bank-sub-title-store.ts). */
  label: string;
  /** `デモ信用金庫 本店営業部 普通預金 5001001`: the account as the bank describes it. */
  bankLabel: string;
  /** 当座 accounts are 当座預金, every other kind 普通預金. */
  bankTitle: 'ordinary_deposit' | 'checking_deposit';
  /** False: left out of the books (帳簿に含めない, migration 19): no 未処理 lines, no 補助科目. */
  inBooks: boolean;
}

export interface BankLine {
  accountId: number;
  bankAccountId: string;
  itemKey: string;
  date: string;
  type: '1' | '2';
  amount: number;
  remarks: string;
  remarksFolded: string;
}

export const LINE_COLUMNS = `t.account_id AS accountId, a.bank_account_id AS bankAccountId, t.item_key AS itemKey,
  t.transaction_date AS date, t.type, t.amount, t.remarks, t.remarks_folded AS remarksFolded`;

const NOT_REVIEWED = `NOT EXISTS (SELECT 1 FROM line_reviews r
  WHERE r.bank_account_id = a.bank_account_id AND r.item_key = t.item_key)`;

/** The ledger's ids of the accounts left out of the books (SQL, for `t.account_id NOT IN`). */
const EXCLUDED_IDS = `(SELECT a.id FROM accounts a JOIN book_excluded_accounts x USING (bank_account_id))`;

/** What the rule matcher and a rule's entry look at in a line (batch-registration.ts). */
export interface LineKind {
  accountId: number;
  remarks: string;
  remarksFolded: string;
  type: '1' | '2';
  /** The kind's amount when amounts decide (some rule has a range); else 0, for every line. */
  amount: number;
  /** How many 未処理 lines are of this kind. */
  lines: number;
}

type QueueKey = { accountId: number; itemKey: string };

export const rangeOf = (after: QueueKey | undefined, size: number) =>
  // LIMIT -1: no limit (the whole queue in one range).
  [after?.accountId ?? -1, after?.itemKey ?? '', size >= Number.MAX_SAFE_INTEGER ? -1 : size] as const;

/**
 * A range of the queue: the next `size` keys after `after`, read from the primary key (bounded by
 * its last key instead, SQLite searched by the account alone, a third of the queue a range).
 */
export const RANGE_KEYS = `(SELECT account_id, item_key FROM books_queue
  WHERE (account_id, item_key) > (?, ?) ORDER BY account_id, item_key LIMIT ?) q
  CROSS JOIN transactions t USING (account_id, item_key)`;

export class BankLines {
  private readonly db: AppDatabase;
  private readonly lineByKey: Statement;
  private readonly subTitles: BankSubTitleStore;

  constructor(db: AppDatabase, subTitles: BankSubTitleStore) {
    this.db = db;
    this.subTitles = subTitles;
    this.lineByKey = db.prepare(
      `SELECT ${LINE_COLUMNS} FROM transactions t JOIN accounts a ON a.id = t.account_id
       WHERE t.account_id = ? AND t.item_key = ?`,
    );
  }

  /**
   * The linked accounts with the 補助科目 each goes by; the one write here: an account seen for
   * the first time is given its name in the books (bank-sub-title-store.ts), which no bank table holds.
   */
  accounts(): BankAccountInfo[] {
    const rows = this.db
      .prepare(
        `SELECT a.id, a.bank_account_id, a.connection_id, a.branch_name, a.account_type_name,
                a.account_number, c.bank_name,
                EXISTS (SELECT 1 FROM book_excluded_accounts x WHERE x.bank_account_id = a.bank_account_id)
                  AS excluded
         FROM accounts a JOIN connections c ON c.id = a.connection_id ORDER BY a.id`,
      )
      .all() as Record<string, string | number>[];
    const accounts = rows.map((r) => ({
      id: Number(r.id),
      bankAccountId: String(r.bank_account_id),
      connectionId: String(r.connection_id),
      bankName: String(r.bank_name),
      branchName: String(r.branch_name),
      accountNumber: String(r.account_number),
      accountType: String(r.account_type_name),
      bankTitle: (String(r.account_type_name).includes('当座') ? 'checking_deposit' : 'ordinary_deposit') as
        'checking_deposit' | 'ordinary_deposit',
      inBooks: r.excluded === 0,
    }));
    const names = this.subTitles.namesOf(accounts);
    return accounts.map((a) => ({
      id: a.id,
      bankAccountId: a.bankAccountId,
      connectionId: a.connectionId,
      label: names.get(a.bankAccountId)!,
      bankLabel: `${a.bankName} ${a.branchName} ${a.accountType} ${a.accountNumber}`,
      bankTitle: a.bankTitle,
      inBooks: a.inBooks,
    }));
  }

  /**
   * Puts a linked account in the books or leaves it out (migration 19's triggers move its 未処理
   * lines out of the queue, or its unreviewed lines back in). Answers how many of its lines wait in
   * 仕訳待ち afterwards.
   */
  setInBooks(bankAccountId: string, inBooks: boolean, at: string): number {
    if (inBooks)
      this.db.prepare('DELETE FROM book_excluded_accounts WHERE bank_account_id = ?').run(bankAccountId);
    else
      this.db
        .prepare('INSERT OR IGNORE INTO book_excluded_accounts (bank_account_id, excluded_at) VALUES (?, ?)')
        .run(bankAccountId, at);
    return (
      this.db
        .prepare(
          `SELECT count(*) AS n FROM books_queue
           WHERE account_id IN (SELECT id FROM accounts WHERE bank_account_id = ?)`,
        )
        .get(bankAccountId) as { n: number }
    ).n;
  }

  /** Renames a linked account's 補助科目 (the name checked by the caller). */
  renameAccount(bankAccountId: string, name: string): void {
    const account = this.accounts().find((a) => a.bankAccountId === bankAccountId);
    if (!account) return;
    const row = this.db
      .prepare(
        `SELECT c.bank_name, a.branch_name, a.account_number FROM accounts a
         JOIN connections c ON c.id = a.connection_id WHERE a.bank_account_id = ?`,
      )
      .get(bankAccountId) as { bank_name: string; branch_name: string; account_number: string };
    this.subTitles.rename(
      {
        bankAccountId,
        bankName: row.bank_name,
        branchName: row.branch_name,
        accountNumber: row.account_number,
        bankTitle: account.bankTitle,
      },
      account.label,
      name,
    );
  }

  line(accountId: number, itemKey: string): BankLine | undefined {
    return this.lineByKey.get(accountId, itemKey) as BankLine | undefined;
  }

  /** The 未処理 lines there are (the review queue's size): a rule application's progress is of these. */
  queuedCount(): number {
    return this.db.prepare('SELECT count(*) FROM books_queue').pluck().get() as number;
  }

  /**
   * The last queue key of the next `size` lines after `after` (key order): the upper bound of a
   * range a scan of the queue reads in one slice (main/books/queue-scan.ts); none when none is left.
   */
  queueRangeEnd(after: QueueKey | undefined, size: number): QueueKey | undefined {
    // The whole queue in one range: its last key from the index, not from sorting every key.
    if (size >= Number.MAX_SAFE_INTEGER)
      return this.db
        .prepare(
          `SELECT account_id AS accountId, item_key AS itemKey FROM books_queue
           WHERE (account_id, item_key) > (?, ?) ORDER BY account_id DESC, item_key DESC LIMIT 1`,
        )
        .get(after?.accountId ?? -1, after?.itemKey ?? '') as QueueKey | undefined;
    return this.db
      .prepare(
        `SELECT accountId, itemKey FROM (
           SELECT account_id AS accountId, item_key AS itemKey FROM books_queue
           WHERE (account_id, item_key) > (?, ?) ORDER BY account_id, item_key LIMIT ?)
         ORDER BY accountId DESC, itemKey DESC LIMIT 1`,
      )
      .get(after?.accountId ?? -1, after?.itemKey ?? '', size) as QueueKey | undefined;
  }

  /**
   * The kinds of the 未処理 lines among the next `size` queue keys after `after`: what the rule matcher and
   * the entry look at (batch-registration.ts), the amount only when `byAmount` (else 0), with how
   * many lines each; a scan sums them over the queue's ranges (main/books/queue-scan.ts).
   */
  unreviewedKindsIn(byAmount: boolean, after: QueueKey | undefined, size: number): LineKind[] {
    return this.db
      .prepare(
        `SELECT t.account_id AS accountId, t.remarks, t.remarks_folded AS remarksFolded, t.type,
           ${byAmount ? 't.amount' : '0'} AS amount, count(*) AS lines
         FROM ${RANGE_KEYS}
         GROUP BY t.account_id, t.remarks, t.remarks_folded, t.type${byAmount ? ', t.amount' : ''}`,
      )
      .all(...rangeOf(after, size)) as LineKind[];
  }

  /**
   * Per amount and direction among the next `size` queue keys after `after`, the smallest and largest
   * account: whether an amount recurs both ways in two accounts (a transfer's two halves may be) is
   * these summed over the ranges.
   */
  queuedAmountsIn(
    after: QueueKey | undefined,
    size: number,
  ): { amount: number; type: '1' | '2'; low: number; high: number }[] {
    return this.db
      .prepare(
        `SELECT t.amount, t.type, min(t.account_id) AS low, max(t.account_id) AS high
         FROM ${RANGE_KEYS}
         GROUP BY t.amount, t.type`,
      )
      .all(...rangeOf(after, size)) as { amount: number; type: '1' | '2'; low: number; high: number }[];
  }

  /** The 未処理 入金 ('1') or 出金 ('2') lines of `most` yen or less: what might pay an open item. */
  queuedOfType(
    type: '1' | '2',
    most: number,
  ): { accountId: number; itemKey: string; remarks: string; amount: number }[] {
    return this.db
      .prepare(
        `SELECT t.account_id AS accountId, t.item_key AS itemKey, t.remarks, t.amount
         FROM books_queue q JOIN transactions t USING (account_id, item_key)
         WHERE t.type = ? AND t.amount <= ?`,
      )
      .all(type, most) as { accountId: number; itemKey: string; remarks: string; amount: number }[];
  }

  /**
   * One page of the review queue, newest first: the keys come from an index (offset skipping
   * reads no row) — books_queue's for 未処理, line_reviews' for the others — then only the page's
   * rows are looked up.
   */
  page(status: ReviewStatus, accountId: number | undefined, offset: number, limit: number): BankLine[] {
    const params: (string | number)[] = accountId === undefined ? [] : [accountId];
    const keys =
      status === 'unreviewed'
        ? (this.db
            .prepare(
              `SELECT q.account_id AS accountId, q.item_key AS itemKey FROM books_queue q
               ${accountId === undefined ? '' : 'WHERE q.account_id = ?'}
               ORDER BY q.line_date DESC, ${accountId === undefined ? 'q.account_id DESC,' : ''} q.item_key DESC
               LIMIT ? OFFSET ?`,
            )
            .all(...params, limit, offset) as { accountId: number; itemKey: string }[])
        : (this.db
            .prepare(
              `SELECT a.id AS accountId, r.item_key AS itemKey
               FROM line_reviews r JOIN accounts a ON a.bank_account_id = r.bank_account_id
               WHERE r.status = ? ${accountId === undefined ? '' : 'AND a.id = ?'}
                 AND EXISTS (SELECT 1 FROM transactions t WHERE t.account_id = a.id AND t.item_key = r.item_key)
               ORDER BY r.line_date DESC, r.bank_account_id DESC, r.item_key DESC LIMIT ? OFFSET ?`,
            )
            .all(status, ...params, limit, offset) as { accountId: number; itemKey: string }[]);
    return keys.map((k) => this.line(k.accountId, k.itemKey)!);
  }

  /**
   * One page of the lines of a status whose kana-folded remarks contain `folded` (仕訳待ち's search),
   * newest first, and how many there are in all. A search reads every line of the status once,
   * which the plain page avoids; the queue's first page of 100,000 lines stays well under a second.
   */
  searchPage(
    status: ReviewStatus,
    folded: string,
    offset: number,
    limit: number,
  ): { total: number; lines: BankLine[] } {
    const from =
      status === 'unreviewed'
        ? `FROM books_queue q JOIN transactions t USING (account_id, item_key)
           WHERE instr(t.remarks_folded, ?) > 0`
        : `FROM line_reviews r JOIN accounts a ON a.bank_account_id = r.bank_account_id
           JOIN transactions t ON t.account_id = a.id AND t.item_key = r.item_key
           WHERE r.status = ? AND instr(t.remarks_folded, ?) > 0`;
    const params = status === 'unreviewed' ? [folded] : [status, folded];
    const { n } = this.db.prepare(`SELECT count(*) AS n ${from}`).get(...params) as { n: number };
    const keys = this.db
      .prepare(
        `SELECT t.account_id AS accountId, t.item_key AS itemKey ${from}
         ORDER BY t.transaction_date DESC, t.account_id DESC, t.item_key DESC LIMIT ? OFFSET ?`,
      )
      .all(...params, limit, offset) as { accountId: number; itemKey: string }[];
    return { total: n, lines: keys.map((k) => this.line(k.accountId, k.itemKey)!) };
  }

  /** How many lines dated within the range are 未処理 (出力 says so before exporting). */
  unreviewedBetween(dateFrom: string, dateTo: string): number {
    return (
      this.db
        .prepare('SELECT count(*) AS n FROM books_queue WHERE line_date BETWEEN ? AND ?')
        .get(dateFrom, dateTo) as { n: number }
    ).n;
  }

  /**
   * Lines per status (of one account, or all). Every bank line is either in books_queue (未処理) or
   * named by a review, so the reviewed are the lines less the queue; only the 無視 are counted
   * through the reviews (a review whose bank row is gone does not count), and 登録済 is the rest.
   * Counting the 登録済 through their reviews took one probe per registered line.
   */
  counts(accountId: number | undefined): Record<ReviewStatus, number> {
    const one = accountId === undefined ? [] : [accountId];
    const n = (sql: string): number => (this.db.prepare(sql).get(...one) as { n: number }).n;
    const where = (column: string) => (accountId === undefined ? '' : `WHERE ${column} = ?`);
    // An account left out of the books has no 未処理 lines: of its lines only those reviewed while
    // it was in count (its registered ones as 登録済, below with the others).
    // The lines counted from the 明細's day totals (kept with the rows, migration 12): counting the
    // rows themselves read every one, ~95 ms at a million.
    const total =
      n(
        `SELECT coalesce(sum(row_count), 0) AS n FROM statement_day_totals
         WHERE account_id NOT IN ${EXCLUDED_IDS} ${accountId === undefined ? '' : 'AND account_id = ?'}`,
      ) +
      n(
        `SELECT count(*) AS n FROM line_reviews r JOIN accounts a ON a.bank_account_id = r.bank_account_id
         JOIN book_excluded_accounts x ON x.bank_account_id = r.bank_account_id
         WHERE ${accountId === undefined ? '' : 'a.id = ? AND'}
           EXISTS (SELECT 1 FROM transactions t WHERE t.account_id = a.id AND t.item_key = r.item_key)`,
      );
    const unreviewed = n(`SELECT count(*) AS n FROM books_queue ${where('account_id')}`);
    const ignored = n(
      `SELECT count(*) AS n FROM line_reviews r JOIN accounts a ON a.bank_account_id = r.bank_account_id
       WHERE r.status = 'ignored' ${accountId === undefined ? '' : 'AND a.id = ?'}
         AND EXISTS (SELECT 1 FROM transactions t WHERE t.account_id = a.id AND t.item_key = r.item_key)`,
    );
    return { unreviewed, registered: total - unreviewed - ignored, ignored };
  }

  /**
   * Unreviewed lines that could be the other half of a transfer with any of `lines`: their amounts,
   * within the window around their dates. One query for a whole page.
   */
  transferCandidates(lines: readonly BankLine[], windowDays: number): BankLine[] {
    if (lines.length === 0) return [];
    const dates = lines.map((l) => l.date).sort();
    const amounts = [...new Set(lines.map((l) => l.amount))];
    return this.db
      .prepare(
        `SELECT ${LINE_COLUMNS} FROM transactions t JOIN accounts a ON a.id = t.account_id
         WHERE t.transaction_date BETWEEN date(?, ?) AND date(?, ?)
           AND t.amount IN (${amounts.map(() => '?').join(',')}) AND ${NOT_REVIEWED}
           AND t.account_id NOT IN ${EXCLUDED_IDS}
         ORDER BY t.transaction_date, t.account_id, t.item_key`,
      )
      .all(dates[0], `-${windowDays} days`, dates.at(-1), `+${windowDays} days`, ...amounts) as BankLine[];
  }

  /**
   * How many lines a condition matches, and the newest few: `condition` is SQL over `t` built by
   * rule-sql.ts from a rule, `params` its values.
   */
  matching(
    condition: string,
    params: readonly (string | number)[],
    samples: number,
  ): { count: number; lines: BankLine[] } {
    const { n } = this.db
      .prepare(
        `SELECT count(*) AS n FROM transactions t WHERE ${condition} AND t.account_id NOT IN ${EXCLUDED_IDS}`,
      )
      .get(...params) as { n: number };
    const lines = this.db
      .prepare(
        `SELECT ${LINE_COLUMNS} FROM transactions t JOIN accounts a ON a.id = t.account_id
         WHERE ${condition} AND t.account_id NOT IN ${EXCLUDED_IDS}
         ORDER BY t.transaction_date DESC, t.item_key DESC LIMIT ?`,
      )
      .all(...params, samples) as BankLine[];
    return { count: n, lines };
  }

  /** The distinct remarks a condition matches, with their amount range (the first 500). */
  matchingRemarks(
    condition: string,
    params: readonly (string | number)[],
  ): { remarksFolded: string; type: '1' | '2'; minAmount: number; maxAmount: number }[] {
    return this.db
      .prepare(
        `SELECT t.remarks_folded AS remarksFolded, t.type, min(t.amount) AS minAmount, max(t.amount) AS maxAmount
         FROM transactions t WHERE ${condition} AND t.account_id NOT IN ${EXCLUDED_IDS}
         GROUP BY t.remarks_folded, t.type LIMIT 500`,
      )
      .all(...params) as { remarksFolded: string; type: '1' | '2'; minAmount: number; maxAmount: number }[];
  }

  /** Per account and month: money in, money out, and the balance after the month's last line. */
  monthlyTotals(
    dateFrom: string,
    dateTo: string,
  ): { accountId: number; month: string; deposits: number; withdrawals: number; balance: number }[] {
    return this.db
      .prepare(
        `SELECT g.accountId, g.month, g.deposits, g.withdrawals,
           (SELECT l.balance FROM transactions l WHERE l.account_id = g.accountId AND l.transaction_date = g.lastDate
            ORDER BY l.item_key DESC LIMIT 1) AS balance
         FROM (SELECT t.account_id AS accountId, substr(t.transaction_date, 1, 7) AS month,
                 sum(CASE WHEN t.type = '1' THEN t.amount ELSE 0 END) AS deposits,
                 sum(CASE WHEN t.type = '2' THEN t.amount ELSE 0 END) AS withdrawals,
                 max(t.transaction_date) AS lastDate
               FROM transactions t WHERE t.transaction_date BETWEEN ? AND ?
               GROUP BY t.account_id, month) g
         ORDER BY g.accountId, g.month`,
      )
      .all(dateFrom, dateTo) as {
      accountId: number;
      month: string;
      deposits: number;
      withdrawals: number;
      balance: number;
    }[];
  }

  /** The bank's account ids of a connection's accounts. */
  bankAccountIdsOf(connectionId: string): string[] {
    return (
      this.db
        .prepare('SELECT bank_account_id AS id FROM accounts WHERE connection_id = ?')
        .all(connectionId) as { id: string }[]
    ).map((r) => r.id);
  }
}
