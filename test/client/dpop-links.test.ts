import { randomUUID } from 'node:crypto';
import * as oauth from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyEntryOf, LinkSecrets } from '../../main/auth/link-secrets.ts';
import { desktopClient } from '../support/consent-flow.ts';
import { bearerLinkFromBefore, newDpopKey } from '../support/dpop-client.ts';
import { consentOverHttp } from '../support/http-customer.ts';
import { startTestCore, type TestCore } from '../support/test-client-core.ts';
import { desktopLinks, disposeTestBanks, gmoApiBase, startBothDialects } from '../support/test-bank.ts';
import type { TestBank } from '../support/test-bank.ts';

/**
 * Issue 25: the desktop app binds its tokens to a key of its own (DPoP, RFC 9449) at a bank that
 * offers it — the real simulator over HTTP, the real keyring, the app's real SQLite ledger.
 */
let bank: TestBank;
let gmo: TestBank;
beforeAll(async () => {
  [bank, gmo] = await startBothDialects();
});
afterAll(() => disposeTestBanks(bank, gmo));

async function linkedCore(
  at: TestBank,
  dialect?: 'gmo-aozora',
): Promise<{ app: TestCore; connectionId: string }> {
  const app = await startTestCore(at, {
    openExternal: async (url) =>
      void consentOverHttp({ bank: at, loginId: 'CORP0001', password: 'Corp-Pass-1' }, url),
    ...(dialect ? { dialect } : {}),
  });
  const connection = await app.call('connections:connect', { channel: 'corporate' });
  return { app, connectionId: connection.id };
}

/** The bank's `dpop.refused` audit entries, newest first (its QA API). */
async function dpopRefusals(at: TestBank): Promise<Array<{ detail: Record<string, string> }>> {
  const { entries } = (await (await fetch(`${at.issuer}/qa/api/audit?limit=1000`)).json()) as {
    entries: Array<{ event: string; detail: Record<string, string> }>;
  };
  return entries.filter((e) => e.event === 'dpop.refused');
}

/** The refresh token of a link at the bank, straight from the bank's store: the thing a thief copies. */
async function refreshWith(at: TestBank, refreshToken: string, dpop?: oauth.DPoPHandle) {
  const config = await desktopClient(at, { proofs: false });
  return oauth.refreshTokenGrant(config, refreshToken, undefined, dpop ? { DPoP: dpop } : undefined);
}

describe('links bound to the app’s own key (DPoP)', () => {
  it('links with a key of the app’s own: the refresh token in the keychain names it, the bank bound it, the links screen says 鍵で保護', async () => {
    const { app, connectionId } = await linkedCore(bank);
    try {
      const secrets = new LinkSecrets(app.vault);
      const stored = await secrets.readRefresh(connectionId);
      const key = await secrets.readKey(connectionId);
      expect(stored?.jkt).toBeTruthy();
      expect(key?.jkt).toBe(stored?.jkt);
      // Loaded for use, the private half cannot be exported again.
      expect(key!.keyPair.privateKey.extractable).toBe(false);
      // Both entries stay far under Windows Credential Manager's 2,560-byte limit.
      expect((await app.vault.read(connectionId))!.length).toBeLessThan(1024);
      expect((await app.vault.read(keyEntryOf(connectionId)))!.length).toBeLessThan(512);
      const [view] = await app.call('connections:list');
      expect(view).toMatchObject({ id: connectionId, keyProtected: true });

      const [outcome] = await app.call('sync:run', { connectionId });
      expect(outcome!.error).toBeUndefined();
    } finally {
      await app.dispose();
    }
  });

  it('refuses the link’s refresh token without a proof, or with another key’s proof, and the link lives on', async () => {
    const { app, connectionId } = await linkedCore(bank);
    try {
      const stolen = (await new LinkSecrets(app.vault).readRefresh(connectionId))!.refreshToken;
      await expect(refreshWith(bank, stolen)).rejects.toMatchObject({ error: 'invalid_grant' });
      const thief = await newDpopKey();
      const config = await desktopClient(bank, { proofs: false });
      await expect(
        refreshWith(
          bank,
          stolen,
          oauth.getDPoPHandle(config, thief as Parameters<typeof oauth.getDPoPHandle>[1]),
        ),
      ).rejects.toMatchObject({ error: 'invalid_grant' });
      const link = (await desktopLinks(bank, 'CORP0001')).at(-1)!;
      expect(link.status).toBe('active');
      // Each refusal is in the bank's audit, with its reason, and on the QA console beside the link.
      const refusals = (await dpopRefusals(bank)).filter((e) => e.detail.link === link.id);
      // Without a proof the bank refuses the desktop client before it looks at the token (it requires
      // DPoP of this client); with the thief's key, once a nonce is in, the token's key does not match.
      expect(refusals.map((e) => [e.detail.where, e.detail.reason])).toEqual([
        ['token', 'failed jkt verification'],
        ['token', 'nonce is required in the DPoP proof'],
        ['token', 'DPoP proof JWT not provided'],
      ]);
      const console = await (await fetch(`${bank.issuer}/qa`)).text();
      expect(console).toMatch(
        new RegExp(`data-link-id="${link.id}"[\\s\\S]*?token: failed jkt verification`),
      );

      // The app, with its key, goes on: a sync refreshes and reads the accounts.
      await app.restart();
      const [outcome] = await app.call('sync:run', { connectionId });
      expect(outcome!.error).toBeUndefined();
      expect((await app.call('connections:list'))[0]!.status).toBe('active');
    } finally {
      await app.dispose();
    }
  });

  it('the app’s access token sent as Bearer is refused by both API dialects; with the app’s proof it is taken', async () => {
    for (const [at, dialect, apiBase] of [
      [bank, undefined, `${bank.issuer}/api/v1`],
      [gmo, 'gmo-aozora', gmoApiBase(gmo, 'corporate')],
    ] as const) {
      const { app, connectionId } = await linkedCore(at, dialect);
      try {
        const access = await appAccessTokenAt(at, app, connectionId);
        const url = `${apiBase}/accounts`;
        const asBearer = await fetch(url, {
          headers: dialect ? { 'x-access-token': access } : { authorization: `Bearer ${access}` },
        });
        expect(asBearer.status, `${dialect ?? 'bankdemo'} as Bearer`).toBe(401);
        expect((await dpopRefusals(at))[0]).toMatchObject({
          detail: { where: 'api', reason: expect.stringMatching(/DPoP-bound|one DPoP proof/) },
        });
        const [outcome] = await app.call('sync:run', { connectionId });
        expect(outcome!.error, `${dialect ?? 'bankdemo'} sync with proofs`).toBeUndefined();
      } finally {
        await app.dispose();
      }
    }
  });

  it('upgrades a bearer link made before: its next sync binds it, without 再連携', async () => {
    // A link as the app made it before DPoP: a bare refresh token in the keychain, no key.
    const refreshToken = await bearerLinkFromBefore(bank);
    const { app, connectionId } = await linkedCore(bank);
    try {
      await app.vault.write(connectionId, refreshToken);
      await app.vault.remove(keyEntryOf(connectionId));
      await app.restart();
      const [outcome] = await app.call('sync:run', { connectionId });
      expect(outcome!.error).toBeUndefined();
      const stored = await new LinkSecrets(app.vault).readRefresh(connectionId);
      expect(stored?.jkt).toBe((await new LinkSecrets(app.vault).readKey(connectionId))?.jkt);
      expect((await app.call('connections:list'))[0]).toMatchObject({ keyProtected: true });
      // From now on the bank wants the key for this link too.
      await expect(refreshWith(bank, stored!.refreshToken)).rejects.toMatchObject({ error: 'invalid_grant' });
    } finally {
      await app.dispose();
    }
  });

  it('a missing or damaged key gives DPOP_KEY_INVALID (fix: 再連携), never a bearer refresh', async () => {
    for (const damage of [
      (app: TestCore, id: string) => app.vault.remove(keyEntryOf(id)),
      (app: TestCore, id: string) =>
        app.vault.write(keyEntryOf(id), '{"v":1,"alg":"ES256","jwk":{"kty":"EC"'),
      (app: TestCore, id: string) =>
        app.vault.write(
          keyEntryOf(id),
          JSON.stringify({ v: 1, alg: 'ES256', jwk: { kty: 'oct', k: randomUUID() } }),
        ),
    ]) {
      const { app, connectionId } = await linkedCore(bank);
      try {
        const before = await app.vault.read(connectionId);
        await damage(app, connectionId);
        await app.restart();
        const [outcome] = await app.call('sync:run', { connectionId });
        expect(outcome!.error?.code).toBe('DPOP_KEY_INVALID');
        expect((await app.call('connections:list'))[0]!.status).toBe('relink-required');
        // Nothing was sent: the refresh token in the keychain is the one the link had.
        expect(await app.vault.read(connectionId)).toBe(before);
      } finally {
        await app.dispose();
      }
    }
  });
});

/** A fresh access token of the app's link, refreshed with the app's own key (as the app does). */
async function appAccessTokenAt(at: TestBank, app: TestCore, connectionId: string): Promise<string> {
  const secrets = new LinkSecrets(app.vault);
  const stored = await secrets.readRefresh(connectionId);
  const key = await secrets.keyFor(connectionId, stored!.jkt!);
  const config = await desktopClient(at, { proofs: false });
  const grant = await oauth.refreshTokenGrant(config, stored!.refreshToken, undefined, {
    DPoP: oauth.getDPoPHandle(config, key.keyPair),
  });
  await secrets.writeRefresh(connectionId, grant.refresh_token!, stored!.jkt);
  return grant.access_token;
}
