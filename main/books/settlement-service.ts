import { AppError } from '../../shared/app-errors.ts';
import type {
  JournalLine,
  OpenItemsView,
  SettledTitle,
  SettlementProposal,
  Settles,
} from '../../shared/ipc/books-contract.ts';
import type { BankLine } from '../store/books/bank-lines.ts';
import type { QueueKey } from '../store/books/batch-registration.ts';
import type { BooksStores } from '../store/books/books-stores.ts';
import { counterpartyFrom } from './counterparty.ts';
import { lineOf } from './entry-lines.ts';
import { openItemsOf, pickSettlement, type OpenItem } from './open-items.ts';

/** 支払手数料 and 課対仕入10%: a short payment's 差額, the transfer fee the payer kept. */
const FEES = 'fees';
const FEE_TAX = 'purchase10';

/**
 * The open items of a title and 取引先 already derived for one answer, by `title\0取引先`: the
 * review queue's page proposes a 消込 for each of its 100 lines, most of them of a few 取引先, and
 * deriving a 取引先's items reads every line of it on the title (~42,000 at a million lines: a
 * page took 22–35 s, the app waiting). Kept for one answer only, between no writes.
 */
export type OpenItemsRead = Map<string, readonly OpenItem[]>;

/** Which side raises an item of the title, and which side the bank line settles it from. */
const RAISING = { receivables: 'debit', payables: 'credit' } as const;
const SETTLING = { receivables: 'credit', payables: 'debit' } as const;

/**
 * 消込 of open 売掛金 and 買掛金 (docs/bookkeeping.md): the open items per 取引先, derived from the
 * journal (open-items.ts) with the links of book_settlements; the settlement a bank line most
 * likely makes; and the check that what a registration links is what its lines write.
 */
export class SettlementService {
  private readonly stores: BooksStores;

  constructor(stores: BooksStores) {
    this.stores = stores;
  }

  private itemsOf(title: SettledTitle, counterparty?: string) {
    const lines = this.stores.settlements.lines(title, counterparty);
    // One 取引先's links are those of its settling entries (a link across 取引先 never applies).
    const settling =
      counterparty === undefined
        ? undefined
        : [...new Set(lines.filter((l) => l.side === SETTLING[title]).map((l) => l.entryId))];
    return openItemsOf(lines, this.stores.settlements.links(title, settling), RAISING[title]);
  }

  /** 未消込: every item of the title (the settled too when asked), and the totals per 取引先. */
  openItems(title: SettledTitle, includeSettled: boolean): OpenItemsView {
    const { items, unapplied } = this.itemsOf(title);
    const per = new Map<string, OpenItemsView['counterparties'][number]>();
    const of = (counterparty: string) => {
      const c = per.get(counterparty) ?? { counterparty, open: 0, items: 0, unapplied: 0 };
      per.set(counterparty, c);
      return c;
    };
    for (const item of items)
      if (item.open > 0) {
        const c = of(item.counterparty);
        c.open += item.open;
        c.items += 1;
      }
    for (const u of unapplied) of(u.counterparty).unapplied += u.amount;
    return {
      titleCode: title,
      items: includeSettled ? items : items.filter((i) => i.open > 0),
      counterparties: [...per.values()].sort((a, b) => (a.counterparty < b.counterparty ? -1 : 1)),
      open: items.reduce((sum, i) => sum + i.open, 0),
    };
  }

  /**
   * What a bank line of `counterparty` most likely settles: a 入金 an open 売掛金, a 出金 an open
   * 買掛金 (the 差額 of a short payment only for a 入金: a fee the customer kept).
   */
  proposalFor(
    line: BankLine,
    counterparty: string,
    read: OpenItemsRead = new Map(),
  ): SettlementProposal | undefined {
    if (!counterparty || line.amount <= 0) return undefined;
    const title: SettledTitle = line.type === '1' ? 'receivables' : 'payables';
    const key = `${title}\u0000${counterparty}`;
    let open = read.get(key);
    if (!open) {
      // What is open less what is unapplied is the 取引先's balance, and the two are never both
      // non-zero (open-items.ts applies every settlement before leaving any unapplied): with no
      // balance on the raising side there is nothing open, and its ~42,000 lines need not be read.
      const balance = this.stores.settlements.balance(title, counterparty);
      open =
        balance !== undefined && balance <= 0
          ? []
          : this.itemsOf(title, counterparty).items.filter((i) => i.open > 0);
      read.set(key, open);
    }
    const pick = pickSettlement(open, line.amount, title === 'receivables');
    if (!pick) return undefined;
    const byId = new Map(open.map((i) => [i.entryId, i]));
    const items = pick.items.map(({ entryId, amount }) => {
      const item = byId.get(entryId)!;
      return { entryId, date: item.date, memo: item.memo, open: item.open, amount };
    });
    const lines: JournalLine[] = items.map((i) =>
      lineOf(SETTLING[title], { titleCode: title, taxCode: 'none' }, i.amount),
    );
    if (pick.difference > 0)
      lines.push(lineOf('debit', { titleCode: FEES, taxCode: FEE_TAX }, pick.difference));
    return { titleCode: title, counterparty, kind: pick.kind, items, difference: pick.difference, lines };
  }

  /**
   * The 未処理 lines that look like the payment of an open item of their 取引先 (the one their
   * remarks name): a 入金 of an open 売掛金's amount, of all the 取引先's open items, or short of one
   * by a fee; a 出金 likewise of an open 買掛金. 自動登録 holds them for review, where the panel
   * proposes the 消込, rather than book the payment as 売上高 (or 仕入高) a second time. Part of a
   * larger item is not held: that a payment is part of one is the owner's call.
   */
  linesSettlingOpenItems(): QueueKey[] {
    const held: QueueKey[] = [];
    for (const title of ['receivables', 'payables'] as const) {
      const open = new Map<string, OpenItem[]>();
      let most = 0;
      for (const item of this.itemsOf(title).items)
        if (item.open > 0) {
          open.set(item.counterparty, [...(open.get(item.counterparty) ?? []), item]);
          most += item.open;
        }
      if (open.size === 0) continue;
      for (const line of this.stores.lines.queuedOfType(title === 'receivables' ? '1' : '2', most)) {
        const items = open.get(counterpartyFrom(line.remarks));
        const pick = items && pickSettlement(items, line.amount, title === 'receivables');
        if (pick && pick.kind !== 'partial') held.push({ accountId: line.accountId, itemKey: line.itemKey });
      }
    }
    return held;
  }

  /**
   * Refuses (BOOKS_SETTLEMENT_MISMATCH) links that are not what the entry writes: each item must be
   * an open item of the entry's 取引先 with at least that much open, and the amounts must sum to
   * what the entry's lines settle on the title (売掛金 credits less debits; 買掛金 the reverse).
   */
  check(settles: Settles, counterparty: string, lines: readonly JournalLine[]): void {
    const title = settles.titleCode;
    const open = new Map<number, OpenItem>(
      this.itemsOf(title, counterparty).items.map((i) => [i.entryId, i]),
    );
    const seen = new Set<number>();
    for (const { entryId, amount } of settles.items) {
      const item = open.get(entryId);
      if (!item || seen.has(entryId) || item.open < amount)
        throw new AppError(
          'BOOKS_SETTLEMENT_MISMATCH',
          `entry ${entryId} has ${item?.open ?? 0} open on ${title} for ${counterparty}, not ${amount}`,
        );
      seen.add(entryId);
    }
    const settled = lines
      .filter((l) => l.titleCode === title)
      .reduce((sum, l) => sum + (l.side === SETTLING[title] ? l.amount : -l.amount), 0);
    const linked = settles.items.reduce((sum, i) => sum + i.amount, 0);
    if (settled !== linked)
      throw new AppError(
        'BOOKS_SETTLEMENT_MISMATCH',
        `the lines settle ${settled} on ${title}, the links ${linked}`,
      );
  }

  /** Writes the links of a settling entry (in the caller's transaction, after check()). */
  link(settles: Settles, settlingEntryId: number, at: string): void {
    for (const { entryId, amount } of settles.items)
      this.stores.settlements.link(settles.titleCode, settlingEntryId, entryId, amount, at);
  }
}
