import { directionMisfit } from '../../../shared/books-direction.ts';
import type { QueueLine, RegisterChoice, TitleKind } from '../../../shared/ipc/books-contract.ts';

/** What the bulk panel's form holds: 取引先 and 摘要 are empty unless the user typed one for all. */
export interface BulkForm {
  titleCode: string;
  subTitle: string;
  taxCode: RegisterChoice['taxCode'];
  counterparty: string;
  memo: string;
  /** Set only when the user took a line's suggestion with the button that says so. */
  ruleId?: number;
}

/** What one choice does to the ticked lines, per direction: shown before anything is written. */
export interface BulkPlan {
  deposits: { count: number; fits: boolean };
  withdrawals: { count: number; fits: boolean };
  /** Lines that will be registered (the core refuses the others the same way). */
  registered: number;
}

/**
 * The choice a bulk registration sends: the title and tax category, and 取引先 / 摘要 only when
 * typed (the core then keeps each line's own). Pure.
 */
export function bulkChoice(form: BulkForm): RegisterChoice {
  const counterparty = form.counterparty.trim();
  const memo = form.memo.trim();
  return {
    titleCode: form.titleCode,
    ...(form.subTitle ? { subTitle: form.subTitle } : {}),
    taxCode: form.taxCode,
    ...(counterparty ? { counterparty } : {}),
    ...(memo ? { memo } : {}),
    ...(form.ruleId ? { ruleId: form.ruleId } : {}),
  };
}

/** How many 入金 and 出金 lines the choice goes to, and whether it fits each direction. Pure. */
export function bulkPlan(
  lines: readonly Pick<QueueLine, 'type'>[],
  titleKind: TitleKind | undefined,
  taxCode: RegisterChoice['taxCode'],
): BulkPlan {
  const count = (type: '1' | '2') => lines.filter((l) => l.type === type).length;
  const deposits = { count: count('1'), fits: !directionMisfit('1', titleKind, taxCode) };
  const withdrawals = { count: count('2'), fits: !directionMisfit('2', titleKind, taxCode) };
  const registered = (deposits.fits ? deposits.count : 0) + (withdrawals.fits ? withdrawals.count : 0);
  return { deposits, withdrawals, registered };
}
