import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumCustomer } from '../support/chromium-customer.ts';
import { ledgerAccounts, ledgerStatement } from '../support/bank-statement.ts';
import { desktopLinks, qaPost, startTestBank, type TestBank } from '../support/test-bank.ts';
import { CodedError, startTestCore, type TestCore } from '../support/test-client-core.ts';

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

/** A core whose system browser links as whoever `as` says, changeable between links. */
async function linkedCore(loginId = 'CORP0001', password = 'Corp-Pass-1') {
  const who = { loginId, password };
  let done: Promise<unknown> = Promise.resolve();
  const app = await startTestCore(bank, {
    openExternal: async (url) => {
      done = customer.linkCorporate(url, who.loginId, who.password);
    },
  });
  const connection = await app.call('connections:connect', { channel: 'corporate' });
  await done;
  await app.call('sync:run', { connectionId: connection.id });
  return { app, connection, who, browserDone: () => done };
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  await expect(promise).rejects.toBeInstanceOf(CodedError);
  await promise.catch((error: CodedError) => expect(error.code).toBe(code));
}

const rowCount = (app: TestCore) =>
  ledgerAccounts(app.dataDir).reduce((n, a) => n + ledgerStatement(app.dataDir, a.bankAccountId).length, 0);

describe('a link over its life', () => {
  it('expired at the bank → 要再連携 with the data kept → 再連携 attaches to the same connection', async () => {
    const { app, connection, browserDone } = await linkedCore();
    try {
      const rows = rowCount(app);
      expect(rows).toBeGreaterThan(0);
      const link = (await desktopLinks(bank, 'CORP0001')).at(-1)!;
      expect((await qaPost(bank, `/qa/api/links/${link.id}/expire`)).status).toBe(200);

      const [outcome] = await app.call('sync:run', { connectionId: connection.id });
      expect(outcome!.error?.code).toBe('CONSENT_EXPIRED');
      const [expired] = await app.call('connections:list');
      expect(expired!.status).toBe('relink-required');
      expect(rowCount(app)).toBe(rows);
      // While it waits for 再連携, a sync answers the same code at once.
      await expectCode(app.call('sync:run', { connectionId: connection.id }), 'CONSENT_EXPIRED');

      const accountsBefore = ledgerAccounts(app.dataDir);
      const relinked = await app.call('connections:relink', { connectionId: connection.id });
      await browserDone();
      expect(relinked).toMatchObject({ id: connection.id, status: 'active' });
      const [after] = await app.call('sync:run', { connectionId: connection.id });
      expect(after!.error).toBeUndefined();
      expect(ledgerAccounts(app.dataDir)).toEqual(accountsBefore);
      expect(await app.call('connections:list')).toHaveLength(1);
      expect(rowCount(app)).toBe(rows);
    } finally {
      await app.dispose();
    }
  });

  it('a refresh answered invalid_grant (link revoked at the bank, app restarted) → CONSENT_EXPIRED, data kept', async () => {
    const { app, connection } = await linkedCore();
    try {
      const rows = rowCount(app);
      const link = (await desktopLinks(bank, 'CORP0001')).at(-1)!;
      await qaPost(bank, `/qa/api/links/${link.id}/revoke`);
      // After a restart there is no access token in memory: the sync must refresh first.
      await app.restart();
      const [outcome] = await app.call('sync:run', { connectionId: connection.id });
      expect(outcome!.error?.code).toBe('CONSENT_EXPIRED');
      const [view] = await app.call('connections:list');
      expect(view!.status).toBe('relink-required');
      expect(rowCount(app)).toBe(rows);
    } finally {
      await app.dispose();
    }
  });

  it('再連携 as another customer is refused and leaves the connection as it was', async () => {
    const { app, connection, who, browserDone } = await linkedCore();
    try {
      const link = (await desktopLinks(bank, 'CORP0001')).at(-1)!;
      await qaPost(bank, `/qa/api/links/${link.id}/expire`);
      await app.call('sync:run', { connectionId: connection.id });
      Object.assign(who, { loginId: 'CORP9000', password: 'Corp-Pass-9' });
      const refused = app.call('connections:relink', { connectionId: connection.id });
      await expectCode(refused, 'RELINK_OTHER_CUSTOMER');
      // Both customers named: the one the link belongs to, and the one who logged in instead.
      await refused.catch((error: CodedError) =>
        expect(error.info?.customers).toEqual({
          expected: ['株式会社デモ商事'],
          signedIn: [expect.any(String)],
        }),
      );
      await browserDone();
      const [view] = await app.call('connections:list');
      expect(view!.status).toBe('relink-required');
      expect(ledgerAccounts(app.dataDir).every((a) => a.bankAccountId.length === 12)).toBe(true);
      // The stranger's new link was revoked at once, not left alive at the bank.
      expect((await desktopLinks(bank, 'CORP9000')).at(-1)!.status).toBe('revoked');
    } finally {
      await app.dispose();
    }
  });

  it('連携解除 revokes the link at the bank, empties the keychain entry, and keeps or deletes the data', async () => {
    for (const keepData of [true, false]) {
      const { app, connection } = await linkedCore();
      try {
        const rows = rowCount(app);
        const result = await app.call('connections:disconnect', { connectionId: connection.id, keepData });
        expect(result).toEqual({ revokedAtBank: true, dataKept: keepData });
        expect((await desktopLinks(bank, 'CORP0001')).at(-1)!.status).toBe('revoked');
        expect(await app.vault.read(connection.id)).toBeUndefined();
        const views = await app.call('connections:list');
        if (keepData) {
          expect(views.map((v) => v.status)).toEqual(['disconnected']);
          expect(rowCount(app)).toBe(rows);
        } else {
          expect(views).toEqual([]);
          expect(rowCount(app)).toBe(0);
        }
      } finally {
        await app.dispose();
      }
    }
  });

  it('linking again instead of 再連携 goes to the same connection; the link it replaces is revoked', async () => {
    const { app, connection, browserDone } = await linkedCore();
    try {
      const accountsBefore = ledgerAccounts(app.dataDir);
      const rows = rowCount(app);
      const again = await app.call('connections:connect', { channel: 'corporate' });
      await browserDone();
      expect(again.id).toBe(connection.id);
      expect(await app.call('connections:list')).toHaveLength(1);
      expect(ledgerAccounts(app.dataDir)).toEqual(accountsBefore);
      expect(rowCount(app)).toBe(rows);
      const [newest, previous] = (await desktopLinks(bank, 'CORP0001')).reverse();
      expect(newest!.status).toBe('active');
      expect(previous!.status).toBe('revoked');
      const [outcome] = await app.call('sync:run', { connectionId: connection.id });
      expect(outcome!.error).toBeUndefined();
    } finally {
      await app.dispose();
    }
  });
});
