import type { Database } from 'better-sqlite3';
import { cutAtKeta, ketaOf, YAYOI_KETA } from '../../shared/book-text.ts';

/**
 * The 補助科目 each bank account goes by under 普通預金 / 当座預金. The bank's own description
 * (「デモ信用金庫 本店営業部 1001」, 28 桁) is longer than the 24 桁 弥生 keeps, and cut there it loses
 * the number and merges two accounts of one branch. So each account gets a short name of its own,
 * its branch and full account number (「本店営業部 5001001」), unique among the books' 補助科目,
 * given once and kept (entries carry it), and renamed only by the user (勘定科目 screen).
 */

export interface BankAccountNaming {
  bankAccountId: string;
  bankName: string;
  branchName: string;
  accountNumber: string;
  bankTitle: string;
}

/** What the app called the account before names were kept: entries written then carry it. */
export const formerLabel = (a: BankAccountNaming): string =>
  `${a.bankName} ${a.branchName} ${a.accountNumber.slice(-4)}`;

/** The account's short name, not one of `taken`: the branch cut to leave room for the number. */
export function defaultBankSubTitle(
  a: Pick<BankAccountNaming, 'branchName' | 'accountNumber'>,
  taken: ReadonlySet<string>,
): string {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? ` ${a.accountNumber}` : ` ${a.accountNumber}-${n}`;
    const branch = cutAtKeta(a.branchName.trim(), YAYOI_KETA.subTitle - ketaOf(suffix)).kept.trimEnd();
    const name = `${branch}${suffix}`.trim();
    if (!taken.has(name)) return name;
  }
}

export class BankSubTitles {
  private readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  /**
   * Each account's name; an account seen for the first time is given one, and the entries and
   * rules that carry its former label are renamed with it in the same transaction.
   */
  namesOf(accounts: readonly BankAccountNaming[]): Map<string, string> {
    const stored = this.stored();
    if (accounts.every((a) => stored.has(a.bankAccountId))) return stored;
    this.db.transaction(() => {
      const taken = new Set([...stored.values(), ...this.userSubTitles()]);
      for (const a of accounts) {
        if (stored.has(a.bankAccountId)) continue;
        const name = defaultBankSubTitle(a, taken);
        taken.add(name);
        stored.set(a.bankAccountId, name);
        this.db
          .prepare('INSERT INTO book_bank_sub_titles (bank_account_id, name) VALUES (?, ?)')
          .run(a.bankAccountId, name);
        this.renameInBooks(a.bankTitle, formerLabel(a), name);
      }
    })();
    return stored;
  }

  /** Renames an account's 補助科目 (checked by the caller), in its entries and rules too. */
  rename(account: BankAccountNaming, from: string, to: string): void {
    this.db.transaction(() => {
      this.db
        .prepare('UPDATE book_bank_sub_titles SET name = ? WHERE bank_account_id = ?')
        .run(to, account.bankAccountId);
      this.renameInBooks(account.bankTitle, from, to);
    })();
  }

  private renameInBooks(titleCode: string, from: string, to: string): void {
    this.db
      .prepare('UPDATE journal_entries SET debit_sub = ? WHERE debit_title = ? AND debit_sub = ?')
      .run(to, titleCode, from);
    this.db
      .prepare('UPDATE journal_entries SET credit_sub = ? WHERE credit_title = ? AND credit_sub = ?')
      .run(to, titleCode, from);
    this.db
      .prepare('UPDATE book_rules SET sub_title = ? WHERE title_code = ? AND sub_title = ?')
      .run(to, titleCode, from);
  }

  private stored(): Map<string, string> {
    const rows = this.db.prepare('SELECT bank_account_id, name FROM book_bank_sub_titles').all() as {
      bank_account_id: string;
      name: string;
    }[];
    return new Map(rows.map((r) => [r.bank_account_id, r.name]));
  }

  private userSubTitles(): string[] {
    return this.db.prepare('SELECT name FROM book_sub_titles').pluck().all() as string[];
  }
}
