import type { TaxCode } from './ipc/books-contract.ts';

/**
 * The インボイス transitional credit: a purchase from a seller who is not a registered issuer
 * (適格請求書発行事業者) may still credit a share of its tax, by the purchase's 取引日. Shared by the
 * core (which writes the category) and the register panel (which shows it before it is written).
 * Pure.
 *
 * The periods as amended by the 令和8年度 reform: 80% to 2026-09-30, 70% 2026-10-01–2028-09-30,
 * 50% to 2030-09-30, 30% to 2031-09-30, then no credit. Sources: freee's developer notes
 * https://developer.freee.co.jp/accounting/accounting-improvement/8133 ("2023年10月~2026年9月:80% /
 * 2026年10月~2028年9月:70% / 2028年10月~2030年9月:50% / 2030年10月~2031年9月:30% /
 * 2031年10月~:0%(税区分としては対象外となります)") and
 * https://developer.freee.co.jp/invoice/invoice-improvement/8067 (the same, by day: "70% 2026-10-01 〜
 * 2028-09-30"); a tax firm's reading of the 大綱, https://www.yckz.co.jp/archives/25864
 * (R8.10.1~R10.9.30 70%). 国税庁's own Q&A (問113-3, as a vendor cites it) was not in the stored
 * sources; see docs/bookkeeping.md. Before 2023-10-01 there was no invoice system: full credit.
 */
export const TRANSITIONAL_PERIODS = [
  { share: 80, from: '2023-10-01', to: '2026-09-30' },
  { share: 70, from: '2026-10-01', to: '2028-09-30' },
  { share: 50, from: '2028-10-01', to: '2030-09-30' },
  { share: 30, from: '2030-10-01', to: '2031-09-30' },
] as const;
export type TransitionalShare = (typeof TRANSITIONAL_PERIODS)[number]['share'];

/** The 課対仕入 categories a transitional share applies to. */
const PURCHASE_BASES = ['purchase10', 'purchase8r'] as const;
type PurchaseBase = (typeof PURCHASE_BASES)[number];

const INVOICE_START = '2023-10-01';

/** `purchase10_70` → 70; undefined for a category that is not transitional. */
function transitionalShare(code: TaxCode): TransitionalShare | undefined {
  const match = /_(\d+)$/u.exec(code);
  return match ? (Number(match[1]) as TransitionalShare) : undefined;
}

/** `purchase10_70` → `purchase10`; any other category is its own base. */
export const baseTaxOf = (code: TaxCode): TaxCode => code.replace(/_\d+$/u, '') as TaxCode;

const isPurchase = (code: TaxCode): code is PurchaseBase =>
  (PURCHASE_BASES as readonly string[]).includes(baseTaxOf(code));

/** The share in force on a date for a non-registered seller: 80/70/50/30, 0 after, undefined before. */
export function shareOn(date: string): TransitionalShare | 0 | undefined {
  if (date < INVOICE_START) return undefined;
  return TRANSITIONAL_PERIODS.find((p) => date >= p.from && date <= p.to)?.share ?? 0;
}

/** Whether a seller is a registered issuer: true, false, or not known (null: booked as registered). */
export type SellerRegistration = boolean | null | undefined;

/**
 * The category in force on `date` for a purchase from `seller` whose category was chosen as
 * `chosen`: a 課対仕入 from a seller known not to be registered takes the transitional category of
 * its date (対象外 once the credit has ended, as freee books it); anything else stays as chosen. A
 * transitional category chosen for another period is moved to this date's (rules are written
 * once for all dates; a hand choice is checked first, see notInForce).
 *
 * @example categoryInForce('2026-10-05', false, 'purchase10') === 'purchase10_70'
 */
export function categoryInForce(date: string, seller: SellerRegistration, chosen: TaxCode): TaxCode {
  if (!isPurchase(chosen)) return chosen;
  const nonRegistered = seller === false || transitionalShare(chosen) !== undefined;
  if (!nonRegistered) return chosen;
  const share = shareOn(date);
  const base = baseTaxOf(chosen);
  if (share === undefined) return base;
  if (share === 0) return 'none';
  return `${base}_${share}` as TaxCode;
}

/**
 * A transitional category chosen by hand for a date outside its period: the category in force
 * that day (the fix to offer); undefined when the choice is in force.
 */
export function notInForce(date: string, chosen: TaxCode): TaxCode | undefined {
  if (transitionalShare(chosen) === undefined) return undefined;
  const inForce = categoryInForce(date, false, chosen);
  return inForce === chosen ? undefined : inForce;
}
