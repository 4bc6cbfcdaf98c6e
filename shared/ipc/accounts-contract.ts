import { z } from 'zod';
import type { Channel } from '../bank/oauth.ts';
import type { AppErrorInfo } from '../app-errors.ts';
import type { DomainChannel } from './channels.ts';
import type { ConnectionStatus } from './connections-contract.ts';

/** The `accounts:` domain: the linked bank accounts with their balances (口座). */

export const ACCOUNTS_ARGS = {
  'accounts:list': z.undefined(),
  'accounts:groups-list': z.undefined(),
} as const satisfies Record<DomainChannel<'accounts'>, z.ZodType>;

export interface AccountView {
  id: string;
  connectionId: string;
  bankName: string;
  branchName: string;
  accountTypeName: string;
  /** Last four digits only: the UI never needs the whole number. */
  maskedNumber: string;
  /** The holder's name (口座名義); '' where the bank does not send one (GMO: not for 定期・外貨). */
  accountName: string;
  /** The bank's account type code (01 普通, 11 円定期預金, 51 外貨普通預金 at GMO…). */
  accountTypeCode?: string;
  /** ISO 4217; JPY unless the account is held in a foreign currency. */
  currencyCode?: string;
  /** A foreign-currency account's balance as the bank wrote it; `balance` is then its yen equivalent. */
  foreignBalance?: string;
  /** False where the bank serves no statement for the account (balance only). */
  servesStatements?: boolean;
  /** Integer yen. */
  balance?: number;
  balanceBaseDate?: string;
  balanceBaseTime?: string;
  transactionCount: number;
  /** False when the account is left out of the books (帳簿に含めない): 明細 says so of its totals. */
  inBooks?: boolean;
  lastSyncedAt?: string;
  lastError?: AppErrorInfo;
}

/** 口座 by link: one connection's accounts, its customer, and the total of this group alone. */
export interface AccountGroup {
  connectionId: string;
  bankName: string;
  channel: Channel;
  status: ConnectionStatus;
  /** The accounts' holder names as the bank gives them: who this link is. */
  holderNames: string[];
  accounts: AccountView[];
  /** The sum of the group's balances; absent for a disconnected link (its balances are not live). */
  total?: number;
}

export interface AccountsResults {
  'accounts:list': AccountView[];
  'accounts:groups-list': AccountGroup[];
}
