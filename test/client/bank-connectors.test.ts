import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/app-errors.ts';
import type { ApiDialect } from '../../shared/bank/oauth.ts';
import type { BankConnector } from '../../main/connectors/bank-connector.ts';
import { BankRefusal } from '../../main/connectors/bank-http.ts';
import { createConnector } from '../../main/connectors/connector-factory.ts';
import { contentKey } from '../../main/connectors/gmo-aozora-connector.ts';
import { fixture, startSpecFixtureBank, type SpecFixtureBank } from '../support/spec-fixture-bank.ts';

type Answer = { status: number; body: unknown };
const gmoErrors =
  fixture<Record<'token' | 'validation' | 'limit' | 'maintenance' | 'unknown', Answer>>(
    'gmo-aozora/errors.json',
  );
const body = (name: string) => fixture<{ body: unknown }>(name).body;
const demo = fixture<Record<string, unknown> & Record<'expired' | 'badKey', Answer>>('bankdemo/pages.json');

/** The bank's two published bases; the connector is the same under either. */
const BASES: Array<[ApiDialect, string]> = [
  ['gmo-aozora', '/ganb/api/corporation/v1'],
  ['gmo-aozora', '/ganb/api/personal/v1'],
  ['bankdemo', '/api/v1'],
];

let bank: SpecFixtureBank;
let renewals: number;

async function connectorFor(dialect: ApiDialect, basePath: string): Promise<BankConnector> {
  bank = await startSpecFixtureBank(basePath);
  renewals = 0;
  return createConnector(dialect, {
    apiBase: bank.apiBase,
    tokens: {
      accessToken: async (renew) => {
        if (renew) renewals += 1;
        return `token-${renewals}`;
      },
    },
  });
}

afterEach(async () => {
  await bank?.close();
});

describe.each(BASES.filter(([d]) => d === 'gmo-aozora'))(
  'the GMO Aozora connector under %s %s',
  (dialect, base) => {
    let gmo: BankConnector;
    beforeEach(async () => {
      gmo = await connectorFor(dialect, base);
    });

    it('sends the token in x-access-token, never as a Bearer authorization', async () => {
      bank.script('/accounts', { body: body('gmo-aozora/accounts.json') });
      await gmo.accounts();
      expect(bank.requests[0]!.headers['x-access-token']).toBe('token-0');
      expect(bank.requests[0]!.headers.authorization).toBeUndefined();
    });

    it('lists a 円定期預金 and a 外貨普通預金 without the fields GMO sends only for 普通預金, and serves statements only for 01/02', async () => {
      bank.script('/accounts', { body: body('gmo-aozora/accounts.json') });
      const [ordinary, fixed, foreign] = await gmo.accounts();
      expect(ordinary).toEqual({
        accountId: '101011234567',
        accountTypeCode: '01',
        accountTypeName: '普通預金（有利息）',
        branchCode: '101',
        branchName: '法人営業部',
        accountNumber: '1234567',
        accountName: 'ｼﾞﾖｳﾅﾝｼﾖｳｼﾞ(ｶ',
        currencyCode: 'JPY',
        servesStatements: true,
      });
      expect(fixed).toEqual({
        accountId: '101110000001',
        accountTypeCode: '11',
        accountTypeName: '円定期預金',
        currencyCode: 'JPY',
        servesStatements: false,
      });
      expect(foreign).toMatchObject({ accountTypeCode: '51', currencyCode: 'USD', servesStatements: false });
    });

    it('reads balances with their +09:00 (or Z) base time as JST, a 外貨普通預金 by its yen equivalent beside its own currency', async () => {
      bank.script('/accounts/balances', { body: body('gmo-aozora/balances.json') });
      expect(await gmo.balances()).toEqual([
        {
          accountId: '101011234567',
          balance: 3_250_000,
          currencyCode: 'JPY',
          baseDate: '2026-11-30',
          baseTime: '10:15:30',
        },
        {
          accountId: '101110000001',
          balance: 1_000_000,
          currencyCode: 'JPY',
          baseDate: '2026-11-30',
          baseTime: '10:15:30',
        },
        {
          accountId: '101510000001',
          balance: 226_700,
          foreignBalance: '1520.255',
          currencyCode: 'USD',
          baseDate: '2026-11-30',
          baseTime: '10:15:30',
        },
      ]);
    });

    it('pages through a statement: rows without remarks, negative amounts, a row without itemKey keyed by its content', async () => {
      bank.script(
        '/accounts/transactions',
        { body: body('gmo-aozora/transactions-page-1.json') },
        { body: body('gmo-aozora/transactions-page-2.json') },
      );
      const first = await gmo.transactionsPage({ accountId: '101011234567', dateFrom: '2026-11-01' });
      expect(first).toMatchObject({ hasNext: true, nextItemKey: '1764460800000003', dateTo: '2026-11-30' });
      expect(first.transactions[1]).toMatchObject({ amount: '440' });
      expect(first.transactions[1]!.remarks).toBeUndefined();
      expect(first.transactions[2]).toMatchObject({ amount: '-440', transactionType: '1' });
      const last = await gmo.transactionsPage({
        accountId: '101011234567',
        dateFrom: '2026-11-01',
        nextItemKey: first.nextItemKey!,
      });
      expect(bank.requests[1]!.query.get('nextItemKey')).toBe('1764460800000003');
      expect(last.hasNext).toBe(false);
      const row = last.transactions[0]!;
      expect(row.itemKey).toBe(contentKey(row));
      expect(row.itemKey).toMatch(/^~[\w-]{24}$/);
    });

    it('reads a page with no transactions field as an empty page', async () => {
      bank.script('/accounts/transactions', { body: body('gmo-aozora/transactions-empty.json') });
      expect(await gmo.transactionsPage({ accountId: '101011234567', dateFrom: '2026-11-30' })).toMatchObject(
        {
          hasNext: false,
          transactions: [],
        },
      );
    });

    it.each([
      // [what, answer, with a page key, expected code, expected kind or bank code]
      [
        'WG_ERR_110 to a saved page key is the key refused',
        gmoErrors.validation,
        true,
        'BANK_ERROR',
        'bad-key',
      ],
      [
        'WG_ERR_110 to a first page is a refusal with its code shown',
        gmoErrors.validation,
        false,
        'BANK_ERROR',
        'other',
      ],
      [
        'a code the app does not know is BANK_ERROR with the code shown',
        gmoErrors.unknown,
        false,
        'BANK_ERROR',
        'other',
      ],
    ] as const)('%s', async (_what, answer, withKey, code, kind) => {
      bank.script('/accounts/transactions', answer);
      const error = await gmo
        .transactionsPage({
          accountId: '101011234567',
          dateFrom: '2026-11-01',
          ...(withKey ? { nextItemKey: '17' } : {}),
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BankRefusal);
      expect(error).toMatchObject({ code, kind, bankCode: (answer.body as { errorCode: string }).errorCode });
      expect((error as AppError).toInfo().bankCode).toBe((answer.body as { errorCode: string }).errorCode);
    });

    it.each([
      [
        '401 WG_ERR_105 renews the token once, then is CONSENT_EXPIRED',
        gmoErrors.token,
        'CONSENT_EXPIRED',
        1,
      ],
      ['429 WG_ERR_154 longer than the app waits is RATE_LIMITED', gmoErrors.limit, 'RATE_LIMITED', 0],
      [
        '503 WG_ERR_300 (maintenance) longer than the app waits is BANK_UNAVAILABLE',
        gmoErrors.maintenance,
        'BANK_UNAVAILABLE',
        0,
      ],
    ] as const)('%s', async (_what, answer, code, renewed) => {
      bank.script('/accounts', { ...answer, headers: { 'retry-after': '3600' } });
      const error = await gmo.accounts().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code, bankCode: (answer.body as { errorCode: string }).errorCode });
      expect(renewals).toBe(renewed);
    });

    it.each([
      [
        'a balance sent as a number',
        { balances: [{ ...balanceRow(), balance: 3250000 }] },
        'balances.0.balance',
      ],
      [
        'a base time in no known format',
        { balances: [{ ...balanceRow(), baseTime: '10時15分' }] },
        'balances.0.baseTime',
      ],
      ['a row without its required balance', null, 'transactions.0.balance'],
    ])('refuses %s with BANK_RESPONSE_INVALID naming the field', async (_what, balances, field) => {
      if (balances) {
        bank.script('/accounts/balances', { body: balances });
        await expect(gmo.balances()).rejects.toMatchObject({
          code: 'BANK_RESPONSE_INVALID',
          message: expect.stringContaining(field),
        });
        return;
      }
      const page = body('gmo-aozora/transactions-page-2.json') as {
        transactions: Array<Record<string, unknown>>;
      };
      const row = { ...page.transactions[0]! };
      delete row.balance;
      bank.script('/accounts/transactions', { body: { ...page, transactions: [row] } });
      await expect(
        gmo.transactionsPage({ accountId: '101011234567', dateFrom: '2026-11-01' }),
      ).rejects.toMatchObject({
        code: 'BANK_RESPONSE_INVALID',
        message: expect.stringContaining(field),
      });
    });
  },
);

function balanceRow() {
  return (body('gmo-aozora/balances.json') as { balances: Array<Record<string, unknown>> }).balances[0]!;
}

describe('the デモ信用金庫 connector', () => {
  let bankdemo: BankConnector;
  beforeEach(async () => {
    bankdemo = await connectorFor('bankdemo', '/api/v1');
  });

  it('sends a Bearer token and reads its own fields, a row without remarks included', async () => {
    bank.script('/accounts', { body: demo.accounts });
    bank.script('/accounts/balances', { body: demo.balances });
    bank.script('/accounts/transactions', { body: demo.transactions });
    expect(await bankdemo.accounts()).toEqual([
      expect.objectContaining({ accountId: '002019000001', currencyCode: 'JPY', servesStatements: true }),
    ]);
    expect(bank.requests[0]!.headers.authorization).toBe('Bearer token-0');
    expect(await bankdemo.balances()).toEqual([
      {
        accountId: '002019000001',
        balance: 98_000,
        currencyCode: 'JPY',
        baseDate: '2026-11-30',
        baseTime: '10:15',
      },
    ]);
    const page = await bankdemo.transactionsPage({ accountId: '002019000001', dateFrom: '2026-11-01' });
    expect(page.transactions[1]).toMatchObject({ itemKey: '0000000002' });
    expect(page.transactions[1]!.remarks).toBeUndefined();
  });

  it.each([
    ['LINK_EXPIRED is CONSENT_EXPIRED without a renewal', demo.expired, false, 'CONSENT_EXPIRED', undefined],
    ['INVALID_NEXT_ITEM_KEY is the key refused', demo.badKey, true, 'BANK_ERROR', 'bad-key'],
  ] as const)('%s', async (_what, answer, withKey, code, kind) => {
    bank.script('/accounts/transactions', answer);
    const error = await bankdemo
      .transactionsPage({
        accountId: '002019000001',
        dateFrom: '2026-11-01',
        ...(withKey ? { nextItemKey: '5' } : {}),
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code, ...(kind ? { kind } : {}) });
    expect(renewals).toBe(0);
  });
});
