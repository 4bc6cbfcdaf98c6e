import { cutAtKeta, ketaOf, YAYOI_KETA } from '../../shared/book-text.ts';

/**
 * The 補助科目 each bank account goes by under 普通預金 / 当座預金. The bank's own description
 * (「デモ信用金庫 本店営業部 1001」, 28 桁) is longer than the 24 桁 弥生 keeps, and cut there it loses
 * the number and merges two accounts of one branch. So each account gets a short name of its own,
 * its branch and full account number (「本店営業部 5001001」), unique among the books' 補助科目,
 * given once and kept (entries carry it), and renamed only by the user (勘定科目 screen). Pure: the
 * names are kept by store/books/bank-sub-title-store.ts.
 */

export interface BankAccountNaming {
  bankAccountId: string;
  bankName: string;
  branchName: string;
  accountNumber: string;
  bankTitle: string;
}

/** What the app called the account before names were kept: entries written then carry it. */
export const formerLabel = (a: BankAccountNaming): string =>
  `${a.bankName} ${a.branchName} ${a.accountNumber.slice(-4)}`;

/** The account's short name, not one of `taken`: the branch cut to leave room for the number. */
export function defaultBankSubTitle(
  a: Pick<BankAccountNaming, 'branchName' | 'accountNumber'>,
  taken: ReadonlySet<string>,
): string {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? ` ${a.accountNumber}` : ` ${a.accountNumber}-${n}`;
    const branch = cutAtKeta(a.branchName.trim(), YAYOI_KETA.subTitle - ketaOf(suffix)).kept.trimEnd();
    const name = `${branch}${suffix}`.trim();
    if (!taken.has(name)) return name;
  }
}
