import { describe, expect, it } from 'vitest';
import { balancesJson } from '../../simulator/api/balances-json.ts';
import type { StatementAccount } from '../../simulator/customers/customer-store.ts';

const account = (id: string, accountTypeCode: '01' | '02'): StatementAccount => ({
  id,
  customerId: 'C1',
  branchCode: '201',
  branchName: '本店営業部',
  accountTypeCode,
  accountNumber: id.slice(-7),
  accountName: 'デモ商事',
  accountNameKana: 'ﾃﾞﾓｼｮｳｼﾞ',
});
const stamp = { date: '2026-12-07', time: '18:59:07' } as const;

describe("the balances answer's JSON (written from pieces, not by JSON.stringify)", () => {
  it('is byte for byte what JSON.stringify of the answer gives in UTF-8, and its string length is its Content-Length', () => {
    const accounts = [account('002019000001', '01'), account('002029000002', '02')];
    const facts = [
      { balance: 12_345_678, previousDayBalance: 0, previousMonthBalance: 9 },
      { balance: 0, previousDayBalance: 1_000_000_000_000, previousMonthBalance: 42 },
    ];
    // The wire format as the API documents it (BalancesResponse), fields in this order.
    const expected = JSON.stringify({
      balances: accounts.map((a, i) => ({
        accountId: a.id,
        accountTypeCode: a.accountTypeCode,
        accountTypeName: a.accountTypeCode === '01' ? '普通預金' : '当座預金',
        balance: String(facts[i]!.balance),
        withdrawableAmount: String(facts[i]!.balance),
        previousDayBalance: String(facts[i]!.previousDayBalance),
        previousMonthBalance: String(facts[i]!.previousMonthBalance),
        baseDate: stamp.date,
        baseTime: stamp.time,
        currencyCode: 'JPY',
        currencyName: '日本円',
      })),
    });
    const written = balancesJson(accounts, facts, stamp);
    expect(Buffer.from(written.latin1, 'latin1')).toEqual(Buffer.from(expected, 'utf8'));
    expect(written.latin1.length).toBe(Buffer.byteLength(expected));
    // A second call reuses the account's kept pieces and still writes the figures it is given.
    const again = balancesJson([accounts[0]!], [{ ...facts[0]!, balance: 1 }], stamp);
    expect(JSON.parse(Buffer.from(again.latin1, 'latin1').toString('utf8'))).toMatchObject({
      balances: [
        { accountTypeName: '普通預金', balance: '1', withdrawableAmount: '1', currencyName: '日本円' },
      ],
    });
  });

  it('writes an empty list when no account is shared', () => {
    expect(balancesJson([], [], stamp).latin1).toBe('{"balances":[]}');
  });
});
