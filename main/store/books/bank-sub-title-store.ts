import { defaultBankSubTitle, formerLabel, type BankAccountNaming } from '../../books/bank-sub-titles.ts';
import type { AppDatabase } from '../app-database.ts';
import type { RuleStore } from './rule-store.ts';

/**
 * `book_bank_sub_titles`: the 補助科目 each linked account goes by in the books (migration 14), given
 * once (books/bank-sub-titles.ts says how) and renamed only by the user. A name is carried by
 * entries and rules, so a given or changed name is written into `book_entry_lines` and `book_rules`
 * in the same transaction.
 */
export class BankSubTitleStore {
  private readonly db: AppDatabase;
  /** The rules are renamed through their store, which caches them. */
  private readonly rules: RuleStore;

  constructor(db: AppDatabase, rules: RuleStore) {
    this.db = db;
    this.rules = rules;
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
    // Every version's lines: the name is a label of the account, not what was booked, so the
    // history shows the account by the name it goes by (migration 16 lets sub_title alone change).
    this.db
      .prepare('UPDATE book_entry_lines SET sub_title = ? WHERE title_code = ? AND sub_title = ?')
      .run(to, titleCode, from);
    this.rules.renameSubTitle(titleCode, from, to);
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
