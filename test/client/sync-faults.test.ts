import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumCustomer } from '../support/chromium-customer.ts';
import { bankStatement, ledgerAccounts, ledgerStatement } from '../support/bank-statement.ts';
import type { ApiDialect } from '../../shared/bank/oauth.ts';
import { GMO_TEST_BANK, qaPost, startTestBank, type TestBank } from '../support/test-bank.ts';
import { startTestCore, type TestCore } from '../support/test-client-core.ts';

/** Through each connector: the bank's faults come in デモ信用金庫's words or in GMO Aozora's. */
describe.each<ApiDialect>(['bankdemo', 'gmo-aozora'])(
  'a sync through the bank’s faults (%s dialect)',
  (dialect) => {
    let bank: TestBank;
    let app: TestCore;
    let connectionId: string;
    beforeAll(async () => {
      bank = await startTestBank(dialect === 'gmo-aozora' ? GMO_TEST_BANK : {});
      const customer = await ChromiumCustomer.launch(bank);
      let done: Promise<unknown> = Promise.resolve();
      app = await startTestCore(bank, {
        dialect,
        openExternal: async (url) => {
          done = customer.linkCorporate(url);
        },
      });
      connectionId = (await app.call('connections:connect', { channel: 'corporate' })).id;
      await done;
      await customer.close();
      await app.call('sync:run', { connectionId });
    });
    afterEach(async () => {
      await fetch(`${bank.issuer}/qa/api/faults`, { method: 'DELETE' });
      await qaPost(bank, '/qa/api/maintenance', { on: false });
    });
    afterAll(async () => {
      await app?.dispose();
      await bank?.dispose();
    });

    /** Posts new rows on every account, so a sync has something to fetch through the fault. */
    async function postOnEveryAccount(count: number): Promise<void> {
      for (const { bankAccountId } of ledgerAccounts(app.dataDir)) {
        expect((await qaPost(bank, `/qa/api/accounts/${bankAccountId}/transactions`, { count })).status).toBe(
          200,
        );
      }
    }

    function expectLedgerMatchesBank(): void {
      for (const { bankAccountId } of ledgerAccounts(app.dataDir)) {
        expect(ledgerStatement(app.dataDir, bankAccountId)).toEqual(bankStatement(bank, bankAccountId));
      }
    }

    describe('the faults', () => {
      for (const status of [429, 503]) {
        it(`${status} with Retry-After: the sync waits as told and completes`, async () => {
          await postOnEveryAccount(2);
          await qaPost(bank, '/qa/api/faults', { status, count: 3, retryAfter: 1 });
          const started = Date.now();
          const from = app.events.length;
          const [outcome] = await app.call('sync:run', { connectionId });
          expect(outcome!.error).toBeUndefined();
          expect(outcome!.accounts.every((a) => a.error === undefined)).toBe(true);
          // Three answers each asked for a second's pause.
          expect(Date.now() - started).toBeGreaterThanOrEqual(3000);
          expect(
            app.events.slice(from).filter((e) => e.type === 'sync:waiting'),
            'each pause is announced (銀行の指示で待機中)',
          ).toEqual(
            Array(3).fill({ type: 'sync:waiting', connectionId, status, retryAt: expect.any(String) }),
          );
          expectLedgerMatchesBank();
        });
      }

      it('announces the start of a sync, then each wait the bank asks for with the time it ends (sync:started, sync:waiting)', async () => {
        await postOnEveryAccount(1);
        await qaPost(bank, '/qa/api/faults', { status: 429, count: 1, retryAfter: 1 });
        const from = app.events.length;
        const asked = Date.now();
        const [outcome] = await app.call('sync:run', { connectionId });
        expect(outcome!.error).toBeUndefined();

        const events = app.events.slice(from);
        expect(events[0]).toEqual({ type: 'sync:started', connectionId });
        const waits = events.filter((e) => e.type === 'sync:waiting');
        expect(waits).toEqual([
          { type: 'sync:waiting', connectionId, status: 429, retryAt: expect.any(String) },
        ]);
        // retryAt is when the one-second pause ends: after the request, before the sync could finish.
        const retryAt = Date.parse(waits[0]!.retryAt);
        expect(retryAt).toBeGreaterThanOrEqual(asked + 1000);
        expect(retryAt).toBeLessThanOrEqual(Date.parse(outcome!.finishedAt) + 5);
        const finished = events.findIndex((e) => e.type === 'sync:finished');
        expect(events.indexOf(waits[0]!)).toBeLessThan(finished);
        expectLedgerMatchesBank();
      });

      it('a Retry-After longer than the app waits → RATE_LIMITED with the time to retry; the next sync completes', async () => {
        await postOnEveryAccount(1);
        await qaPost(bank, '/qa/api/faults', { status: 429, count: 1, retryAfter: 600 });
        const [limited] = await app.call('sync:run', { connectionId });
        expect(limited!.error?.code).toBe('RATE_LIMITED');
        const retryAt = Date.parse(limited!.error!.retryAt!);
        expect(retryAt - Date.now()).toBeGreaterThan(590_000);
        const [after] = await app.call('sync:run', { connectionId });
        expect(after!.error).toBeUndefined();
        expectLedgerMatchesBank();
      });

      it('maintenance → BANK_UNAVAILABLE with the time to retry, nothing lost; after it, the sync completes', async () => {
        await postOnEveryAccount(1);
        const before = ledgerAccounts(app.dataDir).map(
          (a) => ledgerStatement(app.dataDir, a.bankAccountId).length,
        );
        await qaPost(bank, '/qa/api/maintenance', { on: true });
        const [down] = await app.call('sync:run', { connectionId });
        expect(down!.error?.code).toBe('BANK_UNAVAILABLE');
        expect(down!.error?.retryAt).toBeTruthy();
        expect(
          ledgerAccounts(app.dataDir).map((a) => ledgerStatement(app.dataDir, a.bankAccountId).length),
        ).toEqual(before);
        await qaPost(bank, '/qa/api/maintenance', { on: false });
        const [up] = await app.call('sync:run', { connectionId });
        expect(up!.error).toBeUndefined();
        expectLedgerMatchesBank();
      });

      it('a 500 on one account’s statement → BANK_ERROR on that account only; the others sync; the next run completes', async () => {
        await postOnEveryAccount(1);
        // accounts, balances, then the first account's first page: the fault hits that page.
        await qaPost(bank, '/qa/api/faults', { latencyMs: 1, count: 2 });
        await qaPost(bank, '/qa/api/faults', { status: 500, count: 1 });
        const [outcome] = await app.call('sync:run', { connectionId });
        expect(outcome!.error).toBeUndefined();
        const [first, ...others] = outcome!.accounts;
        expect(first!.error?.code).toBe('BANK_ERROR');
        expect(others.length).toBeGreaterThan(0);
        for (const other of others) expect(other).toMatchObject({ newTransactions: 1 });
        const views = await app.call('accounts:list');
        expect(views.find((v) => v.id === first!.accountId)!.lastError?.code).toBe('BANK_ERROR');

        const [again] = await app.call('sync:run', { connectionId });
        expect(again!.accounts.every((a) => a.error === undefined)).toBe(true);
        expect((await app.call('accounts:list')).every((v) => v.lastError === undefined)).toBe(true);
        expectLedgerMatchesBank();
      });

      it('a bank that does not answer at all → BANK_UNAVAILABLE, not a crash', async () => {
        const offline = await startTestCore(
          { issuer: 'http://127.0.0.1:9' },
          { openExternal: async () => {} },
        );
        try {
          await expect(offline.call('connections:connect', { channel: 'corporate' })).rejects.toMatchObject({
            code: 'BANK_UNAVAILABLE',
          });
        } finally {
          await offline.dispose();
        }
      });
    });
  },
);
