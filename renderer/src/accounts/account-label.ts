import type { AccountView } from '../../../shared/ipc/contract.ts';

/** An account as the screens name it: 本店営業部 普通預金 ****1001 (`short`: 本店営業部 ****1001). */
export function accountLabel(
  a: Pick<AccountView, 'branchName' | 'accountTypeName' | 'maskedNumber'>,
  { short = false } = {},
): string {
  return short
    ? `${a.branchName} ${a.maskedNumber}`
    : `${a.branchName} ${a.accountTypeName} ${a.maskedNumber}`;
}
