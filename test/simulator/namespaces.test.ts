import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import * as oauth from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authorizationRequest,
  consentAsCorporate,
  desktopClient,
  exchangeCode,
  openAuthorization,
} from '../support/consent-flow.ts';
import { apiFetch } from '../support/desktop-proofs.ts';
import { HttpBrowser } from '../support/http-browser.ts';
import { startTestBank, type TestBank } from '../support/test-bank.ts';

/**
 * Namespaces (`/ns/<name>`): each a whole bank on the one shared bank, made and deleted through the
 * root bank's QA API. What one namespace issues — tokens, codes, cookies, QA tokens — is refused by
 * every other and by the root bank; the administration answers this machine or the admin token.
 * Runs on SQLite and again on PostgreSQL (the `postgres` project, vitest.config.ts).
 */
const ADMIN_TOKEN = 'admin-token-for-namespace-tests';
/** Making a namespace copies a pristine bank: a moment, longer on a busy machine. */
let bank: TestBank;

interface Made {
  name: string;
  issuer: string;
  qaToken: string;
}
let teamA: Made;
let teamB: Made;

/** A request as another machine would make it: a Host that is not this machine's (the loopback guard's test). */
function send(
  method: string,
  pathname: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const { port } = new URL(bank.issuer);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: pathname,
        headers: { 'content-type': 'application/json', ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => {
          let json: Record<string, unknown>;
          try {
            json = JSON.parse(text) as Record<string, unknown>;
          } catch {
            json = {};
          }
          resolve({ status: res.statusCode ?? 0, json });
        });
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}
const REMOTE = { host: 'bank.example.net' };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function createNamespace(name: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  return send('POST', '/qa/api/namespaces', {}, { name });
}

const namespaceNames = async (): Promise<string[]> =>
  ((await send('GET', '/qa/api/namespaces', {})).json.namespaces as { name: string }[]).map((n) => n.name);

beforeAll(async () => {
  bank = await startTestBank({ BANK_QA_ADMIN_TOKEN: ADMIN_TOKEN });
  const [a, b] = await Promise.all([createNamespace('team-a'), createNamespace('team-b')]);
  expect([a.status, b.status]).toEqual([201, 201]);
  teamA = a.json as unknown as Made;
  teamB = b.json as unknown as Made;
}, 120_000);
afterAll(async () => {
  await bank?.dispose();
});

describe('making namespaces', () => {
  it('answers 201 with the name, the issuer under /ns/ and a QA token; lists it without the token', async () => {
    expect(teamA).toEqual({
      name: 'team-a',
      issuer: `${bank.issuer}/ns/team-a`,
      qaToken: expect.stringMatching(/^[\w-]{32}$/),
    });
    const { json } = await send('GET', '/qa/api/namespaces', {});
    expect(json.namespaces).toEqual([
      { name: 'team-a', issuer: `${bank.issuer}/ns/team-a`, createdAt: expect.any(String) },
      { name: 'team-b', issuer: `${bank.issuer}/ns/team-b`, createdAt: expect.any(String) },
    ]);
  });

  it('refuses a bad name with a JSON error and makes nothing', async () => {
    for (const name of ['', 'a'.repeat(41), 'Team-A', 'team_a', 'team.a', '../x', 'ä', 42, null]) {
      const res = await createNamespace(name);
      expect([name, res.status, res.json.errorCode]).toEqual([name, 400, 'INVALID_PARAMETER']);
    }
    const extra = await send('POST', '/qa/api/namespaces', {}, { name: 'ok', more: 1 });
    expect(extra.status).toBe(400);
    expect(await namespaceNames()).toEqual(['team-a', 'team-b']);
    if (bank.sql.dialect === 'sqlite') {
      expect(
        fs
          .readdirSync(path.join(bank.config.dataDir, 'namespaces'))
          .filter((f) => /^[a-z0-9-]+\.sqlite$/.test(f)),
      ).toEqual(['team-a.sqlite', 'team-b.sqlite']);
    }
  });

  it('refuses a taken name (409) and leaves the namespace as it was', async () => {
    const again = await createNamespace('team-a');
    expect([again.status, again.json.errorCode]).toEqual([409, 'NAMESPACE_TAKEN']);
    // The first token still opens team-a's QA API: nothing was remade.
    expect((await send('GET', '/ns/team-a/qa/api/users', bearer(teamA.qaToken))).status).toBe(200);
  });

  it('takes names of 1 and 40 characters', async () => {
    for (const name of ['x', `${'a'.repeat(39)}9`]) {
      expect((await createNamespace(name)).status).toBe(201);
      expect((await send('DELETE', `/qa/api/namespaces/${name}`, {})).status).toBe(204);
    }
  }, 120_000);
});

describe('who may administer namespaces and use the QA APIs', () => {
  it('refuses another machine without the admin token, and admits it with the token', async () => {
    for (const [method, pathname] of [
      ['GET', '/qa/api/namespaces'],
      ['POST', '/qa/api/namespaces'],
      ['DELETE', '/qa/api/namespaces/team-a'],
      ['GET', '/qa/api/users'],
    ] as const) {
      const body = method === 'POST' ? { name: 'remote' } : undefined;
      const refused = await send(method, pathname, REMOTE, body);
      expect([pathname, refused.status, refused.json.errorCode]).toEqual([pathname, 403, 'QA_LOOPBACK_ONLY']);
      const wrong = await send(method, pathname, { ...REMOTE, ...bearer(`${ADMIN_TOKEN}x`) }, body);
      expect(wrong.status).toBe(403);
      // A namespace's own token is not the admin token.
      expect((await send(method, pathname, { ...REMOTE, ...bearer(teamA.qaToken) }, body)).status).toBe(403);
    }
    expect(await namespaceNames()).toEqual(['team-a', 'team-b']);
    const made = await send(
      'POST',
      '/qa/api/namespaces',
      { ...REMOTE, ...bearer(ADMIN_TOKEN) },
      { name: 'remote' },
    );
    expect(made.status).toBe(201);
    expect((await send('GET', '/qa/api/users', { ...REMOTE, ...bearer(ADMIN_TOKEN) })).status).toBe(200);
    expect(
      (await send('DELETE', '/qa/api/namespaces/remote', { ...REMOTE, ...bearer(ADMIN_TOKEN) })).status,
    ).toBe(204);
  }, 120_000);

  it("answers a namespace's QA API with its own token only, from any address", async () => {
    expect((await send('GET', '/ns/team-a/qa/api/users', REMOTE)).status).toBe(401);
    // Loopback is not enough in a namespace.
    const none = await send('GET', '/ns/team-a/qa/api/users', {});
    expect([none.status, none.json.errorCode]).toEqual([401, 'QA_TOKEN_REQUIRED']);
    expect((await send('GET', '/ns/team-b/qa/api/users', bearer(teamA.qaToken))).status).toBe(401);
    expect((await send('POST', '/ns/team-b/qa/api/reset', bearer(teamA.qaToken), {})).status).toBe(401);
    expect((await send('GET', '/ns/team-a/qa/api/users', bearer(ADMIN_TOKEN))).status).toBe(401);
    // Every spelling of the path is judged the same.
    expect((await send('GET', '/ns/team-b/QA/api/users', bearer(teamA.qaToken))).status).toBe(401);
    expect(
      (await send('GET', '/ns/team-a/qa/api/users', { ...REMOTE, ...bearer(teamA.qaToken) })).status,
    ).toBe(200);
  });

  it("opens a namespace's console in a browser once with ?qaToken=, then by a cookie of that console only", async () => {
    const wrong = await fetch(`${teamA.issuer}/qa?qaToken=${teamB.qaToken}`, { redirect: 'manual' });
    expect(wrong.status).toBe(401);
    const res = await fetch(`${teamA.issuer}/qa?qaToken=${teamA.qaToken}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/ns/team-a/qa');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('bank_qa_token='))!;
    expect(cookie).toMatch(/path=\/ns\/team-a\/qa;.*samesite=strict; httponly/i);
    const pair = cookie.split(';')[0]!;
    const page = await fetch(`${teamA.issuer}/qa`, { headers: { cookie: pair } });
    expect(page.status).toBe(200);
    const html = await page.text();
    // Its links and script are the namespace's.
    expect(html).toContain('src="/ns/team-a/qa/console.js"');
    expect(html).not.toMatch(/(href|src|action)="\/(?!ns\/team-a\/)/);
    expect((await fetch(`${teamB.issuer}/qa/api/users`, { headers: { cookie: pair } })).status).toBe(401);
  });
});

describe('a namespace is a bank of its own', () => {
  it('serves its own discovery, pages and API under its issuer', async () => {
    const discovery = (await (
      await fetch(`${teamA.issuer}/.well-known/openid-configuration`)
    ).json()) as Record<string, string>;
    expect(discovery.issuer).toBe(teamA.issuer);
    expect(discovery.token_endpoint).toBe(`${teamA.issuer}/token`);
    expect(discovery.authorization_endpoint).toBe(`${teamA.issuer}/auth`);
    const terms = await (await fetch(`${teamA.issuer}/terms`)).text();
    expect(terms).toContain('href="/ns/team-a/assets/bank.css"');
    expect((await fetch(`${bank.issuer}/ns/nobody/.well-known/openid-configuration`)).status).toBe(404);
  });

  it("refuses team-a's access token, refresh token and code at team-b and at the root bank", async () => {
    const config = await desktopClient(teamA);
    const request = await authorizationRequest(config, 'http://127.0.0.1:45000/callback', {
      channel: 'corporate',
    });
    const callback = await consentAsCorporate(teamA, request);
    // Each elsewhere as the desktop app with its DPoP proofs, so only the foreign grant is wrong.
    const elsewhere = [await desktopClient(teamB), await desktopClient(bank)];
    for (const other of elsewhere) {
      const code = oauth.genericGrantRequest(other, 'authorization_code', {
        code: callback.searchParams.get('code')!,
        redirect_uri: request.redirectUri,
        code_verifier: request.verifier,
      });
      await expect(code).rejects.toMatchObject({ error: 'invalid_grant' });
    }

    const tokens = await exchangeCode(config, request, callback);
    expect((await apiFetch(`${teamA.issuer}/api/v1/accounts`, tokens.access_token)).status).toBe(200);
    for (const issuer of [teamB.issuer, bank.issuer]) {
      const res = await apiFetch(`${issuer}/api/v1/accounts`, tokens.access_token);
      expect([issuer, res.status]).toEqual([issuer, 401]);
    }
    for (const other of elsewhere) {
      await expect(oauth.refreshTokenGrant(other, tokens.refresh_token!)).rejects.toMatchObject({
        error: 'invalid_grant',
      });
    }
    // The link is team-a's alone.
    const linksOf = async (issuer: string, token?: string) =>
      (
        (await (await fetch(`${issuer}/qa/api/links`, { headers: token ? bearer(token) : {} })).json()) as {
          links: unknown[];
        }
      ).links.length;
    expect(await linksOf(teamA.issuer, teamA.qaToken)).toBe(1);
    expect(await linksOf(teamB.issuer, teamB.qaToken)).toBe(0);
    expect(await linksOf(bank.issuer)).toBe(0);
  });

  it("refuses team-a's interaction cookie at team-b, renamed as team-b's", async () => {
    const browserA = new HttpBrowser();
    const configA = await desktopClient(teamA);
    const requestA = await authorizationRequest(configA, 'http://127.0.0.1:45000/callback', {
      channel: 'corporate',
    });
    const loginA = await openAuthorization(browserA, teamA, requestA.url);
    expect(loginA.status).toBe(200);
    const uid = /\/ns\/team-a\/interaction\/([\w-]+)\/login/.exec(loginA.html)![1]!;
    const stolen = browserA
      .cookieHeader()
      .split('; ')
      .filter((c) => c.startsWith('_team-a_interaction'))
      .map((c) => c.replace('_team-a_', '_team-b_'))
      .join('; ');
    expect(stolen).toContain('_team-b_interaction=');
    const res = await fetch(`${teamB.issuer}/interaction/${uid}`, { headers: { cookie: stolen } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await res.text()).not.toContain('/interaction/');
    // At team-a the same browser goes on.
    expect((await browserA.get(`${teamA.issuer}/interaction/${uid}`)).status).toBe(200);
  });

  it('keeps lockouts, faults and posted transactions in the namespace that made them', async () => {
    const usersOf = async (issuer: string, token?: string) =>
      (
        (await (await fetch(`${issuer}/qa/api/users`, { headers: token ? bearer(token) : {} })).json()) as {
          users: { loginId: string; locked: boolean }[];
        }
      ).users;
    // 1000000003 starts locked everywhere; unlocking it in team-a unlocks it there only.
    expect(
      (await send('POST', '/ns/team-a/qa/api/users/1000000003/unlock', bearer(teamA.qaToken), {})).status,
    ).toBe(200);
    const locked = async (issuer: string, token?: string) =>
      (await usersOf(issuer, token)).find((u) => u.loginId === '1000000003')!.locked;
    expect(await locked(teamA.issuer, teamA.qaToken)).toBe(false);
    expect(await locked(teamB.issuer, teamB.qaToken)).toBe(true);
    expect(await locked(bank.issuer)).toBe(true);

    expect(
      (await send('POST', '/ns/team-b/qa/api/faults', bearer(teamB.qaToken), { status: 503 })).status,
    ).toBe(200);
    const faultsOf = async (issuer: string, token?: string) =>
      (
        (await (await fetch(`${issuer}/qa/api/faults`, { headers: token ? bearer(token) : {} })).json()) as {
          faults: unknown[];
        }
      ).faults.length;
    expect([
      await faultsOf(teamA.issuer, teamA.qaToken),
      await faultsOf(teamB.issuer, teamB.qaToken),
      await faultsOf(bank.issuer),
    ]).toEqual([0, 1, 0]);
    await send('DELETE', '/ns/team-b/qa/api/faults', bearer(teamB.qaToken));
  });
});

describe('deleting a namespace', () => {
  it('removes it with everything in it; its issuer and token answer no more; the others stay', async () => {
    const made = (await createNamespace('short-lived')).json as unknown as Made;
    expect((await send('DELETE', '/qa/api/namespaces/short-lived', REMOTE)).status).toBe(403);
    expect((await send('DELETE', '/qa/api/namespaces/short-lived', {})).status).toBe(204);
    const gone = await fetch(`${made.issuer}/.well-known/openid-configuration`);
    expect([gone.status, ((await gone.json()) as { errorCode: string }).errorCode]).toEqual([
      404,
      'NAMESPACE_NOT_FOUND',
    ]);
    expect((await send('GET', '/ns/short-lived/qa/api/users', bearer(made.qaToken))).status).toBe(404);
    const again = await send('DELETE', '/qa/api/namespaces/short-lived', {});
    expect([again.status, again.json.errorCode]).toEqual([404, 'NAMESPACE_NOT_FOUND']);
    expect(await namespaceNames()).toEqual(['team-a', 'team-b']);
    if (bank.sql.dialect === 'sqlite') {
      expect(fs.existsSync(path.join(bank.config.dataDir, 'namespaces', 'short-lived.sqlite'))).toBe(false);
    } else {
      const schema = await bank.sql.get(
        "SELECT 1 AS x FROM information_schema.schemata WHERE schema_name = 'ns_short_lived'",
      );
      expect(schema).toBeUndefined();
    }
    // Made again under the same name, it starts empty, with a new token.
    const remade = (await createNamespace('short-lived')).json as unknown as Made;
    expect(remade.qaToken).not.toBe(made.qaToken);
    expect((await send('GET', '/ns/short-lived/qa/api/users', bearer(made.qaToken))).status).toBe(401);
    await send('DELETE', '/qa/api/namespaces/short-lived', {});
  }, 120_000);
});
