import type { AccountView } from '../../../shared/ipc/contract.ts';

/**
 * An account as the screens name it: 本店営業部 普通預金 ****1001 (`short`: 本店営業部 ****1001), the
 * deposit type in the UI's language when `typeName` (useWords' accountType) is given.
 */
export function accountLabel(
  a: Pick<AccountView, 'branchName' | 'accountTypeName' | 'maskedNumber'>,
  {
    short = false,
    typeName = (name: string) => name,
  }: { short?: boolean; typeName?: (name: string) => string } = {},
): string {
  return short
    ? `${a.branchName} ${a.maskedNumber}`
    : `${a.branchName} ${typeName(a.accountTypeName)} ${a.maskedNumber}`;
}
