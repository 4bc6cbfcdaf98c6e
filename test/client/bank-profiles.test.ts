import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECT_SCOPES } from '../../main/bank-profiles.ts';
import { isBankUrl } from '../../main/shell-policy.ts';
import type { BankProfileInput } from '../../shared/ipc/contract.ts';
import { startTestBank, type TestBank } from '../support/test-bank.ts';
import { startTestCore, type TestCore } from '../support/test-client-core.ts';
import { linkCorporateOverHttp } from '../support/unsynced-ledger.ts';

let bank: TestBank;
let app: TestCore;
let browserDone: Promise<unknown> = Promise.resolve();
beforeAll(async () => {
  bank = await startTestBank();
  app = await startTestCore(bank, {
    openExternal: async (url) => {
      browserDone = linkCorporateOverHttp(bank, url, 'CORP0001', 'Corp-Pass-1');
    },
  });
});
afterAll(async () => {
  await app?.dispose();
  await bank?.dispose();
});

const elsewhere: BankProfileInput = {
  name: 'みらい信用金庫',
  issuer: 'https://auth.mirai-shinkin.example',
  clientId: 'bankdemo-desktop',
  apiBase: 'https://api.mirai-shinkin.example/v1',
};

describe('bank profiles', () => {
  it('the built-in bank cannot be changed or deleted (INVALID_ARGUMENT); an unknown id is NOT_FOUND', async () => {
    await expect(app.call('profiles:save', { ...elsewhere, id: 'local' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(app.call('profiles:delete', { profileId: 'local' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(app.call('profiles:save', { ...elsewhere, id: 'p0000' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(app.call('profiles:delete', { profileId: 'p0000' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await app.call('settings:get')).profiles.map((p) => p.id)).toEqual(['local']);
  });

  it('refuses what a profile must not be: plain http off this machine, a client id with spaces, no name', async () => {
    for (const bad of [
      { ...elsewhere, issuer: 'http://auth.mirai-shinkin.example' },
      { ...elsewhere, apiBase: 'ftp://api.mirai-shinkin.example' },
      { ...elsewhere, clientId: 'bank demo' },
      { ...elsewhere, name: '  ' },
    ]) {
      await expect(app.call('profiles:save', bad)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    }
  });

  it('adds, edits and deletes a profile (after the built-in one, kept across restarts); the system browser may open its pages only while it exists', async () => {
    const authorizeUrl = `${elsewhere.issuer}/auth?client_id=bankdemo-desktop`;
    expect(isBankUrl(authorizeUrl, app.core.profiles())).toBe(false);
    const added = await app.call('profiles:save', elsewhere);
    expect(added).toEqual({
      ...elsewhere,
      id: expect.stringMatching(/^p[0-9a-f]{16}$/),
      dialect: 'bankdemo',
      scopes: DIALECT_SCOPES.bankdemo,
      builtIn: false,
    });
    expect(isBankUrl(authorizeUrl, app.core.profiles())).toBe(true);

    await app.restart();
    const edited = await app.call('profiles:save', {
      ...elsewhere,
      id: added.id,
      name: 'みらい信金',
      apiBase: 'https://api.mirai-shinkin.example/v2',
    });
    expect(edited).toMatchObject({
      id: added.id,
      name: 'みらい信金',
      apiBase: 'https://api.mirai-shinkin.example/v2',
    });
    const { profiles } = await app.call('settings:get');
    expect(profiles.map((p) => [p.id, p.builtIn])).toEqual([
      ['local', true],
      [added.id, false],
    ]);
    expect((await app.call('app:info-get')).profiles.map((p) => p.name)).toEqual([
      'デモ信用金庫',
      'みらい信金',
    ]);

    expect(await app.call('profiles:delete', { profileId: added.id })).toEqual({ deleted: true });
    expect((await app.call('settings:get')).profiles.map((p) => p.id)).toEqual(['local']);
    expect(isBankUrl(authorizeUrl, app.core.profiles())).toBe(false);
  });

  it('a profile a connection uses (even disconnected with its data kept) may be renamed, not repointed or deleted (PROFILE_IN_USE)', async () => {
    const branch = await app.call('profiles:save', {
      name: 'デモ信用金庫 本店',
      issuer: bank.issuer,
      clientId: 'bankdemo-desktop',
      apiBase: `${bank.issuer}/api/v1`,
    });
    // Added while the app runs, and linked through at once: the core reads the profiles as they are now.
    const connection = await app.call('connections:connect', { channel: 'corporate', profileId: branch.id });
    await browserDone;
    expect(connection).toMatchObject({ profileId: branch.id, bankName: 'デモ信用金庫 本店' });
    await app.call('sync:run', { connectionId: connection.id });

    const { id, issuer, clientId, apiBase } = branch;
    const renamed = { id, name: 'デモ信金 本店', issuer, clientId, apiBase };
    expect(await app.call('profiles:save', renamed)).toMatchObject({ name: 'デモ信金 本店' });
    expect((await app.call('connections:list'))[0]!.bankName).toBe('デモ信金 本店');
    expect((await app.call('accounts:list')).every((a) => a.bankName === 'デモ信金 本店')).toBe(true);

    for (const change of [
      { apiBase: `${bank.issuer}/api/v2` },
      { clientId: 'someone-else' },
      { issuer: 'http://localhost:1' },
    ]) {
      await expect(app.call('profiles:save', { ...renamed, ...change })).rejects.toMatchObject({
        code: 'PROFILE_IN_USE',
      });
    }
    await expect(app.call('profiles:delete', { profileId: branch.id })).rejects.toMatchObject({
      code: 'PROFILE_IN_USE',
    });
    await app.call('connections:disconnect', { connectionId: connection.id, keepData: true });
    await expect(app.call('profiles:delete', { profileId: branch.id })).rejects.toMatchObject({
      code: 'PROFILE_IN_USE',
    });
    await app.call('connections:disconnect', { connectionId: connection.id, keepData: false });
    expect(await app.call('profiles:delete', { profileId: branch.id })).toEqual({ deleted: true });
  });
});

/** A TCP port that accepts connections and never answers: a bank that hangs. */
async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => void sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * Stands in for another bank's servers where the real one cannot show a case: metadata offering
 * the given PKCE methods, and an API refusing every request with 401 and an error code in the
 * bankdemo dialect — and no WWW-Authenticate challenge, which 接続テスト must not demand.
 */
async function metadataServer(pkceMethods: string[]) {
  const requests: Array<{ url: string; headers: http.IncomingHttpHeaders }> = [];
  const server = http.createServer((req, res) => {
    requests.push({ url: req.url ?? '', headers: req.headers });
    if (req.url !== '/.well-known/openid-configuration') {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"errorCode":"TOKEN_REQUIRED"}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        issuer,
        authorization_endpoint: `${issuer}/auth`,
        token_endpoint: `${issuer}/token`,
        response_types_supported: ['code'],
        code_challenge_methods_supported: pkceMethods,
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return { issuer, requests, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('接続テスト (profiles:test), without linking or sending a token', () => {
  const good = () => ({
    issuer: bank.issuer,
    clientId: 'bankdemo-desktop',
    apiBase: `${bank.issuer}/api/v1`,
  });

  it('passes the real bank: its metadata names it, PKCE S256 is offered, its API refuses no token in its dialect', async () => {
    const result = await app.call('profiles:test', good());
    expect(result.ok).toBe(true);
    expect(result.checks).toEqual([
      {
        check: 'discovery',
        ok: true,
        detail: expect.stringContaining(`names the issuer ${bank.issuer}`),
        finding: {
          key: 'discovery-ok',
          url: `${bank.issuer}/.well-known/openid-configuration`,
          value: bank.issuer,
        },
      },
      { check: 'pkce', ok: true, detail: expect.stringContaining('S256'), finding: { key: 'pkce-ok' } },
      {
        check: 'api',
        ok: true,
        detail: expect.stringContaining('without a token answered 401'),
        finding: { key: 'api-ok', url: `${bank.issuer}/api/v1/accounts` },
      },
      {
        check: 'dialect',
        ok: true,
        detail: expect.stringContaining('bankdemo dialect (TOKEN_REQUIRED)'),
        finding: { key: 'dialect-ok', value: 'bankdemo' },
      },
      {
        check: 'key-binding',
        ok: true,
        detail: expect.stringContaining('links are key-protected'),
        finding: { key: 'dpop-offered', value: expect.stringContaining('ES256') },
      },
    ]);
  });

  it('a GMO Aozora profile pointed at a bankdemo API fails at dialect, naming the dialect that answers', async () => {
    const result = await app.call('profiles:test', { ...good(), dialect: 'gmo-aozora' });
    expect(result.ok).toBe(false);
    expect(result.checks.map((c) => [c.check, c.ok])).toEqual([
      ['discovery', true],
      ['pkce', true],
      ['api', true],
      ['dialect', false],
    ]);
    expect(result.checks[3]!.detail).toMatch(
      /answers in the bankdemo dialect .*not gmo-aozora: check the API dialect/,
    );
  });

  it('a wrong port fails at discovery, and nothing after it runs', async () => {
    const closed = await silentServer();
    await closed.close();
    const result = await app.call('profiles:test', { ...good(), issuer: `http://127.0.0.1:${closed.port}` });
    expect(result).toEqual({
      ok: false,
      checks: [
        {
          check: 'discovery',
          ok: false,
          detail: expect.stringContaining('could not be reached'),
          finding: expect.objectContaining({ key: 'unreachable' }),
        },
      ],
    });
  });

  it('an issuer whose metadata names another fails at discovery', async () => {
    const other = bank.issuer.replace('127.0.0.1', 'localhost');
    const result = await app.call('profiles:test', { ...good(), issuer: other });
    expect(result.checks).toEqual([
      {
        check: 'discovery',
        ok: false,
        detail: expect.stringContaining(`names the issuer "${bank.issuer}"`),
        finding: expect.objectContaining({ key: 'wrong-issuer', value: bank.issuer }),
      },
    ]);
  });

  it('a wrong API base fails at api, after discovery and pkce passed', async () => {
    const result = await app.call('profiles:test', { ...good(), apiBase: `${bank.issuer}/api/v2` });
    expect(result.ok).toBe(false);
    expect(result.checks.map((c) => [c.check, c.ok])).toEqual([
      ['discovery', true],
      ['pkce', true],
      ['api', false],
    ]);
    expect(result.checks[2]!.detail).toMatch(/answered HTTP 404, not 401: check the API base URL/);
    expect(result.checks[2]!.finding).toEqual({
      key: 'api-not-401',
      url: `${bank.issuer}/api/v2/accounts`,
      status: 404,
    });
  });

  it('metadata without PKCE S256 fails at pkce, and the API is not tried', async () => {
    const fake = await metadataServer(['plain']);
    try {
      const result = await app.call('profiles:test', {
        ...good(),
        issuer: fake.issuer,
        apiBase: fake.issuer,
      });
      expect(result.checks).toEqual([
        { check: 'discovery', ok: true, detail: expect.any(String), finding: expect.any(Object) },
        {
          check: 'pkce',
          ok: false,
          detail: 'PKCE S256 is not offered (code_challenge_methods_supported: plain)',
          finding: { key: 'no-s256', value: 'plain' },
        },
      ]);
      expect(fake.requests.map((r) => r.url)).toEqual(['/.well-known/openid-configuration']);
    } finally {
      await fake.close();
    }
  });

  it('sends no token, no cookie, no credentials of any kind', async () => {
    const fake = await metadataServer(['S256']);
    try {
      const result = await app.call('profiles:test', {
        ...good(),
        issuer: fake.issuer,
        apiBase: fake.issuer,
      });
      expect(result.ok).toBe(true);
      // A bank whose metadata lists no DPoP algorithms (GMO Aozora, a foreign AS) gets bearer tokens.
      expect(result.checks.at(-1)).toEqual({
        check: 'key-binding',
        ok: true,
        detail: 'the bank offers no DPoP with ES256: links get bearer tokens',
        finding: { key: 'dpop-not-offered', value: 'none' },
      });
      expect(fake.requests.map((r) => r.url)).toEqual(['/.well-known/openid-configuration', '/accounts']);
      for (const { headers } of fake.requests) {
        expect(Object.keys(headers)).not.toContain('authorization');
        expect(Object.keys(headers)).not.toContain('cookie');
      }
    } finally {
      await fake.close();
    }
  });

  it('a bank that accepts the connection and never answers fails after 5 s, not never', async () => {
    const silent = await silentServer();
    try {
      const started = Date.now();
      const result = await app.call('profiles:test', {
        ...good(),
        issuer: `http://127.0.0.1:${silent.port}`,
      });
      expect(result.checks).toEqual([
        {
          check: 'discovery',
          ok: false,
          detail: expect.stringContaining('did not answer within 5 s'),
          finding: expect.objectContaining({ key: 'timeout', value: '5' }),
        },
      ]);
      expect(Date.now() - started).toBeLessThan(8000);
    } finally {
      await silent.close();
    }
  });
});
