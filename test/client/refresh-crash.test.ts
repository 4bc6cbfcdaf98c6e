import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionTokens } from '../../main/auth/connection-tokens.ts';
import { KeytarVault } from '../../main/auth/keytar-vault.ts';
import { keyEntryOf, LinkSecrets } from '../../main/auth/link-secrets.ts';
import type { TokenVault } from '../../main/auth/token-vault.ts';
import { desktopClient } from '../support/consent-flow.ts';
import { bearerLinkFromBefore } from '../support/dpop-client.ts';
import { desktopLinks, startTestBank, type TestBank } from '../support/test-bank.ts';

/**
 * The app's side of a refresh: the bank rotates the refresh token, and the app must keep the new one
 * in the keychain before it does anything else with the answer. When the app dies in between (here:
 * the keychain write never happens), the restarted app presents the old token — which the bank
 * answers within its reuse grace, so the customer keeps the link.
 *
 * The bank offers DPoP, so a link's key is part of the chain: a bearer link is bound by its next
 * refresh, and its key is written to the keychain before that refresh is sent. A kill at each step —
 * during the key write, after the key write, after the bank bound the rotated token — leaves a
 * link the restarted app goes on with, bound to the key the keychain holds.
 */
let bank: TestBank;
const service = `bankdemo-test-${randomUUID()}`;
const keychain = new KeytarVault(service);

beforeAll(async () => {
  bank = await startTestBank();
});
afterAll(async () => {
  await bank?.dispose();
});

/** A bearer link made before the app had keys; its refresh token goes to the keychain. */
async function linkInto(connectionId: string): Promise<string> {
  const refreshToken = await bearerLinkFromBefore(bank);
  await keychain.write(connectionId, refreshToken);
  return refreshToken;
}

/** The key thumbprint the bank bound the newest refresh token of the link to, if any. */
function boundThumbprintAtBank(): string | undefined {
  const row = bank.db
    .prepare(
      "SELECT payload FROM oidc_models WHERE model = 'RefreshToken' AND consumed_at IS NULL ORDER BY rowid DESC LIMIT 1",
    )
    .get() as { payload: string } | undefined;
  return row ? ((JSON.parse(row.payload) as { jkt?: string }).jkt ?? undefined) : undefined;
}

/** A vault whose writes to one entry never complete: the process is killed there. */
function dyingAt(entry: (id: string) => boolean): TokenVault {
  return {
    read: (id) => keychain.read(id),
    write: (id, token) => (entry(id) ? new Promise(() => {}) : keychain.write(id, token)),
    remove: (id) => keychain.remove(id),
  };
}

function tokensOf(connectionId: string, vault: TokenVault, events: string[] = []): ConnectionTokens {
  return new ConnectionTokens({
    connectionId,
    // The app's own configuration: the app sends its proofs itself.
    config: () => desktopClient(bank, { proofs: false }),
    vault,
    onLinkExpiry: () => events.push('link expiry'),
    onLinkLost: () => events.push('link lost'),
  });
}

describe('a refresh and the keychain', () => {
  it('writes the rotated refresh token to the keychain before anything else is done with the answer', async () => {
    const connectionId = randomUUID();
    const first = await linkInto(connectionId);
    const events: string[] = [];
    const recording: TokenVault = {
      read: (id) => keychain.read(id),
      write: async (id, token) => {
        const what = id === keyEntryOf(connectionId) ? 'key' : 'refresh token';
        events.push(`${what} write started`);
        await keychain.write(id, token);
        events.push(`${what} written`);
      },
      remove: (id) => keychain.remove(id),
    };
    const access = await tokensOf(connectionId, recording, events).accessToken(true);
    events.push('access token handed out');
    expect(events).toEqual([
      'key write started',
      'key written',
      'refresh token write started',
      'refresh token written',
      'link expiry',
      'access token handed out',
    ]);
    expect(access).toBeTruthy();
    const stored = await new LinkSecrets(keychain).readRefresh(connectionId);
    expect(stored?.refreshToken).not.toBe(first);
    expect(stored?.jkt).toBe(boundThumbprintAtBank());
    await new LinkSecrets(keychain).remove(connectionId);
  });

  it('goes on with a bearer link whose upgrade was killed while its key was being written (nothing was sent)', async () => {
    const connectionId = randomUUID();
    const first = await linkInto(connectionId);
    void tokensOf(
      connectionId,
      dyingAt((id) => id === keyEntryOf(connectionId)),
    ).accessToken(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await keychain.read(connectionId)).toBe(first);

    const access = await tokensOf(connectionId, keychain).accessToken(true);
    expect(access).toBeTruthy();
    const stored = await new LinkSecrets(keychain).readRefresh(connectionId);
    expect(stored?.jkt).toBeTruthy();
    expect(stored?.jkt).toBe(boundThumbprintAtBank());
    expect((await desktopLinks(bank, 'CORP0001')).at(-1)!.status).toBe('active');
    await new LinkSecrets(keychain).remove(connectionId);
  });

  it('binds a bearer link to the key it wrote first when the app dies after the bank bound the rotated token', async () => {
    const connectionId = randomUUID();
    const first = await linkInto(connectionId);
    const crashed = tokensOf(
      connectionId,
      dyingAt((id) => id === connectionId),
    );
    void crashed.accessToken(true);
    // The bank bound the rotated token to the key the keychain already holds; the app died before
    // it could keep that token.
    await expect.poll(boundThumbprintAtBank).toBeTruthy();
    const key = await new LinkSecrets(keychain).readKey(connectionId);
    expect(key?.jkt).toBe(boundThumbprintAtBank());
    expect(await keychain.read(connectionId)).toBe(first);

    const access = await tokensOf(connectionId, keychain).accessToken(true);
    expect(access).toBeTruthy();
    expect((await new LinkSecrets(keychain).readRefresh(connectionId))?.jkt).toBe(key!.jkt);
    expect(await tokensOf(connectionId, keychain).accessToken(true)).toBeTruthy();
    expect((await desktopLinks(bank, 'CORP0001')).at(-1)!.status).toBe('active');
    await new LinkSecrets(keychain).remove(connectionId);
  });

  it('keeps the link when the app dies after the bank rotated and before the keychain write', async () => {
    const connectionId = randomUUID();
    const first = await linkInto(connectionId);
    // A bound link: its first refresh (the upgrade) went through.
    await tokensOf(connectionId, keychain).accessToken(true);
    const bound = await new LinkSecrets(keychain).readRefresh(connectionId);
    expect(bound?.jkt).toBeTruthy();
    // The process is killed at the refresh token's write: it never completes.
    const dying = dyingAt((id) => id === connectionId);
    const rotations = () =>
      (
        bank.db
          .prepare(
            "SELECT COUNT(*) AS n FROM oidc_models WHERE model = 'RefreshToken' AND consumed_at IS NOT NULL",
          )
          .get() as { n: number }
      ).n;
    const before = rotations();
    const events: string[] = [];
    const crashed = tokensOf(connectionId, dying, events).accessToken(true);
    // The bank has rotated (the app is stuck writing): the keychain still holds the old token.
    await expect.poll(rotations).toBe(before + 1);
    expect(events).toEqual([]);
    void crashed;
    expect(await new LinkSecrets(keychain).readRefresh(connectionId)).toEqual(bound);
    expect(bound?.refreshToken).not.toBe(first);

    // The restarted app presents the old token: the bank answers with a fresh rotation.
    const restarted: string[] = [];
    const access = await tokensOf(connectionId, keychain, restarted).accessToken(true);
    expect(access).toBeTruthy();
    expect(restarted).toEqual(['link expiry']);
    const stored = await new LinkSecrets(keychain).readRefresh(connectionId);
    expect(stored?.refreshToken).not.toBe(bound?.refreshToken);
    expect(stored?.jkt).toBe(bound?.jkt);
    // The access token is bound too: alone, as a bearer token, the bank refuses it.
    const api = await fetch(`${bank.issuer}/api/v1/accounts`, {
      headers: { authorization: `Bearer ${access}` },
    });
    expect(api.status).toBe(401);
    // And the chain goes on from what the keychain now holds.
    expect(await tokensOf(connectionId, keychain, restarted).accessToken(true)).toBeTruthy();
    expect((await desktopLinks(bank, 'CORP0001')).at(-1)!.status).toBe('active');
    await new LinkSecrets(keychain).remove(connectionId);
  });
});
