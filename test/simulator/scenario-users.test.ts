import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BANK } from '../../simulator/config.ts';
import { addQaCustomer, QaCustomerSchema } from '../../simulator/customers/qa-customers.ts';
import { SYNC_QUIET_SECONDS } from '../../simulator/customers/scenario-users.ts';
import { openBankDatabase } from '../../simulator/db/database.ts';
import { sqlitePort } from '../../simulator/db/sqlite-port.ts';
import { MARKETPLACE_MOVEMENTS_A_DAY } from '../../simulator/ledger/history-generator.ts';
import {
  authorizationRequest,
  consentAsPersonal,
  corporateTokens,
  desktopClient,
  exchangeCode,
  openAuthorization,
  submitOtp,
  submitPassword,
} from '../support/consent-flow.ts';
import { apiFetch } from '../support/desktop-proofs.ts';
import { HttpBrowser, type Page } from '../support/http-browser.ts';
import { desktopLinks, qaPost, startTestBank, type TestBank } from '../support/test-bank.ts';

/**
 * The scenario users every bank and namespace has — users whose behaviour is their name — and the
 * customers a tester defines through the QA API (docs/qa-console.md).
 */
let bank: TestBank;
beforeAll(async () => {
  bank = await startTestBank();
});
afterAll(async () => {
  await bank?.dispose();
});

const REDIRECT = 'http://127.0.0.1:45000/callback';
const DAY = 86_400;

const linkCorporate = (loginId: string, password: string) => corporateTokens(bank, loginId, password);

const accounts = (token: string) => apiFetch(`${bank.issuer}/api/v1/accounts`, token);

describe('SYNC503: each sync meets a 503 first', () => {
  it("answers each sync's first call 503 with Retry-After: 1, and the retry and the rest of the sync 200", async () => {
    const tokens = await linkCorporate('SYNC503', 'Scenario-Pass-1');
    const first = await accounts(tokens.access_token);
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('1');
    expect(((await first.json()) as { errorCode: string }).errorCode).toBe('SERVICE_UNAVAILABLE');
    expect((await accounts(tokens.access_token)).status).toBe(200);
    expect((await accounts(tokens.access_token)).status).toBe(200);

    // The link quiet for SYNC_QUIET_SECONDS (its mark moved back rather than waited for): the next sync meets it again.
    const [link] = await desktopLinks(bank, 'SYNC503');
    await bank.sql.run('UPDATE scenario_marks SET at = at - ? WHERE key = ?', [
      SYNC_QUIET_SECONDS,
      `sync503:${link!.id}`,
    ]);
    expect((await accounts(tokens.access_token)).status).toBe(503);
    expect((await accounts(tokens.access_token)).status).toBe(200);
  });

  it('leaves every other customer alone', async () => {
    const tokens = await linkCorporate('CORP0001', 'Corp-Pass-1');
    expect((await accounts(tokens.access_token)).status).toBe(200);
  });
});

describe('EXPIRES1DAY: a link that lasts a day', () => {
  it('makes links of one day, where CORP0001 gets the bank’s 90', async () => {
    const before = Math.floor(Date.now() / 1000);
    const short = await linkCorporate('EXPIRES1DAY', 'Scenario-Pass-1');
    expect(Number(short.refresh_token_expires_in)).toBeLessThanOrEqual(DAY);
    expect(Number(short.refresh_token_expires_in)).toBeGreaterThan(DAY - 60);
    const [link] = await desktopLinks(bank, 'EXPIRES1DAY');
    const expiresAt = Date.parse(link!.expiresAt!) / 1000;
    expect(expiresAt - before).toBeGreaterThanOrEqual(DAY - 1);
    expect(expiresAt - before).toBeLessThanOrEqual(DAY + 60);
    const usual = await linkCorporate('CORP0001', 'Corp-Pass-1');
    expect(Number(usual.refresh_token_expires_in)).toBeGreaterThan(89 * DAY);
  });
});

describe('OTPAGAIN: every login needs a new one-time password', () => {
  const totp = new TOTP({ secret: Secret.fromBase32('KRUGS4ZANFZSAYJA'), digits: 6, period: 30 });

  it('refuses the first correct code as expired, refuses it again as used, and takes the next one', async () => {
    const config = await desktopClient(bank);
    const request = await authorizationRequest(config, REDIRECT, { channel: 'personal' });
    const browser = new HttpBrowser();
    const login = await openAuthorization(browser, bank, request.url);
    const otpPage = await submitPassword(browser, bank, login, 'OTPAGAIN', 'Scenario-Pass-1');
    const post = (page: Page, code: string) => submitOtp(browser, bank, page, code);
    const now = Date.now();
    const expired = await post(otpPage, totp.generate({ timestamp: now }));
    expect(expired.status).toBe(401);
    expect(expired.html).toContain('有効期限が切れました');
    const again = await post(expired, totp.generate({ timestamp: now }));
    expect(again.status).toBe(401);
    expect(again.html).toContain('すでに使用されています');
    // The next step's code (the bank takes one step either side of now).
    const consent = await post(again, totp.generate({ timestamp: now + 30_000 }));
    expect(consent.html).toContain('name="accountIds"');
    // Neither refusal counted against the customer.
    const users = (await (await fetch(`${bank.issuer}/qa/api/users`)).json()) as {
      users: { loginId: string; failedAttempts: number; locked: boolean }[];
    };
    expect(users.users.find((u) => u.loginId === 'OTPAGAIN')).toMatchObject({ locked: false });
  });
});

describe('QA-defined customers (POST /qa/api/customers)', () => {
  it('makes a personal customer who logs in and whose accounts have generated statements', async () => {
    const res = await qaPost(bank, '/qa/api/customers', {
      loginId: 'QA1234',
      channel: 'personal',
      password: 'Qa-Pass-1234',
      name: 'QA 花子',
      accounts: [{ statementSize: 'small' }, { statementSize: 'large' }],
    });
    expect(res.status).toBe(201);
    const { customer } = (await res.json()) as {
      customer: { loginId: string; accounts: string[]; totpSecret: string };
    };
    expect(customer.accounts).toHaveLength(2);
    expect(customer.accounts.every((a) => /^00101\d{7}$/.test(a))).toBe(true);
    expect(customer.totpSecret).toMatch(/^[A-Z2-7]{16}$/);

    const config = await desktopClient(bank);
    const request = await authorizationRequest(config, REDIRECT, { channel: 'personal' });
    const tokens = await exchangeCode(
      config,
      request,
      await consentAsPersonal(bank, request, 'QA1234', 'Qa-Pass-1234'),
    );
    const listed = (await (await accounts(tokens.access_token)).json()) as {
      accounts: { accountId: string }[];
    };
    expect(listed.accounts.map((a) => a.accountId)).toEqual(customer.accounts);
    const monthOf = async (accountId: string) => {
      const from = new Date(Date.now() - 30 * DAY * 1000).toISOString().slice(0, 10);
      const page = await apiFetch(
        `${bank.issuer}/api/v1/accounts/transactions?accountId=${accountId}&dateFrom=${from}`,
        tokens.access_token,
      );
      const body = (await page.json()) as { count: string; hasNext: boolean };
      // A full first page and more behind it count as more than a page.
      return Number(body.count) + (body.hasNext ? 1 : 0);
    };
    const [small, large] = [await monthOf(customer.accounts[0]!), await monthOf(customer.accounts[1]!)];
    expect(small).toBeGreaterThan(0);
    // The large statement is a shop's takings: pages of them.
    expect(large).toBeGreaterThan(500);
    expect(large).toBeGreaterThan(small * 10);
  });

  it('refuses a taken login id (409) and a bad definition (400), writing nothing', async () => {
    const before = ((await (await fetch(`${bank.issuer}/qa/api/users`)).json()) as { users: unknown[] }).users
      .length;
    const taken = await qaPost(bank, '/qa/api/customers', {
      loginId: 'CORP0001',
      channel: 'corporate',
      password: 'Qa-Pass-1234',
      accounts: [{}],
    });
    expect([taken.status, ((await taken.json()) as { errorCode: string }).errorCode]).toEqual([
      409,
      'CUSTOMER_EXISTS',
    ]);
    for (const body of [
      { loginId: 'QA-1', channel: 'corporate', password: 'Qa-Pass-1234', accounts: [{}] },
      { loginId: 'QA2', channel: 'corporate', password: 'short', accounts: [{}] },
      { loginId: 'QA3', channel: 'corporate', password: 'Qa-Pass-1234', accounts: [] },
      {
        loginId: 'QA4',
        channel: 'personal',
        password: 'Qa-Pass-1234',
        accounts: [{ accountTypeCode: '02' }],
      },
      {
        loginId: 'QA5',
        channel: 'corporate',
        password: 'Qa-Pass-1234',
        accounts: [{ statementSize: 'billion' }],
      },
      { loginId: 'QA6', channel: 'bank', password: 'Qa-Pass-1234', accounts: [{}] },
    ]) {
      const res = await qaPost(bank, '/qa/api/customers', body);
      expect([body.loginId, res.status]).toEqual([body.loginId, 400]);
    }
    const after = ((await (await fetch(`${bank.issuer}/qa/api/users`)).json()) as { users: unknown[] }).users
      .length;
    expect(after).toBe(before);
  });

  it("gives a 'million' account a marketplace's takings: ~1,000,000 rows over the two years served", async () => {
    // The bank's own definition, into a database of its own: generating the million rows is
    // bench:sync's (BENCH_LOGIN=MILLION), not a unit test's; the profile's count is ledger.test.ts's.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-qa-million-'));
    const db = openBankDatabase(dir);
    try {
      const spec = QaCustomerSchema.parse({
        loginId: 'QAMILLION',
        channel: 'corporate',
        password: 'Qa-Pass-1234',
        accounts: [{ statementSize: 'million' }, { accountTypeCode: '02', statementSize: 'large' }],
      });
      const made = (await addQaCustomer(sqlitePort(db), spec, DEFAULT_BANK.branches))!;
      const profiles = made.accounts.map(
        (id) =>
          (db.prepare('SELECT profile FROM accounts WHERE id = ?').get(id) as { profile: string }).profile,
      );
      expect(profiles).toEqual(['marketplace-takings', 'bulk-retail']);
      expect(MARKETPLACE_MOVEMENTS_A_DAY * 730).toBeGreaterThan(990_000);
    } finally {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lists the scenario users on the QA console with what they do', async () => {
    const html = await (await fetch(`${bank.issuer}/qa`)).text();
    for (const id of ['SYNC503', 'EXPIRES1DAY', 'OTPAGAIN']) expect(html).toContain(`data-login-id="${id}"`);
    expect(html).toContain('meets 503 with Retry-After: 1');
    expect(html).toContain('its links last one day');
  });
});
