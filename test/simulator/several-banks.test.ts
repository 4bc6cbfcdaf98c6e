import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountsResponse, TransactionsResponse } from '../../shared/bank/api-types.ts';
import { jstDate } from '../../shared/dates.ts';
import { DEFAULT_BANK, loadBankConfig } from '../../simulator/config.ts';
import type { GmoAccountsResponse, GmoTransactionsResponse } from '../../simulator/api/gmo/gmo-schema.ts';
import { authorizationRequest, corporateAccessToken, desktopClient } from '../support/consent-flow.ts';
import { apiFetch } from '../support/desktop-proofs.ts';
import {
  disposeTestBanks,
  GMO_TEST_BANK,
  gmoApiBase,
  startBothDialects,
  startTestBank,
  type TestBank,
} from '../support/test-bank.ts';

describe('bank settings', () => {
  it('are デモ信用金庫 with our own API when none are given', () => {
    const config = loadBankConfig({});
    expect(config.bank).toEqual(DEFAULT_BANK);
    expect(config.apiDialect).toBe('bankdemo');
  });

  it('listen on loopback in one process unless BANK_HOST and BANK_WORKERS say otherwise', () => {
    expect(loadBankConfig({})).toMatchObject({ host: '127.0.0.1', workers: undefined });
    expect(loadBankConfig({ BANK_HOST: '0.0.0.0', BANK_WORKERS: '2' })).toMatchObject({
      host: '0.0.0.0',
      workers: 2,
    });
    expect(loadBankConfig({ BANK_HOST: '::1' }).host).toBe('::1');
    expect(loadBankConfig({ BANK_HOST: 'bank.internal' }).host).toBe('bank.internal');
  });

  it('take another bank’s name, code, branches and dialect', () => {
    const config = loadBankConfig(GMO_TEST_BANK);
    expect(config.bank).toEqual({
      name: 'デモあおぞら銀行',
      nameEn: 'Demo Aozora Bank',
      code: '0399',
      branches: [
        { code: '101', name: '法人営業部' },
        { code: '102', name: 'ひまわり支店' },
        { code: '103', name: 'あさがお支店' },
      ],
    });
    expect(config.apiDialect).toBe('gmo-aozora');
  });

  it.each([
    ['BANK_CODE', { BANK_CODE: '399' }],
    ['BANK_CODE', { BANK_CODE: '03a9' }],
    ['BANK_BRANCHES', { BANK_BRANCHES: '101:本店,102:支店' }],
    ['BANK_BRANCHES', { BANK_BRANCHES: '101:本店,101:支店,103:出張所' }],
    ['BANK_BRANCHES', { BANK_BRANCHES: '1:本店,2:支店,3:出張所' }],
    ['BANK_API_DIALECT', { BANK_API_DIALECT: 'mizuho' }],
    ['BANK_NAME', { BANK_NAME: '   ' }],
    ['BANK_NAME_EN', { BANK_NAME_EN: 'デモ銀行' }],
    ['BANK_HOST', { BANK_HOST: 'bank host' }],
    ['BANK_HOST', { BANK_HOST: '-bad.example' }],
    ['BANK_WORKERS', { BANK_WORKERS: '0' }],
    ['BANK_WORKERS', { BANK_WORKERS: 'two' }],
  ])('refuse a bad %s, naming it', (name, env) => {
    expect(() => loadBankConfig(env)).toThrow(new RegExp(`Invalid bank settings: ${name}`));
  });
});

describe('a bank listening beyond loopback (BANK_HOST=0.0.0.0)', () => {
  it('serves its pages on every address but keeps the QA API to this machine', async () => {
    const bank = await startTestBank({ BANK_HOST: '0.0.0.0' });
    try {
      // Its own address for clients on this machine is loopback, not the wildcard.
      expect(bank.issuer).toBe(`http://127.0.0.1:${bank.config.port}`);
      expect((await fetch(`${bank.issuer}/qa/api/bank`)).status).toBe(200);
      const lan = Object.values(os.networkInterfaces())
        .flat()
        .find((a) => a?.family === 'IPv4' && !a.internal)?.address;
      if (!lan) return; // a machine with loopback only: nothing beyond it to try
      const remote = `http://${lan}:${bank.config.port}`;
      expect((await fetch(`${remote}/.well-known/openid-configuration`)).status).toBe(200);
      const qa = await fetch(`${remote}/qa/api/users`);
      expect(qa.status).toBe(403);
      expect(((await qa.json()) as { errorCode: string }).errorCode).toBe('QA_LOOPBACK_ONLY');
    } finally {
      await bank.dispose();
    }
  });
});

describe('two banks side by side', () => {
  let ours: TestBank;
  let other: TestBank;
  beforeAll(async () => {
    [ours, other] = await startBothDialects();
  });
  afterAll(() => disposeTestBanks(ours, other));

  it('run on their own ports, issuers and data folders', () => {
    expect(other.issuer).not.toBe(ours.issuer);
    expect(other.tlsOrigin).not.toBe(ours.tlsOrigin);
    expect(other.config.dataDir).not.toBe(ours.config.dataDir);
  });

  it('each name themselves on their pages, in Japanese and in English', async () => {
    const page = async (bank: TestBank, path: string) => (await fetch(`${bank.issuer}${path}`)).text();
    const otherPartners = await page(other, '/partners');
    expect(otherPartners).toContain('<span class="bank-name">デモあおぞら銀行</span>');
    expect(otherPartners).not.toContain('デモ信用金庫');
    expect(await page(other, '/terms?ui_locales=en')).toContain(
      'These terms govern how Demo Aozora Bank provides',
    );
    expect(await page(other, '/terms')).toContain('本規定は、デモあおぞら銀行（以下「当金庫」）');
    expect(await page(other, '/qa')).toContain('<span class="bank-name">デモあおぞら銀行</span>');
    expect(await page(ours, '/partners')).toContain('<span class="bank-name">デモ信用金庫</span>');
  });

  it('tell QA who they are and where their API answers (GET /qa/api/bank)', async () => {
    const facts = async (bank: TestBank) => (await fetch(`${bank.issuer}/qa/api/bank`)).json();
    expect(await facts(other)).toMatchObject({
      name: 'デモあおぞら銀行',
      code: '0399',
      apiDialect: 'gmo-aozora',
      tokenHeader: 'x-access-token',
      apiBases: {
        personal: `${other.issuer}/ganb/api/personal/v1`,
        corporate: `${other.issuer}/ganb/api/corporation/v1`,
      },
    });
    expect(await facts(ours)).toMatchObject({
      name: 'デモ信用金庫',
      code: DEFAULT_BANK.code,
      apiDialect: 'bankdemo',
      apiBases: { personal: `${ours.issuer}/api/v1`, corporate: `${ours.issuer}/api/v1` },
    });
  });

  it('keep their login cookies apart: the other bank’s cookies carry its bank code', async () => {
    const startAt = async (bank: TestBank) => {
      const request = await authorizationRequest(
        await desktopClient(bank),
        'http://127.0.0.1:45003/callback',
        {
          channel: 'corporate',
        },
      );
      const res = await fetch(request.url, { redirect: 'manual' });
      return res.headers.getSetCookie().map((c) => c.split('=', 1)[0]);
    };
    expect(await startAt(other)).toContain('_0399_interaction');
    expect(await startAt(ours)).toContain('_interaction');
  });

  it('keep the same customers at their own branches, with statements of their own', async () => {
    const [ourToken, otherToken] = await Promise.all([
      corporateAccessToken(ours, 'CORP0001', 'Corp-Pass-1'),
      corporateAccessToken(other, 'CORP0001', 'Corp-Pass-1'),
    ]);
    const ourAccounts = (await (
      await apiFetch(`${ours.issuer}/api/v1/accounts`, ourToken)
    ).json()) as AccountsResponse;
    const otherAccounts = (await (
      await apiFetch(`${gmoApiBase(other, 'corporate')}/accounts`, otherToken, { header: 'x-access-token' })
    ).json()) as GmoAccountsResponse;
    expect(ourAccounts.accounts.map((a) => [a.accountId, a.branchName, a.accountName])).toEqual([
      ['001015001001', '本店営業部', '株式会社デモ商事'],
      ['001025001002', '本店営業部', '株式会社デモ商事'],
    ]);
    expect(otherAccounts.accounts.map((a) => [a.accountId, a.branchName, a.accountName])).toEqual([
      ['101015001001', '法人営業部', '株式会社デモ商事'],
      ['101025001002', '法人営業部', '株式会社デモ商事'],
    ]);

    const from = `&dateFrom=${jstDate(Date.now() - 30 * 86_400_000)}`;
    const ourRows = (await (
      await apiFetch(`${ours.issuer}/api/v1/accounts/transactions?accountId=001015001001${from}`, ourToken)
    ).json()) as TransactionsResponse;
    const otherRows = (await (
      await apiFetch(
        `${gmoApiBase(other, 'corporate')}/accounts/transactions?accountId=101015001001${from}`,
        otherToken,
        {
          header: 'x-access-token',
        },
      )
    ).json()) as GmoTransactionsResponse;
    expect(ourRows.transactions.length).toBeGreaterThan(0);
    expect(otherRows.transactions.map((t) => t.amount)).not.toEqual(
      ourRows.transactions.map((t) => t.amount),
    );

    // A token is good only at the bank that issued it.
    const crossed = await fetch(`${gmoApiBase(other, 'corporate')}/accounts`, {
      headers: { 'x-access-token': ourToken },
    });
    expect(crossed.status).toBe(401);
  });

  it('show our own dialect only 普通 and 当座: a customer’s 円定期 and 外貨普通 stay out of /api/v1', async () => {
    const token = await corporateAccessToken(ours, 'CORP0003', 'Corp-Pass-3');
    const res = await apiFetch(`${ours.issuer}/api/v1/accounts`, token);
    const body = (await res.json()) as AccountsResponse;
    expect(body.accounts.map((a) => [a.accountId, a.accountTypeCode])).toEqual([['002015003001', '01']]);
  });
});
