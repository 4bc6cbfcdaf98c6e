import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupAccounts } from '../../main/store/account-groups.ts';
import type { AccountView, ConnectionView } from '../../shared/ipc/contract.ts';
import { consentAsPersonal } from '../support/consent-flow.ts';
import { startTestBank, type TestBank } from '../support/test-bank.ts';
import { CodedError, startTestCore, type TestCore } from '../support/test-client-core.ts';
import { linkCorporateOverHttp } from '../support/unsynced-ledger.ts';

const link = (id: string, over: Partial<ConnectionView> = {}): ConnectionView => ({
  id,
  profileId: 'local',
  bankName: 'デモ信用金庫',
  channel: 'corporate',
  scopes: [],
  status: 'active',
  linkedAt: '2026-01-01T00:00:00Z',
  expiresAt: '2027-01-01T00:00:00Z',
  ...over,
});
const account = (id: string, connectionId: string, accountName: string, balance?: number): AccountView => ({
  id,
  connectionId,
  bankName: 'デモ信用金庫',
  branchName: '本店',
  accountTypeName: '普通',
  maskedNumber: '****0001',
  accountName,
  transactionCount: 0,
  ...(balance === undefined ? {} : { balance }),
});

describe('口座 grouped by link (pure)', () => {
  it.each([
    {
      name: 'a person’s and a company’s accounts at one bank are two groups, each with its own total',
      connections: [link('p', { channel: 'personal' }), link('c', { linkedAt: '2026-02-01T00:00:00Z' })],
      accounts: [
        account('1', 'p', 'ﾃﾞﾓ ﾀﾛｳ', 1000),
        account('2', 'c', 'ﾃﾞﾓｼﾖｳｼﾞ(ｶ', 50_000),
        account('3', 'c', 'ﾃﾞﾓｼﾖｳｼﾞ(ｶ', 7),
      ],
      expected: [
        { connectionId: 'c', holderNames: ['ﾃﾞﾓｼﾖｳｼﾞ(ｶ'], total: 50_007, ids: ['2', '3'] },
        { connectionId: 'p', holderNames: ['ﾃﾞﾓ ﾀﾛｳ'], total: 1000, ids: ['1'] },
      ],
    },
    {
      name: 'two links of one channel come by link date; an account without a balance adds nothing',
      connections: [link('late', { linkedAt: '2026-03-01T00:00:00Z' }), link('early')],
      accounts: [account('1', 'late', 'B', 5), account('2', 'early', 'A')],
      expected: [
        { connectionId: 'early', holderNames: ['A'], total: 0, ids: ['2'] },
        { connectionId: 'late', holderNames: ['B'], total: 5, ids: ['1'] },
      ],
    },
    {
      name: 'a disconnected link keeps its accounts but has no live total',
      connections: [link('gone', { status: 'disconnected' })],
      accounts: [account('1', 'gone', 'A', 900)],
      expected: [{ connectionId: 'gone', holderNames: ['A'], total: undefined, ids: ['1'] }],
    },
  ])('$name', ({ connections, accounts, expected }) => {
    const groups = groupAccounts(accounts, connections);
    expect(
      groups.map((g) => ({
        connectionId: g.connectionId,
        holderNames: g.holderNames,
        total: g.total,
        ids: g.accounts.map((a) => a.id),
      })),
    ).toEqual(expected);
  });
});

describe('口座 grouped by link, and the data a disconnected link kept (real bank, ledger, keyring)', () => {
  let bank: TestBank;
  let app: TestCore;
  let done: Promise<unknown> = Promise.resolve();
  let as: 'personal' | 'corporate' = 'personal';
  beforeAll(async () => {
    bank = await startTestBank();
    app = await startTestCore(bank, {
      openExternal: async (url) => {
        done =
          as === 'corporate'
            ? linkCorporateOverHttp(bank, url, 'CORP0001', 'Corp-Pass-1')
            : consentAsPersonal(bank, { url: new URL(url), verifier: '', state: '', redirectUri: '' }).then(
                (back) => fetch(back, { redirect: 'manual' }),
              );
      },
    });
    for (const channel of ['personal', 'corporate'] as const) {
      as = channel;
      await app.call('connections:connect', { channel });
      await done;
    }
    await app.call('sync:run', {});
  });
  afterAll(async () => {
    await app?.dispose();
    await bank?.dispose();
  });

  it('answers one group per link with its customer, its accounts and the total of those alone', async () => {
    const groups = await app.call('accounts:groups-list');
    const accounts = await app.call('accounts:list');
    expect(groups.map((g) => g.channel).sort()).toEqual(['corporate', 'personal']);
    for (const group of groups) {
      const own = accounts.filter((a) => a.connectionId === group.connectionId);
      expect(group.accounts.map((a) => a.id)).toEqual(own.map((a) => a.id));
      expect(group.total).toBe(own.reduce((n, a) => n + a.balance!, 0));
      expect(group.holderNames).toEqual([...new Set(own.map((a) => a.accountName))]);
    }
    expect(groups[0]!.holderNames).not.toEqual(groups[1]!.holderNames);
  });

  it('refuses to delete the data of a link that is not disconnected', async () => {
    const [group] = await app.call('accounts:groups-list');
    const refused = app.call('connections:kept-data-delete', { connectionId: group!.connectionId });
    await expect(refused).rejects.toBeInstanceOf(CodedError);
    await refused.catch((error: CodedError) => expect(error.code).toBe('INVALID_ARGUMENT'));
    await expect(app.call('connections:kept-data-delete', { connectionId: 'nosuch' })).rejects.toThrow(
      'NOT_FOUND',
    );
  });

  it('a link disconnected with its data kept has no live total; deleting that data later removes its rows', async () => {
    const corporate = (await app.call('accounts:groups-list')).find((g) => g.channel === 'corporate')!;
    const rowsOf = async (accountId: string) => (await app.call('statements:query', { accountId })).total;
    const all = (await app.call('statements:query', {})).total;
    let own = 0;
    for (const a of corporate.accounts) own += await rowsOf(a.id);
    expect(own).toBeGreaterThan(0);

    await app.call('connections:disconnect', { connectionId: corporate.connectionId, keepData: true });
    const kept = (await app.call('accounts:groups-list')).find(
      (g) => g.connectionId === corporate.connectionId,
    )!;
    expect(kept.status).toBe('disconnected');
    expect(kept.accounts.map((a) => a.id)).toEqual(corporate.accounts.map((a) => a.id));
    expect(kept.total).toBeUndefined();
    expect((await app.call('statements:query', {})).total).toBe(all);

    expect(await app.call('connections:kept-data-delete', { connectionId: corporate.connectionId })).toEqual({
      deleted: true,
    });
    expect((await app.call('accounts:groups-list')).map((g) => g.channel)).toEqual(['personal']);
    expect((await app.call('statements:query', {})).total).toBe(all - own);
    for (const a of corporate.accounts) expect(await rowsOf(a.id)).toBe(0);
    expect(app.events.some((e) => e.type === 'connections:changed')).toBe(true);
  });
});
