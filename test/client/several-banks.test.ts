import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECT_SCOPES } from '../../main/bank-profiles.ts';
import type { BankProfileView } from '../../shared/ipc/contract.ts';
import { bankStatement, ledgerStatement } from '../support/bank-statement.ts';
import { consentOverHttp, type BankLogin } from '../support/http-customer.ts';
import { startTestCore, type TestCore } from '../support/test-client-core.ts';
import { desktopLinks, disposeTestBanks, gmoApiBase, startBothDialects } from '../support/test-bank.ts';
import type { TestBank } from '../support/test-bank.ts';

/**
 * The app linked to two real banks at once: デモ信用金庫 in its own dialect, and a second simulator
 * running as デモあおぞら銀行 in GMO Aozora's published dialect — each in both channels, synced
 * together, every statement compared with what each bank holds.
 */
let ours: TestBank;
let aozora: TestBank;
let app: TestCore;
let aozoraProfile: BankProfileView;
/** Who logs in at the bank the app opens next. */
const logins: BankLogin[] = [];

beforeAll(async () => {
  [ours, aozora] = await startBothDialects();
  app = await startTestCore(ours, {
    openExternal: async (url) => {
      const login = logins.shift();
      if (!login) throw new Error(`nobody to log in at ${url}`);
      expect(new URL(url).origin).toBe(new URL(login.bank.issuer).origin);
      void consentOverHttp(login, url);
    },
  });
  aozoraProfile = await app.call('profiles:save', {
    name: 'デモあおぞら銀行',
    issuer: aozora.issuer,
    clientId: 'bankdemo-desktop',
    apiBase: gmoApiBase(aozora, 'corporate'),
    dialect: 'gmo-aozora',
    apiBasePersonal: gmoApiBase(aozora, 'personal'),
    apiBaseCorporate: gmoApiBase(aozora, 'corporate'),
    // The simulator grants its own scope names in either dialect (its README: GMO's
    // private:account is not modelled).
    scopes: DIALECT_SCOPES.bankdemo,
  });
}, 60_000);

afterAll(async () => {
  await app?.dispose();
  await disposeTestBanks(ours, aozora);
});

async function link(channel: 'personal' | 'corporate', profileId: string | undefined, login: BankLogin) {
  logins.push(login);
  return app.call('connections:connect', { channel, ...(profileId ? { profileId } : {}) });
}

describe('two banks, two dialects, both channels at once', () => {
  it('links four connections and syncs them together; every statement equals its bank’s, 定期 and 外貨 shown with their balance', async () => {
    const connections = [
      await link('corporate', undefined, { bank: ours, loginId: 'CORP0001', password: 'Corp-Pass-1' }),
      await link('personal', undefined, {
        bank: ours,
        loginId: '1000000001',
        password: 'Demo-Pass-1',
        otp: true,
      }),
      await link('corporate', aozoraProfile.id, {
        bank: aozora,
        loginId: 'CORP0003',
        password: 'Corp-Pass-3',
      }),
      await link('personal', aozoraProfile.id, {
        bank: aozora,
        loginId: '1000000004',
        password: 'Demo-Pass-4',
        otp: true,
      }),
    ];
    expect(connections.map((c) => [c.bankName, c.channel, c.scopes.length])).toEqual([
      ['デモ信用金庫', 'corporate', 2],
      ['デモ信用金庫', 'personal', 2],
      ['デモあおぞら銀行', 'corporate', 2],
      ['デモあおぞら銀行', 'personal', 2],
    ]);

    const outcomes = await app.call('sync:run', {});
    expect(outcomes).toHaveLength(4);
    for (const outcome of outcomes) {
      expect(outcome.error).toBeUndefined();
      expect(outcome.accounts.filter((a) => a.error)).toEqual([]);
    }

    const accounts = await app.call('accounts:list');
    const byBank = (name: string) => accounts.filter((a) => a.bankName === name);
    expect(byBank('デモ信用金庫').length).toBeGreaterThan(1);
    const gmoAccounts = byBank('デモあおぞら銀行');
    // CORP0003 and 1000000004: a 普通, a 円定期預金 and a 外貨普通預金 each.
    expect(gmoAccounts.map((a) => a.accountTypeCode).sort()).toEqual(['01', '01', '11', '11', '51', '51']);
    for (const account of gmoAccounts) {
      expect(account.balance, account.accountTypeName).toEqual(expect.any(Number));
      expect(account.balanceBaseTime).toMatch(/^\d{2}:\d{2}:\d{2}$/);
      if (account.accountTypeCode === '51') {
        expect(account).toMatchObject({ currencyCode: 'USD', servesStatements: false, transactionCount: 0 });
        expect(account.foreignBalance).toMatch(/^\d+(\.\d{1,3})?$/);
      }
      if (account.accountTypeCode === '11') {
        expect(account).toMatchObject({ servesStatements: false, transactionCount: 0, maskedNumber: '' });
      }
    }

    // Every statement account at both banks holds exactly its bank's rows, in the bank's order.
    const ids = [
      ...(await bankAccountIds(ours, ['CORP0001', '1000000001'])).map((id) => [ours, id] as const),
      ...(await bankAccountIds(aozora, ['CORP0003', '1000000004'])).map((id) => [aozora, id] as const),
    ];
    expect(ids.length).toBeGreaterThanOrEqual(4);
    for (const [bank, id] of ids) {
      const held = bankStatement(bank, id).map(({ remarks, ...row }) => ({ ...row, remarks: remarks ?? '' }));
      expect(held.length, id).toBeGreaterThan(0);
      expect(ledgerStatement(app.dataDir, id), id).toEqual(held);
    }
    // The GMO-dialect statements have rows printed with no 摘要, kept as such.
    const aozoraRows = ids
      .filter(([bank]) => bank === aozora)
      .flatMap(([, id]) => ledgerStatement(app.dataDir, id));
    expect(aozoraRows.some((r) => r.remarks === '')).toBe(true);
  }, 240_000);

  it('a link whose API answers in another dialect fails after the code exchange and revokes what it received', async () => {
    const wrong = await app.call('profiles:save', {
      name: 'あおぞら（誤設定）',
      issuer: aozora.issuer,
      clientId: 'bankdemo-desktop',
      // The bankdemo dialect at a bank that speaks GMO's: its /api/v1 is not served.
      apiBase: `${aozora.issuer}/api/v1`,
      dialect: 'bankdemo',
    });
    const before = await desktopLinks(aozora, 'CORP0001');
    await expect(
      link('corporate', wrong.id, { bank: aozora, loginId: 'CORP0001', password: 'Corp-Pass-1' }),
    ).rejects.toMatchObject({
      code: expect.stringMatching(/^BANK_/),
    });
    const after = await desktopLinks(aozora, 'CORP0001');
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)!.status).toBe('revoked');
    expect((await app.call('connections:list')).some((c) => c.profileId === wrong.id)).toBe(false);
  }, 60_000);
});

/** The bank's statement accounts (普通/当座) of these customers, from its own database. */
async function bankAccountIds(bank: TestBank, loginIds: string[]): Promise<string[]> {
  const rows = bank.db
    .prepare(
      `SELECT a.id FROM accounts a JOIN customers c ON c.id = a.customer_id
       WHERE c.login_id IN (${loginIds.map(() => '?').join(',')})`,
    )
    .all(...loginIds) as Array<{ id: string }>;
  return rows.map((r) => r.id);
}
