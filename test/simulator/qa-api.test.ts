import type { ApiError, TransactionsResponse } from '../../shared/bank/api-types.ts';
import { jstDate } from '../../shared/dates.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corporateAccessToken } from '../support/consent-flow.ts';
import { apiFetch } from '../support/desktop-proofs.ts';
import { qaPost, startTestBank, type TestBank } from '../support/test-bank.ts';

const ACCOUNT = '001015001001'; // CORP0001 普通

let bank: TestBank;
let token: string;
beforeAll(async () => {
  bank = await startTestBank();
  token = await corporateAccessToken(bank, 'CORP0001', 'Corp-Pass-1');
});
afterAll(async () => {
  await bank?.dispose();
});

async function balances(): Promise<{
  status: number;
  headers: Headers;
  body: ApiError & { balances?: { balance: string }[] };
}> {
  const res = await apiFetch(`${bank.issuer}/api/v1/accounts/balances?accountId=${ACCOUNT}`, token);
  return { status: res.status, headers: res.headers, body: (await res.json()) as never };
}

async function todaysTransactions(): Promise<TransactionsResponse> {
  const res = await apiFetch(`${bank.issuer}/api/v1/accounts/transactions?accountId=${ACCOUNT}`, token);
  return (await res.json()) as TransactionsResponse;
}

describe('fault injection', () => {
  it.each([
    [503, 'SERVICE_UNAVAILABLE', '3'],
    [429, 'TOO_MANY_REQUESTS', '7'],
    [500, 'INTERNAL_ERROR', null],
  ] as const)('makes the next N calls answer %i %s, then recovers', async (status, code, retryAfter) => {
    const body = status === 500 ? { status, count: 2 } : { status, count: 2, retryAfter: Number(retryAfter) };
    expect((await qaPost(bank, '/qa/api/faults', body)).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const res = await balances();
      expect([res.status, res.body.errorCode]).toEqual([status, code]);
      expect(res.headers.get('retry-after')).toBe(retryAfter);
    }
    expect((await balances()).status).toBe(200);
  });

  it('slows the next call down by the requested latency', async () => {
    await qaPost(bank, '/qa/api/faults', { latencyMs: 400, count: 1 });
    const started = performance.now();
    expect((await balances()).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
  });

  it('clears scheduled faults', async () => {
    await qaPost(bank, '/qa/api/faults', { status: 503, count: 100 });
    const cleared = await fetch(`${bank.issuer}/qa/api/faults`, { method: 'DELETE' });
    expect(((await cleared.json()) as { faults: unknown[] }).faults).toEqual([]);
    expect((await balances()).status).toBe(200);
  });

  it.each([
    { status: 404 },
    { status: 503, count: 0 },
    { status: 503, count: 1_000_000 },
    { latencyMs: -5 },
    {},
  ])('refuses the fault %o with a coded 400', async (body) => {
    const res = await qaPost(bank, '/qa/api/faults', body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as ApiError).errorCode).toBe('INVALID_PARAMETER');
  });
});

describe('maintenance mode', () => {
  it('answers every API call 503 MAINTENANCE until switched off', async () => {
    await qaPost(bank, '/qa/api/maintenance', { on: true });
    const during = await balances();
    expect([during.status, during.body.errorCode]).toEqual([503, 'MAINTENANCE']);
    expect(during.headers.get('retry-after')).toBeTruthy();
    await qaPost(bank, '/qa/api/maintenance', { on: false });
    expect((await balances()).status).toBe(200);
  });
});

describe('posting transactions', () => {
  it('books them today, after what is there, and the balance follows', async () => {
    const before = await todaysTransactions();
    const balanceBefore = Number((await balances()).body.balances![0]!.balance);
    const res = await qaPost(bank, `/qa/api/accounts/${ACCOUNT}/transactions`, {
      items: [
        { transactionType: '1', amount: 123_456, remarks: 'ﾌﾘｺﾐ ﾃｽﾄ ﾀﾛｳ' },
        { transactionType: '2', amount: 1_000, remarks: 'ATM' },
      ],
    });
    expect(res.status).toBe(200);
    const after = await todaysTransactions();
    expect(after.transactions).toHaveLength(before.transactions.length + 2);
    const [deposit, withdrawal] = after.transactions.slice(-2);
    expect(deposit).toMatchObject({
      transactionDate: jstDate(Date.now()),
      transactionType: '1',
      amount: '123456',
      remarks: 'ﾌﾘｺﾐ ﾃｽﾄ ﾀﾛｳ',
    });
    expect(Number(withdrawal!.balance)).toBe(balanceBefore + 123_456 - 1_000);
    expect(Number((await balances()).body.balances![0]!.balance)).toBe(balanceBefore + 122_456);
  });

  it('posts a number of sample transactions', async () => {
    const before = await todaysTransactions();
    const res = await qaPost(bank, `/qa/api/accounts/${ACCOUNT}/transactions`, { count: 5 });
    expect(((await res.json()) as { transactions: unknown[] }).transactions).toHaveLength(5);
    expect((await todaysTransactions()).transactions).toHaveLength(before.transactions.length + 5);
  });

  it.each([
    { count: 0 },
    { count: -1 },
    { count: 100_000 },
    { items: [] },
    { items: [{ transactionType: '1', amount: 1.5, remarks: 'ATM' }] },
    { items: [{ transactionType: '1', amount: 100, remarks: '<script>' }] },
  ])('refuses %o with a coded 400', async (body) => {
    const res = await qaPost(bank, `/qa/api/accounts/${ACCOUNT}/transactions`, body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as ApiError).errorCode).toBe('INVALID_PARAMETER');
  });

  it('refuses a withdrawal larger than the balance, and an unknown account', async () => {
    const tooMuch = await qaPost(bank, `/qa/api/accounts/${ACCOUNT}/transactions`, {
      items: [{ transactionType: '2', amount: 99_999_999_999, remarks: 'ATM' }],
    });
    expect([tooMuch.status, ((await tooMuch.json()) as ApiError).errorCode]).toEqual([
      400,
      'INSUFFICIENT_BALANCE',
    ]);
    expect((await qaPost(bank, '/qa/api/accounts/999999999999/transactions', { count: 1 })).status).toBe(404);
  });
});

describe('reset', () => {
  it('returns the bank to its seeded state: no links or tokens, no posted rows, seeded locks, no faults', async () => {
    const seededToday = (await todaysTransactions()).transactions.filter(
      (t) => !['ﾌﾘｺﾐ ﾃｽﾄ ﾀﾛｳ'].includes(t.remarks),
    );
    await qaPost(bank, '/qa/api/faults', { status: 503, count: 50 });
    await qaPost(bank, '/qa/api/users/1000000003/unlock');
    expect((await qaPost(bank, '/qa/api/reset')).status).toBe(200);

    const { links } = (await (await fetch(`${bank.issuer}/qa/api/links`)).json()) as { links: unknown[] };
    expect(links).toEqual([]);
    const stale = await balances();
    expect([stale.status, stale.body.errorCode]).toEqual([401, 'INVALID_TOKEN']);
    const { users } = (await (await fetch(`${bank.issuer}/qa/api/users`)).json()) as {
      users: { loginId: string; locked: boolean }[];
    };
    expect(users.find((u) => u.loginId === '1000000003')!.locked).toBe(true);
    expect((await (await fetch(`${bank.issuer}/qa/api/faults`)).json()) as unknown).toEqual({
      faults: [],
      maintenance: false,
    });

    token = await corporateAccessToken(bank, 'CORP0001', 'Corp-Pass-1');
    const regenerated = (await todaysTransactions()).transactions;
    expect(regenerated.some((t) => t.remarks === 'ﾌﾘｺﾐ ﾃｽﾄ ﾀﾛｳ')).toBe(false);
    expect(regenerated.length).toBeLessThanOrEqual(seededToday.length);
  });
});

describe('QA lists', () => {
  it('lists the registered clients with their secrets and channels', async () => {
    const { clients } = (await (await fetch(`${bank.issuer}/qa/api/clients`)).json()) as {
      clients: { clientId: string; clientSecret?: string; channels: string[] }[];
    };
    expect(clients.find((c) => c.clientId === 'zaim')).toMatchObject({
      clientSecret: 'zaim-demo-secret',
      channels: ['personal'],
    });
  });

  it('shows the audit log, newest first', async () => {
    const { entries } = (await (await fetch(`${bank.issuer}/qa/api/audit?limit=5`)).json()) as {
      entries: { event: string }[];
    };
    expect(entries.length).toBeLessThanOrEqual(5);
    expect(entries[0]!.event).toMatch(/^(token|login|consent|qa)\./);
  });
});
