import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, jstDate } from '../../shared/dates.ts';
import type {
  GmoAccountsResponse,
  GmoBalancesResponse,
  GmoErrorResponse,
  GmoTransactionsResponse,
} from '../../simulator/api/gmo/gmo-schema.ts';
import {
  authorizationRequest,
  consentAsCorporate,
  consentAsPersonal,
  corporateAccessToken,
  desktopClient,
  exchangeCode,
} from '../support/consent-flow.ts';
import { apiFetch } from '../support/desktop-proofs.ts';
import {
  desktopLinks,
  GMO_TEST_BANK,
  gmoApiBase,
  qaPost,
  startTestBank,
  type TestBank,
} from '../support/test-bank.ts';

// GMO_TEST_BANK's branches are 101 法人営業部, 102 ひまわり支店, 103 あさがお支店.
const TRADING = { ordinary: '102015003001', timeDeposit: '102115003002', usd: '102515003003' }; // CORP0003
const TAKAHASHI = { ordinary: '101014567890', timeDeposit: '101114567891', usd: '101514567892' }; // 1000000004
const BULK = '102019000001'; // CORP9000

let bank: TestBank;
let tradingToken: string;
let balancesOnlyToken: string;
let bulkToken: string;
let personalToken: string;

async function personalAccessToken(loginId: string, password: string): Promise<string> {
  const config = await desktopClient(bank);
  const request = await authorizationRequest(config, 'http://127.0.0.1:45002/callback', {
    channel: 'personal',
  });
  return (await exchangeCode(config, request, await consentAsPersonal(bank, request, loginId, password)))
    .access_token;
}

beforeAll(async () => {
  bank = await startTestBank(GMO_TEST_BANK);
  tradingToken = await corporateAccessToken(bank, 'CORP0003', 'Corp-Pass-3');
  balancesOnlyToken = await corporateAccessToken(bank, 'CORP0003', 'Corp-Pass-3', { scope: 'balances:read' });
  bulkToken = await corporateAccessToken(bank, 'CORP9000', 'Corp-Pass-9');
  personalToken = await personalAccessToken('1000000004', 'Demo-Pass-4');
});
afterAll(async () => {
  await bank?.dispose();
});

/** GET on GMO's corporate (or personal) API, the token in x-access-token as GMO takes it (with its proof when bound). */
async function gmo<T>(
  path: string,
  token: string | null = tradingToken,
  {
    channel = 'corporate',
    headers = {},
  }: { channel?: 'corporate' | 'personal'; headers?: Record<string, string> } = {},
) {
  const url = `${gmoApiBase(bank, channel)}${path}`;
  const res = token
    ? await apiFetch(url, token, { header: 'x-access-token', headers })
    : await fetch(url, { headers });
  return { status: res.status, headers: res.headers, body: (await res.json()) as T };
}

const GMO_TIME = /^\d{2}:\d{2}:\d{2}\+09:00$/;
const today = () => jstDate(Date.now());

describe('GMO dialect: GET …/accounts', () => {
  it('lists 普通 with every field, and 円定期・外貨普通 without branch, number or name (GMO sends those for 01/02 only)', async () => {
    const { status, headers, body } = await gmo<GmoAccountsResponse>('/accounts');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(body.baseDate).toBe(today());
    expect(body.baseTime).toMatch(GMO_TIME);
    expect(body.accounts).toEqual([
      {
        accountId: TRADING.ordinary,
        branchCode: '102',
        branchName: 'ひまわり支店',
        accountTypeCode: '01',
        accountTypeName: '普通預金',
        accountNumber: '5003001',
        primaryAccountCode: '1',
        primaryAccountCodeName: '代表口座',
        accountName: '株式会社デモ貿易',
        accountNameKana: 'ｶ)ﾃﾞﾓﾎﾞｳｴｷ',
        currencyCode: 'JPY',
        currencyName: '日本円',
      },
      {
        accountId: TRADING.timeDeposit,
        accountTypeCode: '11',
        accountTypeName: '円定期預金',
        currencyCode: 'JPY',
        currencyName: '日本円',
      },
      {
        accountId: TRADING.usd,
        accountTypeCode: '51',
        accountTypeName: '外貨普通預金',
        currencyCode: 'USD',
        currencyName: '米ドル',
      },
    ]);
  });

  it('serves the personal channel under /ganb/api/personal/v1 to a personal customer', async () => {
    const { status, body } = await gmo<GmoAccountsResponse>('/accounts', personalToken, {
      channel: 'personal',
    });
    expect(status).toBe(200);
    expect(body.accounts.map((a) => [a.accountId, a.accountTypeCode])).toEqual([
      [TAKAHASHI.ordinary, '01'],
      [TAKAHASHI.timeDeposit, '11'],
      [TAKAHASHI.usd, '51'],
    ]);
  });

  it.each([
    ['a personal token on the corporate API', 'corporate' as const, () => personalToken],
    ['a corporate token on the personal API', 'personal' as const, () => tradingToken],
  ])('refuses %s with 401 WG_ERR_105', async (_name, channel, token) => {
    const { status, body } = await gmo<GmoErrorResponse>('/accounts', token(), { channel });
    expect(status).toBe(401);
    expect(body.errorCode).toBe('WG_ERR_105');
  });
});

describe('GMO dialect: the token header and the errors', () => {
  it('takes the token only in x-access-token: Authorization: Bearer gets 401 WG_ERR_105 and no challenge', async () => {
    const { status, headers, body } = await gmo<GmoErrorResponse>('/accounts', null, {
      headers: { authorization: `Bearer ${tradingToken}` },
    });
    expect(status).toBe(401);
    expect(body).toEqual({ errorCode: 'WG_ERR_105', errorMessage: expect.any(String) });
    expect(headers.get('www-authenticate')).toBeNull();
  });

  it('reads x-access-token only: a junk one beside a valid Authorization: Bearer gets 401 WG_ERR_105', async () => {
    const { status, body } = await gmo<GmoErrorResponse>('/accounts', 'junk-token', {
      headers: { authorization: `Bearer ${tradingToken}` },
    });
    expect([status, body.errorCode]).toEqual([401, 'WG_ERR_105']);
  });

  it.each([
    ['an unknown token', '/accounts', 'not-a-token', 401, 'WG_ERR_105'],
    ['an operation GMO does not have', '/accounts/visa-transactions', undefined, 404, 'WG_ERR_019'],
    [
      'an account that is not shared',
      '/accounts/balances?accountId=001015001001',
      undefined,
      400,
      'WG_ERR_110',
    ],
    [
      'dateFrom after dateTo',
      `/accounts/transactions?accountId=${TRADING.ordinary}&dateFrom=2026-01-10&dateTo=2026-01-01`,
      undefined,
      400,
      'WG_ERR_110',
    ],
    [
      'a malformed date',
      `/accounts/transactions?accountId=${TRADING.ordinary}&dateFrom=2026-1-1`,
      undefined,
      400,
      'WG_ERR_110',
    ],
    [
      'statements of a 円定期預金',
      `/accounts/transactions?accountId=${TRADING.timeDeposit}`,
      undefined,
      400,
      'WG_ERR_110',
    ],
    [
      'statements of a 外貨普通預金',
      `/accounts/transactions?accountId=${TRADING.usd}`,
      undefined,
      400,
      'WG_ERR_110',
    ],
  ])('answers %s with %s', async (_name, path, token, status, code) => {
    const res = await gmo<GmoErrorResponse>(path, token ?? tradingToken);
    expect(res.status).toBe(status);
    expect(res.body.errorCode).toBe(code);
    expect(res.body.errorMessage).toMatch(/[ぁ-んァ-ン一-龥]/);
  });

  it('answers a method other than GET with 405 WG_ERR_019', async () => {
    const res = await apiFetch(`${gmoApiBase(bank, 'corporate')}/accounts`, tradingToken, {
      method: 'POST',
      header: 'x-access-token',
    });
    expect(res.status).toBe(405);
    expect(((await res.json()) as GmoErrorResponse).errorCode).toBe('WG_ERR_019');
  });

  it('refuses a token whose link QA expired with 401 WG_ERR_105, as GMO answers a token to refresh', async () => {
    const token = await corporateAccessToken(bank, 'CORP0001', 'Corp-Pass-1');
    expect((await gmo('/accounts', token)).status).toBe(200);
    const link = (await desktopLinks(bank, 'CORP0001')).at(-1);
    await qaPost(bank, `/qa/api/links/${link!.id}/expire`);
    const res = await gmo<GmoErrorResponse>('/accounts', token);
    expect([res.status, res.body.errorCode]).toEqual([401, 'WG_ERR_105']);
    expect(res.body.errorMessage).toContain('有効期限');
  });

  it('refuses statements to a token the customer allowed balances only: 403 WG_ERR_106', async () => {
    const res = await gmo<GmoErrorResponse>(
      `/accounts/transactions?accountId=${TRADING.ordinary}`,
      balancesOnlyToken,
    );
    expect(res.status).toBe(403);
    expect(res.body.errorCode).toBe('WG_ERR_106');
  });

  it('writes QA faults in GMO codes: 429 WG_ERR_154 with Retry-After, 503 WG_ERR_300, 500 WG_ERR_999', async () => {
    await qaPost(bank, '/qa/api/faults', { status: 429, count: 1, retryAfter: 7 });
    const limited = await gmo<GmoErrorResponse>('/accounts');
    expect([limited.status, limited.body.errorCode, limited.headers.get('retry-after')]).toEqual([
      429,
      'WG_ERR_154',
      '7',
    ]);
    await qaPost(bank, '/qa/api/faults', { status: 500, count: 1 });
    const broken = await gmo<GmoErrorResponse>('/accounts');
    expect([broken.status, broken.body.errorCode]).toEqual([500, 'WG_ERR_999']);
    await qaPost(bank, '/qa/api/maintenance', { on: true });
    try {
      const maintenance = await gmo<GmoErrorResponse>('/accounts');
      expect([maintenance.status, maintenance.body.errorCode]).toEqual([503, 'WG_ERR_300']);
    } finally {
      await qaPost(bank, '/qa/api/maintenance', { on: false });
    }
    expect((await gmo('/accounts')).status).toBe(200);
  });

  it('does not serve our own /api/v1 dialect beside GMO’s', async () => {
    const res = await fetch(`${bank.issuer}/api/v1/accounts`, {
      headers: { authorization: `Bearer ${tradingToken}` },
    });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).not.toMatch(/json/);
  });
});

describe('GMO dialect: GET …/accounts/balances', () => {
  it('sends each kind of account the fields GMO sends for it', async () => {
    const { status, body } = await gmo<GmoBalancesResponse>('/accounts/balances');
    expect(status).toBe(200);
    const [ordinary, timeDeposit, usd] = body.balances;
    expect(ordinary).toMatchObject({
      accountId: TRADING.ordinary,
      accountTypeCode: '01',
      currencyCode: 'JPY',
    });
    for (const field of [
      'balance',
      'withdrawableAmount',
      'previousDayBalance',
      'previousMonthBalance',
    ] as const)
      expect(ordinary![field]).toMatch(/^\d+$/);
    expect(ordinary!.baseTime).toMatch(GMO_TIME);
    expect(timeDeposit).toEqual({
      accountId: TRADING.timeDeposit,
      accountTypeCode: '11',
      accountTypeName: '円定期預金',
      balance: '30000000',
      baseDate: today(),
      baseTime: expect.stringMatching(GMO_TIME),
      currencyCode: 'JPY',
      currencyName: '日本円',
    });
    expect(usd).toEqual({
      accountId: TRADING.usd,
      accountTypeCode: '51',
      accountTypeName: '外貨普通預金',
      baseDate: today(),
      baseTime: expect.stringMatching(GMO_TIME),
      currencyCode: 'USD',
      currencyName: '米ドル',
      fcyTotalBalance: '250000.00',
      ttb: '149.52',
      baseRateDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      baseRateTime: '10:00:00+09:00',
      yenEquivalent: '37380000',
    });
  });

  it('answers one account when accountId is given', async () => {
    const { body } = await gmo<GmoBalancesResponse>(`/accounts/balances?accountId=${TRADING.usd}`);
    expect(body.balances.map((b) => b.accountId)).toEqual([TRADING.usd]);
  });
});

describe('GMO dialect: GET …/accounts/transactions', () => {
  it('pages by nextItemKey with hasNext, 500 rows a page, each balance following from the one before', async () => {
    const from = addDays(today(), -60);
    const first = await gmo<GmoTransactionsResponse>(
      `/accounts/transactions?accountId=${BULK}&dateFrom=${from}`,
      bulkToken,
    );
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      accountId: BULK,
      hasNext: true,
      count: '500',
      dateFrom: from,
      dateTo: today(),
    });
    expect(first.body.baseTime).toMatch(GMO_TIME);
    // GMO's 明細キー: 20 digits that read as the row's time; here the row's date, then its sequence.
    for (const row of first.body.transactions)
      expect(row.itemKey).toMatch(new RegExp(`^${row.transactionDate.replaceAll('-', '')}\\d{12}$`));
    expect(first.body.nextItemKey).toBe(first.body.transactions.at(-1)!.itemKey);
    const second = await gmo<GmoTransactionsResponse>(
      `/accounts/transactions?accountId=${BULK}&dateFrom=${from}&nextItemKey=${first.body.nextItemKey}`,
      bulkToken,
    );
    const last = first.body.transactions.at(-1)!;
    const next = second.body.transactions[0]!;
    expect(BigInt(next.itemKey!)).toBeGreaterThan(BigInt(last.itemKey!));
    const signed = next.transactionType === '1' ? Number(next.amount) : -Number(next.amount);
    expect(Number(next.balance)).toBe(Number(last.balance) + signed);
  });

  it('refuses a nextItemKey it did not give with 400 WG_ERR_110', async () => {
    const from = addDays(today(), -60);
    const { body } = await gmo<GmoTransactionsResponse>(
      `/accounts/transactions?accountId=${BULK}&dateFrom=${from}`,
      bulkToken,
    );
    const given = body.nextItemKey!;
    const otherDay = `${addDays(from, -1).replaceAll('-', '')}${given.slice(8)}`; // right sequence, wrong date
    const ourFormat = given.slice(10); // the core's own 10-digit key
    for (const key of ['999', 'abc', '99999999999999999999', otherDay, ourFormat]) {
      const res = await gmo<GmoErrorResponse>(
        `/accounts/transactions?accountId=${BULK}&dateFrom=${from}&nextItemKey=${key}`,
        bulkToken,
      );
      expect([key, res.status, res.body.errorCode]).toEqual([key, 400, 'WG_ERR_110']);
    }
    const next = await gmo(
      `/accounts/transactions?accountId=${BULK}&dateFrom=${from}&nextItemKey=${given}`,
      bulkToken,
    );
    expect(next.status).toBe(200);
  });

  it('leaves remarks out of a row that has none, and never sends remarks empty or null', async () => {
    let key: string | undefined;
    let unmarked = 0;
    let marked = 0;
    do {
      const page = await gmo<GmoTransactionsResponse>(
        `/accounts/transactions?accountId=${TRADING.ordinary}&dateFrom=${addDays(today(), -200)}${key ? `&nextItemKey=${key}` : ''}`,
      );
      for (const row of page.body.transactions) {
        if ('remarks' in row) {
          expect(row.remarks).toMatch(/\S/);
          marked += 1;
        } else unmarked += 1;
      }
      key = page.body.nextItemKey;
    } while (key);
    expect(unmarked).toBeGreaterThan(0);
    expect(marked).toBeGreaterThan(unmarked);
  });

  it('serves a row QA posts with no remarks without the field; QA cannot post to a 円定期預金', async () => {
    const posted = await qaPost(bank, `/qa/api/accounts/${TRADING.ordinary}/transactions`, {
      items: [{ transactionType: '1', amount: 12_345 }],
    });
    expect(posted.status).toBe(200);
    const { body } = await gmo<GmoTransactionsResponse>(
      `/accounts/transactions?accountId=${TRADING.ordinary}`,
    );
    const row = body.transactions.at(-1)!;
    expect(row).toMatchObject({ transactionType: '1', amount: '12345' });
    expect(row).not.toHaveProperty('remarks');
    const refused = await qaPost(bank, `/qa/api/accounts/${TRADING.timeDeposit}/transactions`, { count: 1 });
    expect(refused.status).toBe(404);
  });

  it('runs dateTo alone from the first served day (GMO), not that one day (ours)', async () => {
    const { body } = await gmo<GmoTransactionsResponse>(
      `/accounts/transactions?accountId=${TRADING.ordinary}&dateTo=${today()}`,
    );
    expect(body.dateFrom).toBe(addDays(today(), -729));
    expect(body.dateTo).toBe(today());
  });

  it('serves the personal channel’s statements too', async () => {
    const { status, body } = await gmo<GmoTransactionsResponse>(
      `/accounts/transactions?accountId=${TAKAHASHI.ordinary}&dateFrom=${addDays(today(), -90)}`,
      personalToken,
      { channel: 'personal' },
    );
    expect(status).toBe(200);
    expect(body.transactions.length).toBeGreaterThan(0);
  });
});

describe("GMO's own scope name (private:account)", () => {
  it('links an app that asks for private:account, reads every operation, and says the scope back', async () => {
    const config = await desktopClient(bank);
    const request = await authorizationRequest(config, 'http://127.0.0.1:45003/callback', {
      channel: 'corporate',
      scope: 'private:account offline_access',
    });
    const tokens = await exchangeCode(
      config,
      request,
      await consentAsCorporate(bank, request, 'CORP0003', 'Corp-Pass-3'),
    );
    expect(String(tokens.scope).split(' ')).toContain('private:account');
    const balances = await gmo<GmoBalancesResponse>('/accounts/balances', tokens.access_token);
    expect(balances.status).toBe(200);
    const rows = await gmo<GmoTransactionsResponse>(
      `/accounts/transactions?accountId=${TRADING.ordinary}&dateFrom=${addDays(today(), -30)}`,
      tokens.access_token,
    );
    expect(rows.status).toBe(200);
    const { links } = (await (await fetch(`${bank.issuer}/qa/api/links`)).json()) as {
      links: Array<{ loginId: string; scopes: string[] }>;
    };
    // The link records the operations the customer consented to, as the consent screen listed them.
    expect(links.find((l) => l.loginId === 'CORP0003')!.scopes).toEqual([
      'balances:read',
      'transactions:read',
    ]);
  });

  it('lists private:account in discovery', async () => {
    const metadata = (await (await fetch(`${bank.issuer}/.well-known/openid-configuration`)).json()) as {
      scopes_supported: string[];
    };
    expect(metadata.scopes_supported).toEqual(expect.arrayContaining(['private:account', 'balances:read']));
  });
});

describe('a namespace of a GMO-dialect bank', () => {
  it("serves GMO's paths under /ns/<name>, to its own tokens only", async () => {
    const made = await qaPost(bank, '/qa/api/namespaces', { name: 'gmo-team' });
    expect(made.status).toBe(201);
    const ns = (await made.json()) as { issuer: string };
    const token = await corporateAccessToken(ns, 'CORP0003', 'Corp-Pass-3');
    const res = await apiFetch(`${gmoApiBase(ns, 'corporate')}/accounts`, token, {
      header: 'x-access-token',
    });
    expect(res.status).toBe(200);
    const { accounts } = (await res.json()) as { accounts: { accountId: string }[] };
    expect(accounts.map((a) => a.accountId)).toContain(TRADING.ordinary);
    // The root bank's tokens are not the namespace's, and the other way round.
    const foreign = await apiFetch(`${gmoApiBase(ns, 'corporate')}/accounts`, tradingToken, {
      header: 'x-access-token',
    });
    expect(foreign.status).toBe(401);
    const back = await apiFetch(`${gmoApiBase(bank, 'corporate')}/accounts`, token, {
      header: 'x-access-token',
    });
    expect(back.status).toBe(401);
  }, 120_000);
});
