import type { ExportTarget, TaxCode, TitleKind } from '../../../shared/ipc/books-contract.ts';
import { BUILT_IN_TITLES, type AccountTitle } from '../../books/chart.ts';
import type { AppDatabase } from '../app-database.ts';
import { toTitle, type TitleRow } from './book-rows.ts';

/** `book_titles` and `book_sub_titles`: the user's own 勘定科目 and 補助科目 (migration 9). */
export class TitleStore {
  private readonly db: AppDatabase;

  constructor(db: AppDatabase) {
    this.db = db;
  }

  /** The built-in chart, then the user's titles in the order they were added. */
  list(): AccountTitle[] {
    const own = this.db.prepare('SELECT * FROM book_titles ORDER BY id').all() as TitleRow[];
    return [...BUILT_IN_TITLES, ...own.map(toTitle)];
  }

  /** Adds a title (checked by the caller) and answers its code. */
  add(input: {
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

  /** The user's 補助科目 per title code, by name (a bank account's are bank-sub-title-store.ts's). */
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
}
