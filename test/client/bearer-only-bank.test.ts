import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BankDiscovery } from '../../main/auth/bank-discovery.ts';
import { ConnectionTokens } from '../../main/auth/connection-tokens.ts';
import { KeytarVault } from '../../main/auth/keytar-vault.ts';
import { keyEntryOf } from '../../main/auth/link-secrets.ts';

/**
 * A foreign authorization server that offers no DPoP (GMO Aozora's lists no
 * `dpop_signing_alg_values_supported`): a real HTTP server on loopback that answers discovery and
 * refreshes, and records what the app sent. The app must go on with bearer tokens exactly as before.
 */
let server: http.Server;
let issuer: string;
const tokenRequests: http.IncomingHttpHeaders[] = [];
const keychain = new KeytarVault(`bankdemo-test-${randomUUID()}`);

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/.well-known/openid-configuration') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          issuer,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/token`,
          code_challenge_methods_supported: ['S256'],
          response_types_supported: ['code'],
        }),
      );
      return;
    }
    if (req.url === '/token' && req.method === 'POST') {
      tokenRequests.push(req.headers);
      req.resume();
      req.on('end', () =>
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(
          JSON.stringify({
            access_token: `at-${randomUUID()}`,
            token_type: 'Bearer',
            expires_in: 300,
            refresh_token: `rt-${randomUUID()}`,
          }),
        ),
      );
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('a bank that offers no DPoP', () => {
  it('gets bearer refreshes exactly as before: no proof, no key in the keychain, the bare refresh token kept', async () => {
    const connectionId = randomUUID();
    await keychain.write(connectionId, 'rt-before');
    const discovery = new BankDiscovery();
    const bound: string[] = [];
    const tokens = new ConnectionTokens({
      connectionId,
      config: () => discovery.config({ issuer, clientId: 'bankdemo-desktop' }),
      vault: keychain,
      onLinkExpiry: () => {},
      onLinkLost: () => bound.push('lost'),
      onKeyBound: () => bound.push('bound'),
    });
    expect(await tokens.accessToken(true)).toMatch(/^at-/);
    expect(tokens.prover()).toBeUndefined();
    expect(tokenRequests).toHaveLength(1);
    expect(tokenRequests[0]!.dpop).toBeUndefined();
    expect(await keychain.read(connectionId)).toMatch(/^rt-[0-9a-f-]{36}$/);
    expect(await keychain.read(keyEntryOf(connectionId))).toBeUndefined();
    expect(bound).toEqual([]);
    await keychain.remove(connectionId);
  });
});
