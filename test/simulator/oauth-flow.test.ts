import * as oauth from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authorizationRequest,
  consentAsCorporate,
  consentAsPersonal,
  desktopClient,
  exchangeCode,
  partnerClient,
} from '../support/consent-flow.ts';
import { HttpBrowser } from '../support/http-browser.ts';
import { startLoopbackReceiver } from '../support/loopback-receiver.ts';
import { qaPost, startTestBank, type TestBank } from '../support/test-bank.ts';

const NINETY_DAYS = 90 * 24 * 3600;

let bank: TestBank;
beforeAll(async () => {
  bank = await startTestBank();
});
afterAll(async () => {
  await bank?.dispose();
});

/** Links CORP0001 (no one-time password, so tests can link many times within one 30-second step). */
async function linkDesktop() {
  const config = await desktopClient(bank);
  const request = await authorizationRequest(config, 'http://127.0.0.1:53682/callback', {
    channel: 'corporate',
  });
  return { config, tokens: await exchangeCode(config, request, await consentAsCorporate(bank, request)) };
}

/** The newest audit entries, newest first, as `event:outcome` with their detail. */
async function recentAudit(count = 5): Promise<{ event: string; detail: string }[]> {
  const rows = await bank.sql.all<{ event: string; outcome: string; detail: string | null }>(
    'SELECT event, outcome, detail FROM audit_log ORDER BY id DESC LIMIT ?',
    [count],
  );
  return rows.map((r) => ({ event: `${r.event}:${r.outcome}`, detail: r.detail ?? '' }));
}

/**
 * How many audit entries of `event` (`name:outcome`) hold `detail`. oidc-provider does not await its
 * event listeners, so on PostgreSQL an entry may land just after the HTTP answer: tests poll this.
 */
async function auditCount(event: string, detail = ''): Promise<number> {
  const [name = '', outcome = ''] = event.split(':');
  const [row] = await bank.sql.all<{ n: number }>(
    'SELECT count(*) AS "n" FROM audit_log WHERE event = ? AND outcome = ? AND coalesce(detail, \'\') LIKE ?',
    [name, outcome, `%${detail}%`],
  );
  return Number(row?.n ?? 0);
}

/** Runs `action` and waits until it has written one more audit entry of `event` holding `detail`. */
async function expectAudited<T>(event: string, detail: string, action: () => Promise<T>): Promise<T> {
  const before = await auditCount(event, detail);
  const result = await action();
  await expect.poll(() => auditCount(event, detail), { timeout: 5_000 }).toBe(before + 1);
  return result;
}

async function linkStatus(linkId: string): Promise<string | undefined> {
  const res = await fetch(`${bank.issuer}/qa/api/links`);
  const { links } = (await res.json()) as {
    links: { id: string; status: string; revokedBy: string | null }[];
  };
  const link = links.find((l) => l.id === linkId);
  return link && `${link.status}${link.revokedBy ? ` by ${link.revokedBy}` : ''}`;
}

async function linkIdOf(config: oauth.Configuration, accessToken: string): Promise<string> {
  const intro = await oauth.tokenIntrospection(config, accessToken);
  const res = await fetch(`${bank.issuer}/qa/api/links`);
  const { links } = (await res.json()) as { links: { id: string; customerId: string; createdAt: string }[] };
  // The newest link of the token's customer is the one just made.
  return links.find((l) => l.customerId === intro.sub)!.id;
}

describe('discovery', () => {
  it('publishes OpenID and RFC 8414 metadata with S256-only PKCE, PAR, iss, revocation and introspection', async () => {
    for (const path of ['/.well-known/openid-configuration', '/.well-known/oauth-authorization-server']) {
      const meta = (await (await fetch(`${bank.issuer}${path}`)).json()) as Record<string, unknown>;
      expect(meta.issuer).toBe(bank.issuer);
      expect(meta.code_challenge_methods_supported).toEqual(['S256']);
      expect(meta.authorization_response_iss_parameter_supported).toBe(true);
      expect(meta.pushed_authorization_request_endpoint).toBe(`${bank.issuer}/request`);
      expect(meta.revocation_endpoint).toBeTruthy();
      expect(meta.introspection_endpoint).toBeTruthy();
      expect(meta.scopes_supported).toEqual(expect.arrayContaining(['balances:read', 'transactions:read']));
    }
  });
});

describe('the desktop app links an account (code + PKCE on a loopback port)', () => {
  it('lands on a random loopback port the app owns, with code, state and iss, and gets rotating refresh tokens', async () => {
    const receiver = await startLoopbackReceiver();
    try {
      const config = await desktopClient(bank);
      const request = await authorizationRequest(config, receiver.redirectUri, { channel: 'personal' });
      const redirect = await consentAsPersonal(bank, request);
      expect(redirect.origin + redirect.pathname).toBe(receiver.redirectUri);
      await fetch(redirect); // the browser arrives at the app's listener
      const callback = await receiver.callback;
      expect(callback.searchParams.get('iss')).toBe(bank.issuer);
      expect(callback.searchParams.get('state')).toBe(request.state);

      const tokens = await exchangeCode(config, request, callback);
      // The bank requires DPoP of the desktop app: its tokens are bound to the app's key.
      expect(tokens.token_type.toLowerCase()).toBe('dpop');
      expect(tokens.refresh_token).toBeTruthy();
      expect(tokens.scope?.split(' ').sort()).toEqual(['balances:read', 'transactions:read']);
      expect(Number(tokens.refresh_token_expires_in)).toBeGreaterThan(NINETY_DAYS - 60);
      expect(Number(tokens.refresh_token_expires_in)).toBeLessThanOrEqual(NINETY_DAYS);
    } finally {
      await receiver.close();
    }
  });

  it('works through a pushed authorization request (PAR) on the corporate channel', async () => {
    const config = await desktopClient(bank);
    const request = await authorizationRequest(
      config,
      'http://127.0.0.1:40123/callback',
      { channel: 'corporate' },
      { par: true },
    );
    expect(request.url.searchParams.get('request_uri')).toMatch(/^urn:ietf:params:oauth:request_uri:/);
    const tokens = await exchangeCode(config, request, await consentAsCorporate(bank, request));
    expect(tokens.refresh_token).toBeTruthy();
  });

  it('rotates the refresh token on every use and keeps the link end date', async () => {
    const { config, tokens } = await linkDesktop();
    const refreshed = await oauth.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.refresh_token).toBeTruthy();
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    expect(Number(refreshed.refresh_token_expires_in)).toBeLessThanOrEqual(
      Number(tokens.refresh_token_expires_in),
    );
  });

  it('revokes the whole link when a rotated refresh token is used again after its successor was used', async () => {
    const { config, tokens } = await linkDesktop();
    const linkId = await linkIdOf(config, tokens.access_token);
    const second = await oauth.refreshTokenGrant(config, tokens.refresh_token!);
    const refreshed = await oauth.refreshTokenGrant(config, second.refresh_token!);
    // Within the reuse grace, but the chain has moved on: this is theft, not a crashed client.
    await expect(oauth.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    // The thief's replay also kills the legitimate holder's newer token.
    await expect(oauth.refreshTokenGrant(config, refreshed.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    expect(await linkStatus(linkId)).toBe('revoked by refresh token reuse');
    await expect
      .poll(async () => (await recentAudit(3)).map((e) => e.event), { timeout: 5_000 })
      .toEqual(expect.arrayContaining(['token.error:failure', 'link.revoked:info']));
  });

  it('refuses a code used twice', async () => {
    const config = await desktopClient(bank);
    const request = await authorizationRequest(config, 'http://127.0.0.1:40124/callback', {
      channel: 'corporate',
    });
    const callback = await consentAsCorporate(bank, request);
    await exchangeCode(config, request, callback);
    await expectAudited('token.error:failure', 'invalid_grant', () =>
      expect(exchangeCode(config, request, callback)).rejects.toMatchObject({ error: 'invalid_grant' }),
    );
  });
});

describe('revocation and introspection', () => {
  it('revoking the refresh token (RFC 7009) ends the link and every token of it', async () => {
    const { config, tokens } = await linkDesktop();
    const linkId = await linkIdOf(config, tokens.access_token);
    expect((await oauth.tokenIntrospection(config, tokens.access_token)).active).toBe(true);
    await oauth.tokenRevocation(config, tokens.refresh_token!, { token_type_hint: 'refresh_token' });
    await expect(oauth.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    expect((await oauth.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
    expect(await linkStatus(linkId)).toBe('revoked by client');
  });

  it('tells a confidential partner what its access token may do (RFC 7662)', async () => {
    const config = await partnerClient(bank, 'freee');
    const request = await authorizationRequest(config, `${bank.issuer}/qa/callback`, {
      channel: 'personal',
      scope: 'balances:read',
    });
    const tokens = await exchangeCode(
      config,
      request,
      await consentAsPersonal(bank, request, '1000000002', 'Demo-Pass-2'),
    );
    const intro = await oauth.tokenIntrospection(config, tokens.access_token);
    expect(intro).toMatchObject({
      active: true,
      client_id: 'freee',
      scope: 'balances:read',
      sub: 'P-1000000002',
    });
    expect(intro.aud).toContain(`${bank.issuer}/api/v1`);
  });

  it('the QA console revokes a link: refresh fails and introspection says inactive', async () => {
    const { config, tokens } = await linkDesktop();
    const linkId = await linkIdOf(config, tokens.access_token);
    expect((await qaPost(bank, `/qa/api/links/${linkId}/revoke`)).status).toBe(200);
    await expect(oauth.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    expect((await oauth.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
    expect(await linkStatus(linkId)).toBe('revoked by qa');
  });
});

describe('the 90-day link ends', () => {
  it('when the QA console expires it: refresh answers invalid_grant and the link shows expired', async () => {
    const { config, tokens } = await linkDesktop();
    const linkId = await linkIdOf(config, tokens.access_token);
    expect((await qaPost(bank, `/qa/api/links/${linkId}/expire`)).status).toBe(200);
    await expect(oauth.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    expect((await oauth.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
    expect(await linkStatus(linkId)).toBe('expired');
    await expect
      .poll(async () => (await recentAudit(3)).map((e) => e.event), { timeout: 5_000 })
      .toEqual(expect.arrayContaining(['qa.action:info', 'token.error:failure']));
  });

  it('when BANK_GRANT_TTL runs out', async () => {
    const shortBank = await startTestBank({ BANK_GRANT_TTL: '2' });
    try {
      const config = await desktopClient(shortBank);
      const request = await authorizationRequest(config, 'http://127.0.0.1:40125/callback', {
        channel: 'personal',
      });
      const tokens = await exchangeCode(config, request, await consentAsPersonal(shortBank, request));
      expect(Number(tokens.refresh_token_expires_in)).toBeLessThanOrEqual(2);
      await new Promise((r) => setTimeout(r, 3000));
      await expect(oauth.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({
        error: 'invalid_grant',
      });
    } finally {
      await shortBank.dispose();
    }
  });
});

describe('a restart loses no link', () => {
  it('keeps grants and refresh tokens in SQLite across restarts', async () => {
    const first = await startTestBank();
    const { port, tlsPort, dataDir } = first.config;
    const config = await desktopClient(first);
    const request = await authorizationRequest(config, 'http://127.0.0.1:40126/callback', {
      channel: 'personal',
    });
    const tokens = await exchangeCode(config, request, await consentAsPersonal(first, request));
    await first.close();
    // Let the client's pooled keep-alive sockets notice the old server is gone before reconnecting.
    await new Promise((resolve) => setTimeout(resolve, 100));

    const again = await startTestBank({
      BANK_PORT: String(port),
      BANK_TLS_PORT: String(tlsPort),
      BANK_DATA_DIR: dataDir,
    });
    try {
      // Same issuer, same endpoints: the app's configuration (and its key) from before the restart.
      const refreshed = await oauth.refreshTokenGrant(config, tokens.refresh_token!);
      expect(refreshed.access_token).toBeTruthy();
    } finally {
      await again.dispose();
    }
  });
});

describe('bad authorization requests get the right OAuth error', () => {
  const authorizeUrl = (params: Record<string, string>) =>
    `${bank.issuer}/auth?${new URLSearchParams({ response_type: 'code', scope: 'balances:read', ...params })}`;
  const pkce = {
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHoeK9c5T8rFbvf0Qn6hQ0s',
    code_challenge_method: 'S256',
  };

  it('shows a Japanese page, not a redirect, for an unknown client', async () => {
    const res = await expectAudited('authorization.error:failure', 'invalid_client', () =>
      new HttpBrowser().get(
        authorizeUrl({ client_id: 'no-such-app', redirect_uri: 'http://127.0.0.1/callback', ...pkce }),
      ),
    );
    expect(res.status).toBe(400);
    expect(res.location).toBeUndefined();
    expect(res.html).toContain('この外部サービスは当金庫のAPIサービスに登録されていません');
  });

  it('shows a page, not a redirect, for a redirect URI that is not registered', async () => {
    for (const redirect of [
      'http://evil.example/callback',
      'http://127.0.0.1:5000/other',
      'https://127.0.0.1/callback',
    ]) {
      const res = await expectAudited('authorization.error:failure', 'invalid_redirect_uri', () =>
        new HttpBrowser().get(
          authorizeUrl({
            client_id: 'bankdemo-desktop',
            redirect_uri: redirect,
            channel: 'personal',
            ...pkce,
          }),
        ),
      );
      expect(res.status, redirect).toBe(400);
      expect(res.location, redirect).toBeUndefined();
      expect(res.html).toContain('戻り先が登録内容と一致しない');
    }
  });

  it('sends invalid_request back for missing or plain PKCE', async () => {
    const base = {
      client_id: 'bankdemo-desktop',
      redirect_uri: 'http://127.0.0.1:40000/callback',
      channel: 'personal',
      state: 's1',
    };
    const cases: Record<string, string>[] = [
      {},
      { code_challenge: 'x'.repeat(43), code_challenge_method: 'plain' },
    ];
    for (const extra of cases) {
      const res = await expectAudited('authorization.error:failure', 'invalid_request', () =>
        new HttpBrowser().get(authorizeUrl({ ...base, ...extra })),
      );
      const location = new URL(res.location!);
      expect(location.origin).toBe('http://127.0.0.1:40000');
      expect(location.searchParams.get('error')).toBe('invalid_request');
      expect(location.searchParams.get('state')).toBe('s1');
    }
  });

  it('requires the channel from a client registered on both, and refuses an unknown one', async () => {
    const base = { client_id: 'bankdemo-desktop', redirect_uri: 'http://127.0.0.1:40000/callback', ...pkce };
    const cases: Record<string, string>[] = [{}, { channel: 'business' }];
    for (const extra of cases) {
      const res = await new HttpBrowser().get(authorizeUrl({ ...base, ...extra }));
      const location = new URL(res.location!);
      expect(location.searchParams.get('error')).toBe('invalid_request');
      expect(location.searchParams.get('error_description')).toMatch(/channel/);
    }
  });
});
