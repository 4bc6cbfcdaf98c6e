import type { BankAccount, StatementAccount } from '../customers/customer-store.ts';
import type { BalanceFacts } from '../ledger/ledger-store.ts';
import { ACCOUNT_TYPE_NAMES, CURRENCY } from './account-names.ts';
import type { JstStamp } from './jst-stamp.ts';
import { utf8Bytes, WrittenJson } from './written-json.ts';

/** `,"currencyCode":"JPY","currencyName":"日本円"}`: every entry's last fields. */
const ENTRY_END = utf8Bytes(`,${JSON.stringify(CURRENCY).slice(1)}`);

/**
 * `{"accountId":…,"accountTypeCode":…,"accountTypeName":…,` of each account, written once: accounts
 * never change once seeded, and the store keeps each as one object.
 */
const entryStarts = new WeakMap<BankAccount, string>();
function entryStart(account: StatementAccount): string {
  let start = entryStarts.get(account);
  if (start === undefined) {
    const fixed = JSON.stringify({
      accountId: account.id,
      accountTypeCode: account.accountTypeCode,
      accountTypeName: ACCOUNT_TYPE_NAMES[account.accountTypeCode],
    });
    start = utf8Bytes(`${fixed.slice(0, -1)},`);
    entryStarts.set(account, start);
  }
  return start;
}

/**
 * Our dialect's balances answer (BalancesResponse) for these accounts and their figures (in the same
 * order) written as JSON: the same bytes as
 * `JSON.stringify` of it (test/simulator/balances-json.test.ts), put together from each account's
 * fixed fields — the Japanese names, the only text that is not ASCII, among them —, encoded once and
 * kept, and the figures and the stamp between them: digits and dates, ASCII with nothing to escape,
 * so each character is its byte. Partners poll this call; serializing the answer and encoding its
 * Japanese to UTF-8 on every call was the largest share of the bank's own CPU time on it
 * (docs/benchmarks.md, "Where the bank's time goes").
 */
export function balancesJson(
  accounts: readonly StatementAccount[],
  facts: readonly BalanceFacts[],
  stamp: JstStamp,
): WrittenJson {
  let json = '{"balances":[';
  for (let i = 0; i < accounts.length; i++) {
    const { balance, previousDayBalance, previousMonthBalance } = facts[i]!;
    json +=
      (i > 0 ? ',' : '') +
      entryStart(accounts[i]!) +
      `"balance":"${balance}","withdrawableAmount":"${balance}",` +
      `"previousDayBalance":"${previousDayBalance}","previousMonthBalance":"${previousMonthBalance}",` +
      `"baseDate":"${stamp.date}","baseTime":"${stamp.time}"${ENTRY_END}`;
  }
  return new WrittenJson(`${json}]}`);
}
