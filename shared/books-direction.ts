import type { TaxCode, TitleKind } from './ipc/books-contract.ts';
import { baseTaxOf } from './tax-periods.ts';

/**
 * Whether a choice fits a bank line's direction. Money received (入金) is never a purchase, money
 * paid out (出金) never a sale: a 入金 line's other side is its credit, so an expense title or a
 * 課対仕入 category there books income as a cost (and a purchase tax credit nobody paid), and the
 * mirror for 出金. The core and the review queue's panel ask the same question. Pure.
 *
 * A refund is the exception (a supplier paying back is a 入金 with an expense title), so a choice
 * for one line the user is looking at is only warned about; a choice applied to several lines is
 * refused for the lines it does not fit (journal-service.ts).
 */
export type DirectionMisfit = 'title' | 'tax';

const SALES_TAX: readonly TaxCode[] = ['sales10', 'sales8r'];
const PURCHASE_TAX: readonly TaxCode[] = ['purchase10', 'purchase8r'];

/** What does not fit a line of `type` ('1' 入金, '2' 出金), the title first; undefined when all fits. */
export function directionMisfit(
  type: '1' | '2',
  titleKind: TitleKind | undefined,
  taxCode: TaxCode,
): DirectionMisfit | undefined {
  const wrongKind: TitleKind = type === '1' ? 'expense' : 'revenue';
  const wrongTax = type === '1' ? PURCHASE_TAX : SALES_TAX;
  if (titleKind === wrongKind) return 'title';
  if (wrongTax.includes(baseTaxOf(taxCode))) return 'tax';
  return undefined;
}
