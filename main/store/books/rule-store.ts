import type { RuleInput } from '../../../shared/ipc/books-contract.ts';
import { STARTER_RULES } from '../../books/starter-rules.ts';
import type { AppDatabase } from '../app-database.ts';
import { ruleColumns, toRule, type RuleRow, type StoredRule } from './book-rows.ts';

/** `book_rules`, and `books_state`'s mark that the starter rules were given once (migration 9). */
export class RuleStore {
  private readonly db: AppDatabase;
  /** Every queue page and every 自動登録 run reads the rules; they change only through here. */
  private cache: StoredRule[] | undefined;

  constructor(db: AppDatabase) {
    this.db = db;
    this.seedStarterRules();
  }

  /** A new ledger gets the starter rules once; rules the user deleted stay deleted. */
  private seedStarterRules(): void {
    const state = this.db.prepare('SELECT starters_seeded FROM books_state WHERE id = 1').get() as {
      starters_seeded: number;
    };
    if (state.starters_seeded) return;
    this.db.transaction(() => {
      for (const rule of STARTER_RULES) this.insert(rule, true);
      this.db.prepare('UPDATE books_state SET starters_seeded = 1 WHERE id = 1').run();
    })();
  }

  list(): StoredRule[] {
    this.cache ??= (this.db.prepare('SELECT * FROM book_rules ORDER BY id').all() as RuleRow[]).map(toRule);
    return this.cache;
  }

  insert(input: RuleInput, starter = false): number {
    this.cache = undefined;
    const { id } = this.db
      .prepare(
        `INSERT INTO book_rules (keyword, folded, match, type, min_amount, max_amount, title_code, sub_title, tax_code,
           counterparty, memo, action, fixed_lines, starter, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      )
      .get(...ruleColumns(input), starter ? 1 : 0, new Date().toISOString()) as { id: number };
    return id;
  }

  update(id: number, input: RuleInput): boolean {
    this.cache = undefined;
    return (
      this.db
        .prepare(
          `UPDATE book_rules SET keyword = ?, folded = ?, match = ?, type = ?, min_amount = ?, max_amount = ?,
             title_code = ?, sub_title = ?, tax_code = ?, counterparty = ?, memo = ?, action = ?, fixed_lines = ?
           WHERE id = ?`,
        )
        .run(...ruleColumns(input), id).changes === 1
    );
  }

  /** A bank account's 補助科目 renamed (bank-sub-title-store.ts): the rules that name it follow. */
  renameSubTitle(titleCode: string, from: string, to: string): void {
    this.cache = undefined;
    this.db
      .prepare('UPDATE book_rules SET sub_title = ? WHERE title_code = ? AND sub_title = ?')
      .run(to, titleCode, from);
  }

  delete(id: number): boolean {
    this.cache = undefined;
    return this.db.prepare('DELETE FROM book_rules WHERE id = ?').run(id).changes === 1;
  }
}
