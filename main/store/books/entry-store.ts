import type { Statement } from 'better-sqlite3';
import { AppError } from '../../../shared/app-errors.ts';
import { jstDate } from '../../../shared/dates.ts';
import type { EntryVersionView, JournalEntryView } from '../../../shared/ipc/books-contract.ts';
import { checkBalanced, checkTaxesInForce, orderedLines } from '../../books/entry-lines.ts';
import type { AppDatabase } from '../app-database.ts';
import {
  ENTRY_SELECT,
  LINES_OF,
  lineColumns,
  toLine,
  withLines,
  type EntryRow,
  type LineRow,
  type NewEntry,
} from './book-rows.ts';

type Change = EntryVersionView['change'];

/**
 * Entries one at a time (migration 16): a registration writes an entry's head, its first version
 * and its lines; a correction or a deletion writes the next version and points the head at it,
 * the former versions kept as they were (triggers refuse any change to them). Every write is
 * checked here for debits equal to credits, so no caller can write an unbalanced entry. The
 * 仕訳帳's pages, the exports and the sums are journal-queries.ts's; 自動登録's set-based writes
 * are batch-registration.ts's.
 */
export class EntryStore {
  private readonly db: AppDatabase;
  private readonly insertHead: Statement;
  private readonly insertVersion: Statement;
  private readonly insertLine: Statement;

  constructor(db: AppDatabase) {
    this.db = db;
    this.insertHead = db.prepare(
      `INSERT INTO book_entries (source, recorded_on, created_at, version, deleted) VALUES (?, ?, ?, 1, 0)
       RETURNING id`,
    );
    this.insertVersion = db.prepare(
      `INSERT INTO book_entry_versions (entry_id, version, change, entry_date, counterparty, memo, rule_id,
         reason, written_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertLine = db.prepare(
      `INSERT INTO book_entry_lines (entry_id, version, line_no, side, title_code, sub_title, tax_code, amount)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  /**
   * Writes an entry (BOOKS_ENTRY_UNBALANCED or BOOKS_TAX_NOT_IN_FORCE before anything when its
   * debits and credits differ or a line's transitional category is not its date's)
   * and answers its id; the caller writes its lines' reviews in the same transaction.
   */
  insert(entry: NewEntry, at: string): number {
    checkBalanced(entry.lines);
    checkTaxesInForce(entry.date, entry.lines);
    const { id } = this.insertHead.get(entry.source, jstDate(new Date(at)), at) as { id: number };
    this.writeVersion(id, 1, 'registered', entry, '', at);
    return id;
  }

  /** 修正: the entry's next version, with its reason; the former kept. Answers the new version. */
  correct(id: number, entry: Omit<NewEntry, 'source'>, reason: string, at: string): number {
    checkBalanced(entry.lines);
    checkTaxesInForce(entry.date, entry.lines);
    const head = this.liveHead(id);
    const version = head.version + 1;
    this.writeVersion(id, version, 'corrected', entry, reason, at);
    this.db.prepare('UPDATE book_entries SET version = ? WHERE id = ?').run(version, id);
    return version;
  }

  /**
   * 削除: a version that says the entry was deleted, when and why (it has no lines; the one before
   * it shows what was deleted). The entry leaves the 仕訳帳, the exports and `journal_lines`.
   */
  delete(id: number, reason: string, at: string): number {
    const head = this.liveHead(id);
    const current = this.get(id)!;
    const version = head.version + 1;
    this.insertVersion.run(
      id,
      version,
      'deleted',
      current.date,
      current.counterparty,
      current.memo,
      current.ruleId ?? null,
      reason,
      at,
    );
    this.db.prepare('UPDATE book_entries SET version = ?, deleted = 1 WHERE id = ?').run(version, id);
    return version;
  }

  private liveHead(id: number): { version: number } {
    const head = this.db.prepare('SELECT version, deleted FROM book_entries WHERE id = ?').get(id) as
      { version: number; deleted: number } | undefined;
    if (!head) throw new AppError('NOT_FOUND', `no journal entry ${id}`);
    if (head.deleted) throw new AppError('BOOKS_ENTRY_DELETED', `journal entry ${id} is deleted`);
    return head;
  }

  private writeVersion(
    id: number,
    version: number,
    change: Change,
    entry: Omit<NewEntry, 'source'>,
    reason: string,
    at: string,
  ): void {
    this.insertVersion.run(
      id,
      version,
      change,
      entry.date,
      entry.counterparty,
      entry.memo,
      entry.ruleId ?? null,
      reason,
      at,
    );
    for (const [i, line] of orderedLines(entry.lines).entries())
      this.insertLine.run(id, version, i + 1, ...lineColumns(line));
  }

  /** An entry's current version, deleted or not (`deleted` says). */
  get(id: number): JournalEntryView | undefined {
    const row = this.db.prepare(`${ENTRY_SELECT} WHERE e.id = ?`).get(id) as EntryRow | undefined;
    if (!row) return undefined;
    const lines = this.db.prepare(LINES_OF).all(JSON.stringify([id])) as LineRow[];
    return withLines([row], lines)[0];
  }

  isDeleted(id: number): boolean {
    return this.db.prepare('SELECT deleted FROM book_entries WHERE id = ?').pluck().get(id) === 1;
  }

  /** Every version of an entry, oldest first, each with its lines. */
  history(id: number): EntryVersionView[] {
    const versions = this.db
      .prepare(
        `SELECT version, change, written_at, reason, entry_date, counterparty, memo
         FROM book_entry_versions WHERE entry_id = ? ORDER BY version`,
      )
      .all(id) as {
      version: number;
      change: Change;
      written_at: string;
      reason: string;
      entry_date: string;
      counterparty: string;
      memo: string;
    }[];
    if (versions.length === 0) throw new AppError('NOT_FOUND', `no journal entry ${id}`);
    const lines = this.db
      .prepare(
        `SELECT entry_id, version, side, title_code, sub_title, tax_code, amount FROM book_entry_lines
         WHERE entry_id = ? ORDER BY version, line_no`,
      )
      .all(id) as (LineRow & { version: number })[];
    return versions.map((v) => ({
      version: v.version,
      change: v.change,
      writtenAt: v.written_at,
      reason: v.reason,
      date: v.entry_date,
      counterparty: v.counterparty,
      memo: v.memo,
      lines: lines.filter((l) => l.version === v.version).map(toLine),
    }));
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
          `SELECT 1 FROM book_entries e JOIN book_entries n ON n.id IN (e.id - 1, e.id + 1)
           WHERE e.id = ? AND n.created_at = e.created_at AND n.source = 'bank'`,
        )
        .get(entryId) !== undefined
    );
  }
}
