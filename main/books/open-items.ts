/**
 * Open items (未消込) of 売掛金 or 買掛金 per 取引先, derived from the journal as it stands.
 *
 * An entry whose lines on the title net to the raising side (売掛金: debit; 買掛金: credit) is an
 * item of its 取引先 for that net amount; one netting to the other side settles items. A settling
 * entry's amount goes first to the items its links name (book_settlements: what the user chose
 * when registering it), at most what each link says, what the item still has open and what the
 * entry still holds; then, oldest first, to the 取引先's other open items (a 振替伝票 typed by hand
 * settles without a link); what is left over is an unapplied credit of the 取引先 (paid more than
 * was open). Links apply before any FIFO, so what the user chose wins over the order of dates.
 *
 * Since every amount is read from the current lines, a correction or a deletion of either entry
 * is reflected at once: a deleted settling entry holds nothing (its items reopen), a corrected one
 * holds its new amount, a deleted item is gone (its settlement, if the 取引先 has no other open
 * item, is an unapplied credit). A link counts only while both entries name the same 取引先.
 * The sum of open items less the unapplied credits is always the 取引先's balance on the title.
 */

export interface TitleLineRow {
  entryId: number;
  date: string;
  counterparty: string;
  memo: string;
  side: 'debit' | 'credit';
  amount: number;
}

export interface SettlementLink {
  settlingEntryId: number;
  settledEntryId: number;
  amount: number;
}

export interface OpenItem {
  entryId: number;
  date: string;
  counterparty: string;
  memo: string;
  /** What the entry raised. */
  amount: number;
  /** What is still open (amount less what settled it). */
  open: number;
  /** The entries that settled part or all of it, with how much each, in the order applied. */
  settledBy: { entryId: number; date: string; amount: number }[];
}

export interface OpenItems {
  /** Every item, open or not, oldest first (by date, then entry). */
  items: OpenItem[];
  /** Settling amounts no open item took, per 取引先. */
  unapplied: { counterparty: string; amount: number; entryIds: number[] }[];
}

interface Settling {
  entryId: number;
  date: string;
  counterparty: string;
  left: number;
}

const byDate = (a: { date: string; entryId: number }, b: { date: string; entryId: number }) =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : a.entryId - b.entryId;

/** `raising`: the side that raises an item (売掛金 'debit', 買掛金 'credit'). */
export function openItemsOf(
  rows: readonly TitleLineRow[],
  links: readonly SettlementLink[],
  raising: 'debit' | 'credit',
): OpenItems {
  const net = new Map<number, { date: string; counterparty: string; memo: string; amount: number }>();
  for (const row of rows) {
    const entry = net.get(row.entryId) ?? { ...row, amount: 0 };
    entry.amount += row.side === raising ? row.amount : -row.amount;
    net.set(row.entryId, entry);
  }
  const items = new Map<number, OpenItem>();
  const settling: Settling[] = [];
  for (const [entryId, e] of net) {
    if (e.amount > 0)
      items.set(entryId, {
        entryId,
        date: e.date,
        counterparty: e.counterparty,
        memo: e.memo,
        amount: e.amount,
        open: e.amount,
        settledBy: [],
      });
    else if (e.amount < 0)
      settling.push({ entryId, date: e.date, counterparty: e.counterparty, left: -e.amount });
  }
  settling.sort(byDate);
  const apply = (s: Settling, item: OpenItem, most: number) => {
    const amount = Math.min(most, s.left, item.open);
    if (amount <= 0) return;
    s.left -= amount;
    item.open -= amount;
    item.settledBy.push({ entryId: s.entryId, date: s.date, amount });
  };
  const linksOf = new Map<number, SettlementLink[]>();
  for (const link of links)
    linksOf.set(link.settlingEntryId, [...(linksOf.get(link.settlingEntryId) ?? []), link]);
  for (const s of settling)
    for (const link of linksOf.get(s.entryId) ?? []) {
      const item = items.get(link.settledEntryId);
      if (item && item.counterparty === s.counterparty) apply(s, item, link.amount);
    }
  const ordered = [...items.values()].sort(byDate);
  const unapplied = new Map<string, { counterparty: string; amount: number; entryIds: number[] }>();
  for (const s of settling) {
    for (const item of ordered)
      if (item.counterparty === s.counterparty && s.left > 0) apply(s, item, s.left);
    if (s.left > 0) {
      const u = unapplied.get(s.counterparty) ?? { counterparty: s.counterparty, amount: 0, entryIds: [] };
      u.amount += s.left;
      u.entryIds.push(s.entryId);
      unapplied.set(s.counterparty, u);
    }
  }
  return { items: ordered, unapplied: [...unapplied.values()] };
}

/** The fee a customer may keep from a payment (a transfer fee): a 入金 short by at most this. */
const MAX_FEE_SHORTFALL = 1_000;

type ProposalKind = 'exact' | 'all' | 'short' | 'partial';

export interface SettlementPick {
  kind: ProposalKind;
  /** The items settled and how much of each. */
  items: { entryId: number; amount: number }[];
  /** short: the 差額 the payer kept (the proposal's 支払手数料). */
  difference: number;
}

/**
 * What a bank line of `amount` most likely settles among a 取引先's open items (oldest first):
 * one item of exactly that amount; else all of them when they sum to it; else (a 入金 against
 * 売掛金 only, `allowShort`) one it falls short of by a fee's worth — settled in full, the 差額 a
 * fee; else part of the oldest item larger than the amount, the rest left open.
 */
export function pickSettlement(
  open: readonly OpenItem[],
  amount: number,
  allowShort: boolean,
): SettlementPick | undefined {
  const items = open.filter((i) => i.open > 0);
  if (amount <= 0 || items.length === 0) return undefined;
  const exact = items.find((i) => i.open === amount);
  if (exact) return { kind: 'exact', items: [{ entryId: exact.entryId, amount }], difference: 0 };
  if (items.length > 1 && items.reduce((sum, i) => sum + i.open, 0) === amount)
    return { kind: 'all', items: items.map((i) => ({ entryId: i.entryId, amount: i.open })), difference: 0 };
  if (allowShort) {
    const short = items.find((i) => i.open > amount && i.open - amount <= MAX_FEE_SHORTFALL);
    if (short)
      return {
        kind: 'short',
        items: [{ entryId: short.entryId, amount: short.open }],
        difference: short.open - amount,
      };
  }
  const larger = items.find((i) => i.open > amount);
  if (larger) return { kind: 'partial', items: [{ entryId: larger.entryId, amount }], difference: 0 };
  return undefined;
}
