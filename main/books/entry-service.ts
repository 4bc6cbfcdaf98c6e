import { AppError } from '../../shared/app-errors.ts';
import type {
  EntryContent,
  EntryFilter,
  EntryVersionView,
  JournalEntryView,
  JournalLine,
  LineRef,
  Settles,
} from '../../shared/ipc/books-contract.ts';
import type { BooksStores } from '../store/books/books-stores.ts';
import { checkEntryDate } from './balance-math.ts';
import { counterpartyFrom } from './counterparty.ts';
import { entriesCsv } from './entries-csv.ts';
import { checkBalanced, lineOf, orderedLines, sameLines } from './entry-lines.ts';
import { SettlementService } from './settlement-service.ts';

/**
 * Entries beyond one bank line's two lines: a 振替伝票 typed by hand, a bank line split into a
 * compound entry, 修正 and 削除 (each a new version, the former kept: 電子帳簿保存法's 訂正削除履歴),
 * an entry's history, and the 仕訳帳's search as a file. One SQLite transaction per call; every
 * write goes through EntryStore, which refuses unbalanced lines (BOOKS_ENTRY_UNBALANCED).
 */
export class EntryService {
  private readonly stores: BooksStores;
  private readonly now: () => Date;
  readonly settlements: SettlementService;

  constructor(stores: BooksStores, now: () => Date = () => new Date()) {
    this.stores = stores;
    this.now = now;
    this.settlements = new SettlementService(stores);
  }

  /** Every line's title must be in the chart (a title deleted since, or a typo at the boundary). */
  private checkTitles(lines: readonly JournalLine[]): void {
    const codes = new Set(this.stores.titles.list().map((t) => t.code));
    const unknown = lines.find((l) => !codes.has(l.titleCode));
    if (unknown) throw new AppError('INVALID_ARGUMENT', `no account title ${unknown.titleCode}`);
  }

  private checked(content: EntryContent): JournalLine[] {
    const lines = content.lines.map((l) => lineOf(l.side, l, l.amount));
    this.checkTitles(lines);
    checkBalanced(lines);
    checkEntryDate(content.date, this.stores.opening.asOf());
    return lines;
  }

  /** A 振替伝票: the user's lines as typed, no bank line behind it. */
  addManual(content: EntryContent): JournalEntryView {
    const lines = this.checked(content);
    const at = this.now().toISOString();
    return this.stores.transaction(() => {
      const id = this.stores.entries.insert(
        {
          date: content.date,
          lines,
          counterparty: content.counterparty,
          memo: content.memo,
          source: 'manual',
        },
        at,
      );
      return this.stores.entries.get(id)!;
    });
  }

  /**
   * 修正: the entry as corrected becomes its next version; the former stays, with the time and
   * the reason. A correction that changes nothing writes nothing and answers the entry.
   */
  correct(id: number, content: EntryContent, reason: string): JournalEntryView {
    checkReason(reason);
    const lines = this.checked(content);
    const at = this.now().toISOString();
    return this.stores.transaction(() => {
      const current = this.live(id);
      const unchanged =
        current.date === content.date &&
        current.counterparty === content.counterparty &&
        current.memo === content.memo &&
        sameLines(current.lines, orderedLines(lines));
      if (unchanged) return current;
      this.stores.entries.correct(
        id,
        {
          date: content.date,
          lines,
          counterparty: content.counterparty,
          memo: content.memo,
          ...(current.ruleId !== undefined ? { ruleId: current.ruleId } : {}),
        },
        reason,
        at,
      );
      return this.stores.entries.get(id)!;
    });
  }

  /**
   * 削除: a version that says so, with the time and the reason. An entry registered from bank
   * lines lets them go back to 未処理 (their reviews go), so the bank's lines are never left
   * registered to nothing.
   */
  delete(id: number, reason: string): { id: number; version: number } {
    checkReason(reason);
    const at = this.now().toISOString();
    return this.stores.transaction(() => {
      this.live(id);
      for (const line of this.stores.reviews.linesOfEntry(id)) this.stores.reviews.reopen(line);
      return { id, version: this.stores.entries.delete(id, reason, at) };
    });
  }

  history(id: number): EntryVersionView[] {
    return this.stores.entries.history(id);
  }

  private live(id: number): JournalEntryView {
    const entry = this.stores.entries.get(id);
    if (!entry) throw new AppError('NOT_FOUND', `no journal entry ${id}`);
    if (this.stores.entries.isDeleted(id)) throw new AppError('BOOKS_ENTRY_DELETED', `journal entry ${id}`);
    return entry;
  }

  /**
   * A bank line as a compound entry: its account's 預金 takes the line's amount on the side the
   * money moved (as in a two-line registration), `lines` are the rest as the user split them.
   * With `settles` (消込) the entry is linked to the 売掛金/買掛金 items it settles, checked first
   * against what the lines write and what is still open.
   */
  splitRegister(
    ref: LineRef,
    others: EntryContent['lines'],
    text: { counterparty?: string | undefined; memo?: string | undefined },
    settles?: Settles,
  ): JournalEntryView {
    const line = this.stores.lines.line(Number(ref.accountId), ref.itemKey);
    if (!line) throw new AppError('NOT_FOUND', `no bank line ${ref.accountId}/${ref.itemKey}`);
    if (line.amount < 0)
      throw new AppError(
        'BOOKS_AMOUNT_NEGATIVE',
        `${line.accountId}/${line.itemKey} has amount ${line.amount}`,
      );
    const account = this.stores.lines.accounts().find((a) => a.id === line.accountId)!;
    const bank = lineOf(
      line.type === '1' ? 'debit' : 'credit',
      { titleCode: account.bankTitle, subTitle: account.label, taxCode: 'none' },
      line.amount,
    );
    const lines = [bank, ...others.map((l) => lineOf(l.side, l, l.amount))];
    this.checkTitles(lines);
    checkBalanced(lines);
    checkEntryDate(line.date, this.stores.opening.asOf());
    const at = this.now().toISOString();
    return this.stores.transaction(() => {
      const review = this.stores.reviews.of(line);
      if (review?.status === 'registered')
        throw new AppError('BOOKS_LINE_REGISTERED', `${line.itemKey} is entry ${review.entryId}`);
      if (review) this.stores.reviews.reopen(line);
      const counterparty = text.counterparty ?? counterpartyFrom(line.remarks);
      if (settles) this.settlements.check(settles, counterparty, lines);
      const id = this.stores.entries.insert(
        { date: line.date, lines, counterparty, memo: text.memo ?? line.remarks, source: 'bank' },
        at,
      );
      if (settles) this.settlements.link(settles, id, at);
      this.stores.reviews.review(line, 'registered', id, at);
      return this.stores.entries.get(id)!;
    });
  }

  /** The search's entries as a CSV file (UTF-8 with a BOM, one row per line of each entry). */
  exportSearch(filter: EntryFilter) {
    const entries = this.stores.journal.all(filter);
    const names = new Map(this.stores.titles.list().map((t) => [t.code, t.name]));
    const bytes = entriesCsv(entries, (code) => names.get(code) ?? code);
    const today = this.now().toISOString().slice(0, 10);
    return {
      fileName: `journal-search-${today}.csv`,
      entries: entries.length,
      base64: bytes.toString('base64'),
      mimeType: 'text/csv; charset=utf-8',
    };
  }
}

/** 訂正削除履歴 keeps why: a correction or deletion without a reason is refused. */
function checkReason(reason: string): void {
  if (reason.trim() === '') throw new AppError('INVALID_ARGUMENT', 'a correction or deletion needs a reason');
}
