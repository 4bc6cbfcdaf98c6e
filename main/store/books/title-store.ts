import type { ExportTarget, TaxCode, TitleKind } from '../../../shared/ipc/books-contract.ts';
import type { ChartKind } from '../../../shared/ipc/books-contract.ts';
import { BUILT_IN_TITLES, chartCodes, type AccountTitle } from '../../books/chart.ts';
import type { AppDatabase } from '../app-database.ts';
import { toTitle, type TitleRow } from './book-rows.ts';

/**
 * `book_titles` and `book_sub_titles`: the user's own 勘定科目 and 補助科目 (migration 9); `book_chart`
 * and `book_chart_titles`: which standard chart the ledger uses and its built-in titles (migration 19).
 */
export class TitleStore {
  private readonly db: AppDatabase;

  constructor(db: AppDatabase) {
    this.db = db;
  }

  /** The ledger's built-in titles (its chart's), then the user's titles in the order they were added. */
  list(): AccountTitle[] {
    const own = this.db.prepare('SELECT * FROM book_titles ORDER BY id').all() as TitleRow[];
    const held = new Set(this.db.prepare('SELECT code FROM book_chart_titles').pluck().all() as string[]);
    return [...BUILT_IN_TITLES.filter((t) => held.has(t.code)), ...own.map(toTitle)];
  }

  /** The standard chart the owner chose (null: not yet, 帳簿 asks at its first start). */
  chartKind(): ChartKind | null {
    return this.db.prepare('SELECT kind FROM book_chart WHERE id = 1').pluck().get() as ChartKind | null;
  }

  /**
   * Uses a kind's standard chart: its titles are added, and a built-in title of the chart before
   * that the new one lacks is dropped only if nothing uses it (`inUse`: entries' and rules' codes);
   * one in use stays, so no entry or rule ever names a title the chart lacks. The caller runs it
   * in a transaction. Answers the codes added and the codes kept though the kind lacks them.
   */
  useChart(kind: ChartKind, inUse: ReadonlySet<string>): { added: string[]; kept: string[] } {
    const before = new Set(this.db.prepare('SELECT code FROM book_chart_titles').pluck().all() as string[]);
    const wanted = new Set(chartCodes(kind));
    const added = [...wanted].filter((code) => !before.has(code));
    const kept = [...before].filter((code) => !wanted.has(code) && inUse.has(code));
    const drop = this.db.prepare('DELETE FROM book_chart_titles WHERE code = ?');
    for (const code of before) if (!wanted.has(code) && !inUse.has(code)) drop.run(code);
    const add = this.db.prepare('INSERT OR IGNORE INTO book_chart_titles (code) VALUES (?)');
    for (const code of added) add.run(code);
    this.db.prepare('UPDATE book_chart SET kind = ? WHERE id = 1').run(kind);
    return { added, kept };
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
