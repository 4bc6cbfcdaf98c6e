import type {
  AccountsResponse,
  ApiError,
  BalancesResponse,
  TransactionsResponse,
} from '../../shared/bank/api-types.ts';
import { addDays, jstDate } from '../../shared/dates.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authorizationRequest,
  consentAsPersonal,
  corporateAccessToken,
  desktopClient,
  exchangeCode,
  partnerAccessToken,
} from '../support/consent-flow.ts';
import { apiFetch } from '../support/desktop-proofs.ts';
import { qaPost, startTestBank, type TestBank } from '../support/test-bank.ts';

const BULK_ACCOUNT = '002019000001'; // CORP9000
const CORP1_ORDINARY = '001015001001';
const CORP1_CURRENT = '001025001002';

let bank: TestBank;
let bulkToken: string;
let transactionsOnlyToken: string;
let currentOnlyToken: string;
let personalToken: string;

beforeAll(async () => {
  bank = await startTestBank();
  bulkToken = await corporateAccessToken(bank, 'CORP9000', 'Corp-Pass-9');
  transactionsOnlyToken = await corporateAccessToken(bank, 'CORP0001', 'Corp-Pass-1', {
    scope: 'transactions:read',
  });
  currentOnlyToken = await corporateAccessToken(bank, 'CORP0001', 'Corp-Pass-1', {
    accountIds: [CORP1_CURRENT],
  });
  const config = await desktopClient(bank);
  const request = await authorizationRequest(config, 'http://127.0.0.1:45001/callback', {
    channel: 'personal',
  });
  personalToken = (
    await exchangeCode(config, request, await consentAsPersonal(bank, request, '1000000002', 'Demo-Pass-2'))
  ).access_token;
});
afterAll(async () => {
  await bank?.dispose();
});

/** GET on the API as the token's holder would (with its proof when bound); `null` sends no token. */
async function api<T>(path: string, token: string | null = bulkToken, headers: Record<string, string> = {}) {
  const url = `${bank.issuer}/api/v1${path}`;
  const res = token ? await apiFetch(url, token, { headers }) : await fetch(url, { headers });
  return { status: res.status, headers: res.headers, body: (await res.json()) as T };
}

const today = () => jstDate(Date.now());

describe('GET /api/v1/accounts', () => {
  it('lists the shared accounts with the GMO-style fields, none of them null', async () => {
    const { status, body } = await api<AccountsResponse>('/accounts');
    expect(status).toBe(200);
    expect(body.accounts).toEqual([
      {
        accountId: BULK_ACCOUNT,
        branchCode: '002',
        branchName: '駅前支店',
        accountTypeCode: '01',
        accountTypeName: '普通預金',
        accountNumber: '9000001',
        primaryAccountCode: '1',
        accountName: '株式会社デモ大量取引',
        accountNameKana: 'ｶ)ﾃﾞﾓﾀｲﾘﾖｳﾄﾘﾋｷ',
        currencyCode: 'JPY',
        currencyName: '日本円',
      },
    ]);
  });

  it('works with either scope, and takes a bearer token in x-access-token too', async () => {
    expect((await api('/accounts', transactionsOnlyToken)).status).toBe(200);
    // x-access-token names no scheme and is read as Bearer: a partner's (bearer) token works there.
    const partnerToken = await partnerAccessToken(bank, 'CORP9000', 'Corp-Pass-9');
    expect((await api('/accounts', null, { 'x-access-token': partnerToken })).status).toBe(200);
  });
});

describe('paging through 100,000 transactions', () => {
  it('returns every row exactly once, in order, with balances that follow, ending at the balance endpoint’s', async () => {
    const from = addDays(today(), -729);
    const seen = new Set<string>();
    let previous: { itemKey: string; balance: number } | undefined;
    let nextItemKey: string | undefined;
    let pages = 0;
    do {
      const query = new URLSearchParams({ accountId: BULK_ACCOUNT, dateFrom: from, dateTo: today() });
      if (nextItemKey) query.set('nextItemKey', nextItemKey);
      const { status, body } = await api<TransactionsResponse>(`/accounts/transactions?${query}`);
      expect(status).toBe(200);
      expect(Number(body.count)).toBe(body.transactions.length);
      expect(body.transactions.length).toBeLessThanOrEqual(500);
      expect('nextItemKey' in body).toBe(body.hasNext);
      for (const t of body.transactions) {
        expect(seen.has(t.itemKey)).toBe(false);
        seen.add(t.itemKey);
        expect(t.amount).toMatch(/^\d+$/);
        expect(t.balance).toMatch(/^\d+$/);
        if (previous) {
          expect(t.itemKey > previous.itemKey).toBe(true);
          const delta = t.transactionType === '1' ? Number(t.amount) : -Number(t.amount);
          expect(Number(t.balance)).toBe(previous.balance + delta);
        }
        previous = { itemKey: t.itemKey, balance: Number(t.balance) };
      }
      nextItemKey = body.nextItemKey;
      pages++;
    } while (nextItemKey);
    expect(seen.size).toBeGreaterThanOrEqual(99_000);
    expect(pages).toBe(Math.ceil(seen.size / 500));
    const balances = await api<BalancesResponse>(`/accounts/balances?accountId=${BULK_ACCOUNT}`);
    expect(Number(balances.body.balances[0]!.balance)).toBe(previous!.balance);
  });
});

describe('GET /api/v1/accounts/transactions: dates and keys', () => {
  const tx = (params: Record<string, string>, token = bulkToken) =>
    api<TransactionsResponse & ApiError>(
      `/accounts/transactions?${new URLSearchParams({ accountId: BULK_ACCOUNT, ...params })}`,
      token,
    );

  it('serves today when no dates are given, and up to today from dateFrom alone', async () => {
    const none = await tx({});
    expect([none.body.dateFrom, none.body.dateTo]).toEqual([today(), today()]);
    expect(none.body.transactions.every((t) => t.transactionDate === today())).toBe(true);
    const onlyFrom = await tx({ dateFrom: addDays(today(), -3) });
    expect(onlyFrom.body.dateTo).toBe(today());
  });

  it('cuts the range to the last two years', async () => {
    const { body } = await tx({ dateFrom: addDays(today(), -1500), dateTo: addDays(today(), -700) });
    expect(body.dateFrom).toBe(addDays(today(), -729));
    expect(body.transactions[0]!.transactionDate >= addDays(today(), -729)).toBe(true);
  });

  it.each([
    [{ dateFrom: '2026-02-30' }, 'INVALID_PARAMETER'],
    [{ dateFrom: '2026/01/01' }, 'INVALID_PARAMETER'],
    [
      { dateFrom: addDays(jstDate(Date.now()), -1), dateTo: addDays(jstDate(Date.now()), -2) },
      'INVALID_PARAMETER',
    ],
    [{ dateTo: addDays(jstDate(Date.now()), 1) }, 'INVALID_PARAMETER'],
    [{ accountId: 'abc' }, 'INVALID_PARAMETER'],
    [{ nextItemKey: 'not-ours' }, 'INVALID_NEXT_ITEM_KEY'],
    [{ nextItemKey: '9999999999' }, 'INVALID_NEXT_ITEM_KEY'],
  ])('refuses %o with 400 %s', async (params, code) => {
    const { status, body } = await tx(params);
    expect(status).toBe(400);
    expect(body.errorCode).toBe(code);
    expect(body.errorMessage).toMatch(/[ぁ-んァ-ン一-龯]/);
  });

  it('refuses a nextItemKey from another date range', async () => {
    const old = await tx({ dateFrom: addDays(today(), -400), dateTo: addDays(today(), -300) });
    const key = old.body.nextItemKey!;
    const { status, body } = await tx({ dateFrom: addDays(today(), -10), nextItemKey: key });
    expect(status).toBe(400);
    expect(body.errorCode).toBe('INVALID_NEXT_ITEM_KEY');
  });

  it('needs the accountId', async () => {
    const { status } = await api<ApiError>('/accounts/transactions');
    expect(status).toBe(400);
  });
});

describe('what a token may see', () => {
  it('refuses balances to a token without balances:read (403 insufficient_scope)', async () => {
    const { status, headers, body } = await api<ApiError>('/accounts/balances', transactionsOnlyToken);
    expect(status).toBe(403);
    expect(body.errorCode).toBe('INSUFFICIENT_SCOPE');
    expect(headers.get('www-authenticate')).toContain('error="insufficient_scope"');
  });

  it('shows only the accounts the customer ticked on the consent screen', async () => {
    const accounts = await api<AccountsResponse>('/accounts', currentOnlyToken);
    expect(accounts.body.accounts.map((a) => a.accountId)).toEqual([CORP1_CURRENT]);
    expect(accounts.body.accounts[0]!.primaryAccountCode).toBe('2');
    const balances = await api<BalancesResponse>('/accounts/balances', currentOnlyToken);
    expect(balances.body.balances.map((b) => b.accountId)).toEqual([CORP1_CURRENT]);
    const notShared = await api<ApiError>(
      `/accounts/transactions?accountId=${CORP1_ORDINARY}`,
      currentOnlyToken,
    );
    expect([notShared.status, notShared.body.errorCode]).toEqual([404, 'ACCOUNT_NOT_FOUND']);
  });

  it('never serves another customer’s account', async () => {
    for (const path of [
      `/accounts/transactions?accountId=${BULK_ACCOUNT}`,
      `/accounts/balances?accountId=${BULK_ACCOUNT}`,
    ]) {
      const { status, body } = await api<ApiError>(path, personalToken);
      expect([status, body.errorCode]).toEqual([404, 'ACCOUNT_NOT_FOUND']);
    }
  });

  it('answers a missing token 401 with a Bearer challenge, and a bad one with invalid_token', async () => {
    const missing = await api<ApiError>('/accounts', null);
    expect([missing.status, missing.body.errorCode]).toEqual([401, 'TOKEN_REQUIRED']);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
    const bad = await api<ApiError>('/accounts', 'not-a-token');
    expect([bad.status, bad.body.errorCode]).toEqual([401, 'INVALID_TOKEN']);
    expect(bad.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it.each([
    ['revoke', 'INVALID_TOKEN'],
    ['expire', 'LINK_EXPIRED'],
  ])('stops a token at once when the bank is told to %s its link (%s)', async (action, code) => {
    const token = await corporateAccessToken(bank, 'CORP0001', 'Corp-Pass-1');
    expect((await api('/accounts', token)).status).toBe(200);
    const { links } = (await (await fetch(`${bank.issuer}/qa/api/links`)).json()) as {
      links: { id: string }[];
    };
    await qaPost(bank, `/qa/api/links/${links[0]!.id}/${action}`);
    const after = await api<ApiError>('/accounts', token);
    expect([after.status, after.body.errorCode]).toEqual([401, code]);
  });

  it('stops an access token when it expires (BANK_ACCESS_TOKEN_TTL)', async () => {
    const shortBank = await startTestBank({ BANK_ACCESS_TOKEN_TTL: '1' });
    try {
      const token = await corporateAccessToken(shortBank, 'CORP0001', 'Corp-Pass-1');
      const first = await apiFetch(`${shortBank.issuer}/api/v1/accounts`, token);
      expect(first.status).toBe(200);
      await new Promise((r) => setTimeout(r, 2100));
      const later = await apiFetch(`${shortBank.issuer}/api/v1/accounts`, token);
      expect(later.status).toBe(401);
      expect(((await later.json()) as ApiError).errorCode).toBe('INVALID_TOKEN');
    } finally {
      await shortBank.dispose();
    }
  });
});
