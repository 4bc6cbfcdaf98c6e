import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionTokens } from '../../main/auth/connection-tokens.ts';
import { KeytarVault } from '../../main/auth/keytar-vault.ts';
import type { TokenVault } from '../../main/auth/token-vault.ts';
import {
  authorizationRequest,
  consentAsCorporate,
  desktopClient,
  exchangeCode,
} from '../support/consent-flow.ts';
import { desktopLinks, startTestBank, type TestBank } from '../support/test-bank.ts';

/**
 * The app's side of a refresh: the bank rotates the refresh token, and the app must keep the new one
 * in the keychain before it does anything else with the answer. When the app dies in between (here:
 * the keychain write never happens), the restarted app presents the old token — which the bank
 * answers within its reuse grace, so the customer keeps the link.
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

/** CORP0001 links the desktop app through the bank's screens; the refresh token goes to the keychain. */
async function linkInto(connectionId: string): Promise<string> {
  const config = await desktopClient(bank);
  const request = await authorizationRequest(config, 'http://127.0.0.1:51000/callback', {
    channel: 'corporate',
  });
  const tokens = await exchangeCode(config, request, await consentAsCorporate(bank, request));
  await keychain.write(connectionId, tokens.refresh_token!);
  return tokens.refresh_token!;
}

function tokensOf(connectionId: string, vault: TokenVault, events: string[] = []): ConnectionTokens {
  return new ConnectionTokens({
    connectionId,
    config: () => desktopClient(bank),
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
        events.push('keychain write started');
        await keychain.write(id, token);
        events.push('keychain written');
      },
      remove: (id) => keychain.remove(id),
    };
    const access = await tokensOf(connectionId, recording, events).accessToken(true);
    events.push('access token handed out');
    expect(events).toEqual([
      'keychain write started',
      'keychain written',
      'link expiry',
      'access token handed out',
    ]);
    expect(access).toBeTruthy();
    expect(await keychain.read(connectionId)).not.toBe(first);
    await keychain.remove(connectionId);
  });

  it('keeps the link when the app dies after the bank rotated and before the keychain write', async () => {
    const connectionId = randomUUID();
    const first = await linkInto(connectionId);
    const dying: TokenVault = {
      read: (id) => keychain.read(id),
      write: () => new Promise(() => {}), // the process is killed here: the write never completes
      remove: (id) => keychain.remove(id),
    };
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
    expect(await keychain.read(connectionId)).toBe(first);

    // The restarted app presents the old token: the bank answers with a fresh rotation.
    const restarted: string[] = [];
    const access = await tokensOf(connectionId, keychain, restarted).accessToken(true);
    expect(access).toBeTruthy();
    expect(restarted).toEqual(['link expiry']);
    const stored = await keychain.read(connectionId);
    expect(stored).not.toBe(first);
    const api = await fetch(`${bank.issuer}/api/v1/accounts`, {
      headers: { authorization: `Bearer ${access}` },
    });
    expect(api.status).toBe(200);
    // And the chain goes on from what the keychain now holds.
    expect(await tokensOf(connectionId, keychain, restarted).accessToken(true)).toBeTruthy();
    expect((await desktopLinks(bank, 'CORP0001')).at(-1)!.status).toBe('active');
    await keychain.remove(connectionId);
  });
});
