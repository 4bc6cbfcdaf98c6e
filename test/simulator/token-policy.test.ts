import * as oauth from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRegisteredClient } from '../../simulator/clients/client-registry.ts';
import {
  authorizationRequest,
  desktopClient,
  exchangeCode,
  openAuthorization,
  partnerClient,
  submitConsent,
  submitPassword,
} from '../support/consent-flow.ts';
import { apiFetch } from '../support/desktop-proofs.ts';
import { formAction, HttpBrowser, inputValue } from '../support/http-browser.ts';
import { desktopLinks, startTestBank, type TestBank } from '../support/test-bank.ts';

/** What a token may be and do: its scopes, who may introspect it, one link per consent, odd requests. */
let bank: TestBank;
beforeAll(async () => {
  bank = await startTestBank();
});
afterAll(async () => {
  await bank?.dispose();
});

const REDIRECT = 'http://127.0.0.1:46000/callback';
const basic = (clientId: string) =>
  `Basic ${Buffer.from(`${clientId}:${findRegisteredClient(clientId)!.secret}`).toString('base64')}`;
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = 'application/x-www-form-urlencoded';

/** The desktop app links CORP0001 through the screens; returns the tokens and the interaction's browser. */
async function linkDesktop(scope?: string) {
  const config = await desktopClient(bank);
  const request = await authorizationRequest(config, REDIRECT, {
    channel: 'corporate',
    ...(scope ? { scope } : {}),
  });
  const browser = new HttpBrowser();
  const login = await openAuthorization(browser, bank, request.url);
  const consent = await submitPassword(browser, bank, login, 'CORP0001', 'Corp-Pass-1');
  return { config, request, browser, consent };
}

/** 許可 pressed, the answer not followed (a double click sends two). */
async function pressAllow(browser: HttpBrowser, html: string) {
  const accountIds = [...html.matchAll(/name="accountIds"\s+value="([^"]+)"/g)].map((m) => m[1]!);
  return browser.postForm(new URL(formAction(html, '/consent'), bank.issuer).href, {
    csrf: inputValue(html, 'csrf'),
    accountIds,
    agree: 'yes',
  });
}

describe('scopes: a link is consent to at least one operation', () => {
  it('refuses an authorization request that asks for neither 残高照会 nor 入出金明細照会 (invalid_scope), before any screen — GMO’s private:account too, at a bank of our own dialect', async () => {
    const config = await desktopClient(bank);
    for (const scope of [
      'openid offline_access',
      'openid',
      'offline_access payments:write',
      'private:account',
    ]) {
      const request = await authorizationRequest(config, REDIRECT, { channel: 'corporate', scope });
      const res = await fetch(request.url, { redirect: 'manual' });
      const location = new URL(res.headers.get('location')!);
      expect(location.origin + location.pathname, scope).toBe(REDIRECT);
      expect(location.searchParams.get('error'), scope).toBe('invalid_scope');
    }
    const par = await fetch(`${bank.issuer}/request`, {
      method: 'POST',
      headers: { 'content-type': FORM },
      body: form({
        client_id: 'bankdemo-desktop',
        response_type: 'code',
        redirect_uri: REDIRECT,
        scope: 'openid offline_access',
        channel: 'corporate',
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
      }),
    });
    expect(par.status).toBe(400);
    expect(((await par.json()) as { error: string }).error).toBe('invalid_scope');
  });

  it('answers every API endpoint 403 INSUFFICIENT_SCOPE for a token that carries no operation', async () => {
    const { config, request, browser, consent } = await linkDesktop();
    const done = await submitConsent(browser, bank, consent);
    const tokens = await exchangeCode(config, request, new URL(done.location!));
    // A token as an older bank issued it for `openid offline_access`: stored before its first use.
    bank.db
      .prepare(
        "UPDATE oidc_models SET payload = json_set(payload, '$.scope', 'openid offline_access') WHERE model = 'AccessToken' AND id = ?",
      )
      .run(tokens.access_token);
    for (const path of [
      '/api/v1/accounts',
      '/api/v1/accounts/balances',
      '/api/v1/accounts/transactions?accountId=001015001001',
    ]) {
      const res = await apiFetch(`${bank.issuer}${path}`, tokens.access_token);
      expect(res.status, path).toBe(403);
      expect(((await res.json()) as { errorCode: string }).errorCode, path).toBe('INSUFFICIENT_SCOPE');
      expect(res.headers.get('www-authenticate'), path).toContain('error="insufficient_scope"');
    }
  });
});

describe('introspection and revocation: a client asks only about its own tokens', () => {
  it('answers active:false to a partner introspecting the desktop app’s access and refresh tokens, and 401 to no client', async () => {
    const { config, request, browser, consent } = await linkDesktop();
    const done = await submitConsent(browser, bank, consent);
    const tokens = await exchangeCode(config, request, new URL(done.location!));
    for (const token of [tokens.access_token, tokens.refresh_token!]) {
      const res = await fetch(`${bank.issuer}/token/introspection`, {
        method: 'POST',
        headers: { 'content-type': FORM, authorization: basic('freee') },
        body: form({ token }),
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ active: false });
      // The token's own client still learns about it.
      expect((await oauth.tokenIntrospection(config, token)).active).toBe(true);
    }
    const anonymous = await fetch(`${bank.issuer}/token/introspection`, {
      method: 'POST',
      headers: { 'content-type': FORM },
      body: form({ token: tokens.access_token }),
    });
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: string }).error).toBe('invalid_client');

    // Nor can a partner end another client's link by revoking its refresh token.
    await fetch(`${bank.issuer}/token/revocation`, {
      method: 'POST',
      headers: { 'content-type': FORM, authorization: basic('freee') },
      body: form({ token: tokens.refresh_token!, token_type_hint: 'refresh_token' }),
    });
    expect((await oauth.refreshTokenGrant(config, tokens.refresh_token!)).access_token).toBeTruthy();
  });

  it('lets a partner introspect its own token', async () => {
    const freee = await partnerClient(bank, 'freee');
    const request = await authorizationRequest(freee, `${bank.issuer}/qa/callback`, { channel: 'corporate' });
    const browser = new HttpBrowser();
    const login = await openAuthorization(browser, bank, request.url);
    const consent = await submitPassword(browser, bank, login, 'CORP0001', 'Corp-Pass-1');
    const callback = await submitConsent(browser, bank, consent);
    const tokens = await exchangeCode(freee, request, new URL(callback.location!));
    expect(await oauth.tokenIntrospection(freee, tokens.access_token)).toMatchObject({
      active: true,
      client_id: 'freee',
    });
  });
});

describe('one consent screen, one link', () => {
  it('makes one link, with tokens, when 許可 is posted twice at once (a double click)', async () => {
    const before = (await desktopLinks(bank, 'CORP0001')).length;
    const { config, request, browser, consent } = await linkDesktop();
    const [first, second] = await Promise.all([
      pressAllow(browser, consent.html),
      pressAllow(browser, consent.html),
    ]);
    expect([first.status, second.status]).toEqual([303, 303]);
    // The browser shows the answer to the last click and follows it.
    const done = await browser.follow(second, bank.issuer);
    const tokens = await exchangeCode(config, request, new URL(done.location!));
    const links = await desktopLinks(bank, 'CORP0001');
    expect(links).toHaveLength(before + 1);
    expect(links.at(-1)!.status).toBe('active');
    const intro = await oauth.tokenIntrospection(config, tokens.access_token);
    expect(intro.active).toBe(true);
    // The one link is the one the tokens belong to: refreshing works and the API answers.
    const refreshed = await oauth.refreshTokenGrant(config, tokens.refresh_token!);
    const api = await apiFetch(`${bank.issuer}/api/v1/accounts`, refreshed.access_token);
    expect(api.status).toBe(200);
  });
});

describe('smaller refusals', () => {
  it('answers an over-long query string with the API’s JSON error, not an empty 431', async () => {
    for (const size of [17_000, 70_000]) {
      const res = await fetch(
        `${bank.issuer}/api/v1/accounts/transactions?accountId=001015001001&pad=${'x'.repeat(size)}`,
        { headers: { authorization: 'Bearer whatever' } },
      );
      expect([414, 431], String(size)).toContain(res.status);
      expect(res.headers.get('content-type'), String(size)).toContain('application/json');
      expect(((await res.json()) as { errorCode: string }).errorCode, String(size)).toBe('INVALID_PARAMETER');
    }
  });

  it('refuses client_secret_post from a client registered for client_secret_basic', async () => {
    const secret = findRegisteredClient('freee')!.secret!;
    const post = await fetch(`${bank.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': FORM },
      body: form({
        grant_type: 'refresh_token',
        refresh_token: 'x',
        client_id: 'freee',
        client_secret: secret,
      }),
    });
    expect(post.status).toBe(401);
    expect(((await post.json()) as { error: string }).error).toBe('invalid_client');
    // The same secret the registered way gets as far as the grant.
    const viaBasic = await fetch(`${bank.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': FORM, authorization: basic('freee') },
      body: form({ grant_type: 'refresh_token', refresh_token: 'x' }),
    });
    expect(((await viaBasic.json()) as { error: string }).error).toBe('invalid_grant');
    const meta = (await (await fetch(`${bank.issuer}/.well-known/oauth-authorization-server`)).json()) as {
      token_endpoint_auth_methods_supported: string[];
    };
    expect(meta.token_endpoint_auth_methods_supported.sort()).toEqual(['client_secret_basic', 'none']);
  });

  it('requires redirect_uri instead of sending the code to port 80 of a loopback client', async () => {
    const config = await desktopClient(bank);
    const request = await authorizationRequest(config, REDIRECT, { channel: 'corporate' });
    request.url.searchParams.delete('redirect_uri');
    // The English page keeps oidc-provider's description for the partner's developers (the Japanese
    // one shows only the code: customers get no English).
    request.url.searchParams.set('ui_locales', 'en');
    const res = await fetch(request.url, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toMatch(/invalid_request.*redirect_uri/);
  });
});
