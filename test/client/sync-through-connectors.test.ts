import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionRecord } from '../../main/store/connection-store.ts';
import { createConnector } from '../../main/connectors/connector-factory.ts';
import { AccountStore } from '../../main/store/account-store.ts';
import { openAppDatabase, type AppDatabase } from '../../main/store/app-database.ts';
import { ConnectionStore } from '../../main/store/connection-store.ts';
import { StatementWriter } from '../../main/store/statement-writer.ts';
import { SyncStateStore } from '../../main/store/sync-state-store.ts';
import { ViewQueries } from '../../main/store/view-queries.ts';
import { syncConnection, type SyncStores } from '../../main/sync/sync-engine.ts';
import { fixture, startSpecFixtureBank, type SpecFixtureBank } from '../support/spec-fixture-bank.ts';

/**
 * The sync engine over a real SQLite file, through the GMO Aozora connector, against answers
 * written from GMO's published specification (test/fixtures/gmo-aozora/).
 */
const body = (name: string) => fixture<{ body: Record<string, unknown> }>(name).body;
const errors = fixture<Record<string, { status: number; body: unknown }>>('gmo-aozora/errors.json');
const ORDINARY = '101011234567';
const SECOND = '101021234568';

let dir: string;
let db: AppDatabase;
let stores: SyncStores;
let views: ViewQueries;
let bank: SpecFixtureBank;
const connection: ConnectionRecord = {
  id: 'c1',
  profileId: 'gmo',
  bankName: 'GMOあおぞらネット銀行',
  issuer: 'https://gmo.example',
  channel: 'corporate',
  scopes: ['balances:read', 'transactions:read'],
  status: 'active',
  linkedAt: '2026-11-30T00:00:00.000Z',
};

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-gmo-sync-'));
  db = openAppDatabase(dir);
  stores = {
    connections: new ConnectionStore(db),
    accounts: new AccountStore(db),
    syncState: new SyncStateStore(db),
    statements: new StatementWriter(db),
  };
  views = new ViewQueries(db);
  stores.connections.insert(connection);
  bank = await startSpecFixtureBank('/ganb/api/corporation/v1');
  bank.script('/accounts', { body: body('gmo-aozora/accounts.json') });
  bank.script('/accounts/balances', { body: body('gmo-aozora/balances.json') });
});

afterEach(async () => {
  await bank.close();
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const run = () =>
  syncConnection(
    connection,
    createConnector('gmo-aozora', { apiBase: bank.apiBase, tokens: { accessToken: async () => 'token' } }),
    { stores, emit: () => {}, now: () => Date.parse('2026-11-30T03:00:00Z') },
  );

const statementOf = (accountId: string) =>
  views.transactions({ accountId, order: 'asc', offset: 0, limit: 100 }).rows.map((r) => r.itemKey);

describe('a sync through the GMO Aozora connector', () => {
  it('shows a 円定期預金 and a 外貨普通預金 with their balance, and asks statements only of the 普通預金', async () => {
    bank.script(
      '/accounts/transactions',
      { body: body('gmo-aozora/transactions-page-1.json') },
      { body: body('gmo-aozora/transactions-page-2.json') },
    );
    const outcome = await run();
    expect(outcome.error).toBeUndefined();
    expect(outcome.accounts.map((a) => [a.newTransactions, a.error])).toEqual([
      [4, undefined],
      [0, undefined],
      [0, undefined],
    ]);
    expect(
      new Set(
        bank.requests.filter((r) => r.path === '/accounts/transactions').map((r) => r.query.get('accountId')),
      ),
    ).toEqual(new Set([ORDINARY]));
    const [ordinary, fixed, foreign] = views.accounts();
    expect(ordinary).toMatchObject({
      maskedNumber: '****4567',
      balance: 3_250_000,
      balanceBaseTime: '10:15:30',
    });
    expect(fixed).toMatchObject({
      accountTypeName: '円定期預金',
      accountTypeCode: '11',
      maskedNumber: '',
      branchName: '',
      balance: 1_000_000,
      servesStatements: false,
      transactionCount: 0,
    });
    expect(foreign).toMatchObject({ currencyCode: 'USD', foreignBalance: '1520.255', balance: 226_700 });
    const rows = views.transactions({ accountId: ordinary!.id, order: 'asc', offset: 0, limit: 10 }).rows;
    expect(rows.map((r) => [r.amount, r.remarks])).toEqual([
      [150000, 'ﾌﾘｺﾐ ｶ)ﾃﾞﾓｼﾖｳｼﾞ'],
      [440, ''],
      [-440, 'ﾃｽｳﾘﾖｳ ﾓﾄﾞｼ'],
      [100000, 'ATM'],
    ]);

    // Again: nothing new, the content-keyed row included.
    const again = await run();
    expect(again.accounts[0]!.newTransactions).toBe(0);
  });

  it('starts a run over when GMO refuses the saved page key with 400 WG_ERR_110, and misses no row', async () => {
    await runInterruptedAfterFirstPage();
    const id = views.accounts()[0]!.id;
    expect(statementOf(id)).toHaveLength(3);
    bank.script(
      '/accounts/transactions',
      errors.validation!,
      { body: body('gmo-aozora/transactions-page-1.json') },
      { body: body('gmo-aozora/transactions-page-2.json') },
    );
    const outcome = await run();
    expect(outcome.accounts[0]).toEqual({ accountId: id, newTransactions: 1 });
    const asked = bank.requests.filter((r) => r.path === '/accounts/transactions').slice(-3);
    expect(asked.map((r) => r.query.get('nextItemKey'))).toEqual([
      '1764460800000003',
      null,
      '1764460800000003',
    ]);
    expect(statementOf(id)).toHaveLength(4);
  });

  it('a page that fails validation is that account’s BANK_RESPONSE_INVALID, the page not written, the other accounts synced', async () => {
    const accounts = body('gmo-aozora/accounts.json') as { accounts: Array<Record<string, unknown>> };
    bank.script('/accounts', {
      body: {
        accounts: [
          accounts.accounts[0],
          { ...accounts.accounts[0], accountId: SECOND, accountNumber: '1234568' },
        ],
      },
    });
    const page1 = body('gmo-aozora/transactions-page-1.json');
    const broken = body('gmo-aozora/transactions-page-2.json') as {
      transactions: Array<Record<string, unknown>>;
    };
    const calls = new Map<string, number>();
    bank.route('/accounts/transactions', (query) => {
      const account = query.get('accountId')!;
      calls.set(account, (calls.get(account) ?? 0) + 1);
      if (account === SECOND)
        return { body: { ...page1, accountId: SECOND, hasNext: false, nextItemKey: undefined } };
      if (calls.get(account) === 1) return { body: page1 };
      // The second page: an amount of the wrong type.
      return { body: { ...broken, transactions: [{ ...broken.transactions[0], amount: 100000 }] } };
    });
    const outcome = await run();
    const [first, second] = views.accounts();
    expect(outcome.accounts[0]!.error).toMatchObject({
      code: 'BANK_RESPONSE_INVALID',
      detail: expect.stringContaining('transactions.0.amount'),
    });
    expect(first!.lastError?.code).toBe('BANK_RESPONSE_INVALID');
    expect(statementOf(first!.id)).toHaveLength(3);
    expect(outcome.accounts[1]).toEqual({ accountId: second!.id, newTransactions: 3 });
  });

  it('an error code the app does not know is BANK_ERROR on that account with the bank’s code shown', async () => {
    bank.script('/accounts/transactions', errors.unknown!);
    const outcome = await run();
    expect(outcome.accounts[0]!.error).toMatchObject({ code: 'BANK_ERROR', bankCode: 'WG_ERR_106' });
    expect(views.accounts()[0]!.lastError).toMatchObject({ code: 'BANK_ERROR', bankCode: 'WG_ERR_106' });
  });
});

/** A first run that stopped after its first page (as if the app was quit): the cursor holds the page key. */
async function runInterruptedAfterFirstPage(): Promise<void> {
  bank.script(
    '/accounts/transactions',
    { body: body('gmo-aozora/transactions-page-1.json') },
    {
      status: 503,
      body: errors.maintenance!.body,
      headers: { 'retry-after': '3600' },
    },
  );
  const outcome = await run();
  expect(outcome.accounts[0]!.error?.code).toBe('BANK_UNAVAILABLE');
}
