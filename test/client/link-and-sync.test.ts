import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConnectionTokens } from '../../main/auth/connection-tokens.ts';
import { keyEntryOf, LinkSecrets } from '../../main/auth/link-secrets.ts';
import { ChromiumCustomer } from '../support/chromium-customer.ts';
import { desktopClient } from '../support/consent-flow.ts';
import { startTestCore, type TestCore } from '../support/test-client-core.ts';
import { desktopLinks, qaPost, startTestBank, type TestBank } from '../support/test-bank.ts';
import { bankStatement, ledgerAccounts, ledgerStatement } from '../support/bank-statement.ts';

let bank: TestBank;
let customer: ChromiumCustomer;
beforeAll(async () => {
  bank = await startTestBank();
  customer = await ChromiumCustomer.launch(bank);
});
afterAll(async () => {
  await customer?.close();
  await bank?.dispose();
});

/** The refresh token the keychain holds for a connection (bare, or in a bound link's envelope). */
const refreshTokenOf = async (app: TestCore, connectionId: string) =>
  (await new LinkSecrets(app.vault).readRefresh(connectionId))?.refreshToken;

/** A core whose "system browser" is the Chromium customer linking as CORP0001 (no OTP to wait for). */
async function coreLinkingAs(
  link: (url: string) => Promise<unknown>,
): Promise<TestCore & { browserDone: () => Promise<unknown> }> {
  let done: Promise<unknown> = Promise.resolve();
  const testCore = await startTestCore(bank, {
    openExternal: async (url) => {
      done = link(url);
    },
  });
  return Object.assign(testCore, { browserDone: () => done });
}

describe('linking in the system browser and syncing', () => {
  it('links with WEBバンキング (password + OTP), keeps the refresh token only in the keychain, and syncs the ledger', async () => {
    const app = await coreLinkingAs((url) => customer.linkPersonal(url));
    try {
      const connection = await app.call('connections:connect', { channel: 'personal' });
      expect(await app.browserDone()).toMatchObject({ text: expect.stringContaining('連携が完了しました') });
      expect(connection).toMatchObject({ channel: 'personal', status: 'active', bankName: 'デモ信用金庫' });
      expect(connection.scopes).toEqual(['balances:read', 'transactions:read']);
      const daysLeft = (Date.parse(connection.expiresAt!) - Date.now()) / 86_400_000;
      expect(daysLeft).toBeGreaterThan(89);
      expect(daysLeft).toBeLessThanOrEqual(90);

      const [outcome] = await app.call('sync:run', { connectionId: connection.id });
      expect(outcome!.error).toBeUndefined();
      expect(outcome!.accounts.every((a) => !a.error)).toBe(true);

      const accounts = await app.call('accounts:list');
      expect(accounts.length).toBeGreaterThan(0);
      for (const { id, bankAccountId } of ledgerAccounts(app.dataDir)) {
        const statement = bankStatement(bank, bankAccountId);
        expect(ledgerStatement(app.dataDir, bankAccountId)).toEqual(statement);
        const view = accounts.find((a) => a.id === id)!;
        expect(view.transactionCount).toBe(statement.length);
        expect(view.balance).toBe(statement.at(-1)?.balance);
      }
      const refreshToken = await refreshTokenOf(app, connection.id);
      expect(refreshToken).toBeTruthy();
      await app.core.close();
      for (const file of filesIn(app.dataDir)) {
        const bytes = fs.readFileSync(file);
        expect(bytes.includes(refreshToken!), `${file} holds the refresh token`).toBe(false);
      }
    } finally {
      await app.dispose().catch(() => {});
    }
  });

  it('an incremental sync fetches only what the bank posted since, and two syncs at once are one', async () => {
    const app = await coreLinkingAs((url) => customer.linkCorporate(url));
    try {
      const connection = await app.call('connections:connect', { channel: 'corporate' });
      await app.browserDone();
      await app.call('sync:run', { connectionId: connection.id });
      const [first] = ledgerAccounts(app.dataDir);
      const before = ledgerStatement(app.dataDir, first!.bankAccountId).length;

      const posted = await qaPost(bank, `/qa/api/accounts/${first!.bankAccountId}/transactions`, {
        count: 3,
      });
      expect(posted.status).toBe(200);
      const progress = app.events.length;
      // Asked twice while it runs: the second call joins the first instead of starting another.
      const [a, b] = await Promise.all([
        app.call('sync:run', { connectionId: connection.id }),
        app.call('sync:run', { connectionId: connection.id }),
      ]);
      expect(a).toEqual(b);
      const result = a[0]!.accounts.find((r) => r.accountId === first!.id)!;
      expect(result).toEqual({ accountId: first!.id, newTransactions: 3 });
      expect(ledgerStatement(app.dataDir, first!.bankAccountId)).toEqual(
        bankStatement(bank, first!.bankAccountId),
      );
      expect(ledgerStatement(app.dataDir, first!.bankAccountId).length).toBe(before + 3);
      // One run: the sync:finished event arrived once for the two calls.
      expect(app.events.slice(progress).filter((e) => e.type === 'sync:finished')).toHaveLength(1);
    } finally {
      await app.dispose();
    }
  });

  it('the refresh token never reaches IPC results, events, logs or the ledger, across refreshes and restarts', async () => {
    const logged: string[] = [];
    const capture = (...args: unknown[]) => void logged.push(args.map(String).join(' '));
    const spies = [
      vi.spyOn(console, 'log').mockImplementation(capture),
      vi.spyOn(console, 'error').mockImplementation(capture),
      vi.spyOn(console, 'warn').mockImplementation(capture),
    ];
    const app = await coreLinkingAs((url) => customer.linkCorporate(url));
    const answers: unknown[] = [];
    const call = async (channel: Parameters<TestCore['call']>[0], args?: unknown) => {
      const value = await app.call(channel, args);
      answers.push(value);
      return value;
    };
    const seen = new Set<string>();
    try {
      const connection = (await call('connections:connect', { channel: 'corporate' })) as { id: string };
      await app.browserDone();
      seen.add((await refreshTokenOf(app, connection.id))!);
      // The link's private key (its `d`) is a secret of the same kind: nowhere but the keychain.
      const keyEntry = JSON.parse((await app.vault.read(keyEntryOf(connection.id)))!) as {
        jwk: { d: string };
      };
      const privateKey = keyEntry.jwk.d;
      await call('sync:run', {});
      // A restart has no access token: the next sync refreshes, and the rotated token is stored.
      await app.restart();
      await call('sync:run', {});
      seen.add((await refreshTokenOf(app, connection.id))!);
      expect(seen.size).toBe(2);
      seen.add(privateKey);
      await call('connections:list');
      await call('accounts:list');
      await call('statements:query', { limit: 1000 });
      await call('app:info-get');
      await app.core.close();

      const haystacks = [
        JSON.stringify(answers),
        JSON.stringify(app.events),
        logged.join('\n'),
        // The ledger and the core's log file (logs/bankdemo.log) among them.
        ...filesIn(app.dataDir).map((f) => fs.readFileSync(f).toString('latin1')),
      ];
      expect(fs.readFileSync(path.join(app.dataDir, 'logs', 'bankdemo.log'), 'utf8')).toContain(
        'sync.finished',
      );
      for (const token of seen) for (const hay of haystacks) expect(hay.includes(token)).toBe(false);
      // The bank still honours the link: rotation never presented a used refresh token.
      expect((await desktopLinks(bank, 'CORP0001')).at(-1)!.status).toBe('active');
    } finally {
      for (const spy of spies) spy.mockRestore();
      await app.dispose().catch(() => {});
    }
  });

  it('refreshes are single-flight: two callers at once share one refresh, and the rotated token is kept', async () => {
    const app = await coreLinkingAs((url) => customer.linkCorporate(url));
    try {
      const connection = await app.call('connections:connect', { channel: 'corporate' });
      await app.browserDone();
      const before = await app.vault.read(connection.id);
      // The app's own configuration: the app sends its proofs itself.
      const config = await desktopClient(bank, { proofs: false });
      const lost: string[] = [];
      const tokens = new ConnectionTokens({
        connectionId: connection.id,
        config: async () => config,
        vault: app.vault,
        onLinkExpiry: () => {},
        onLinkLost: () => lost.push(connection.id),
      });
      const [a, b] = await Promise.all([tokens.accessToken(true), tokens.accessToken(true)]);
      expect(a).toBe(b);
      const after = await app.vault.read(connection.id);
      expect(after).not.toBe(before);
      // Had the second caller refreshed too, it would have presented a used token: the bank
      // would have revoked the whole link.
      expect(lost).toEqual([]);
      expect((await desktopLinks(bank, 'CORP0001')).at(-1)!.status).toBe('active');
      await tokens.accessToken(true);
      expect((await desktopLinks(bank, 'CORP0001')).at(-1)!.status).toBe('active');
    } finally {
      await app.dispose();
    }
  });
});

/** Every file of a data folder: the ledger and its WAL, and the core's log under logs/. */
function filesIn(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(dir, f))
    .filter((f) => fs.statSync(f).isFile());
}
