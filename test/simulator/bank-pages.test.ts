import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authorizationRequest,
  desktopClient,
  openAuthorization,
  partnerClient,
  submitConsent,
  submitOtp,
  submitPassword,
} from '../support/consent-flow.ts';
import { HttpBrowser, inputValue, type Page } from '../support/http-browser.ts';
import { qaOtp, startTestBank, type TestBank } from '../support/test-bank.ts';

/**
 * The bank's pages for presenters and customers, over HTTP: the partner demo's guards and its walk,
 * the terms following BANK_GRANT_TTL, the branded 404, Japanese words instead of English codes,
 * full-width IDs and one-time passwords, and the consent screen's customer line.
 */

let bank: TestBank;
beforeAll(async () => {
  bank = await startTestBank({ BANK_GRANT_TTL: String(30 * 86400) });
});
afterAll(async () => {
  await bank?.dispose();
});

const REDIRECT = 'http://127.0.0.1:41000/callback';
const unescape = (s: string) => s.replaceAll('&amp;', '&');

/** A GET with a Host header of our choosing (fetch does not let a caller set it). */
function getWithHost(pathname: string, host: string): Promise<number> {
  const url = new URL(pathname, bank.issuer);
  return new Promise((resolve, reject) => {
    http
      .get({ host: url.hostname, port: url.port, path: url.pathname, headers: { host } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      })
      .on('error', reject);
  });
}

async function startDemo(browser: HttpBrowser, clientId: string, channel: string): Promise<Page> {
  const start = await browser.get(`${bank.issuer}/partner-demo`);
  const posted = await browser.postForm(`${bank.issuer}/partner-demo/start`, {
    csrf: inputValue(start.html, 'csrf'),
    clientId,
    channel,
  });
  expect(posted.status).toBe(302);
  return browser.follow(posted, bank.issuer);
}

describe('the partner demo (/partner-demo)', () => {
  it('walks freee on WEB-FB over HTTP: request with PKCE, login, consent, callback, token exchange with the secret', async () => {
    const browser = new HttpBrowser();
    const walk = await startDemo(browser, 'freee', 'corporate');
    expect(walk.html).toContain('code_challenge_method');
    const authUrl = unescape(/href="([^"]+\/auth\?[^"]+)"/.exec(walk.html)![1]!);
    expect(new URL(authUrl).searchParams.get('client_id')).toBe('freee');
    const login = await openAuthorization(browser, bank, new URL(authUrl));
    const consent = await submitPassword(browser, bank, login, 'CORP0001', 'Corp-Pass-1');
    const back = await submitConsent(browser, bank, consent);
    expect(new URL(back.location!).pathname).toBe('/qa/callback');
    const afterCallback = await browser.follow(await browser.get(new URL(back.location!).href), bank.issuer);
    expect(afterCallback.html).toContain('state 一致 ✓');
    const sessionPath = new URL(afterCallback.url).pathname;
    const exchanged = await browser.follow(
      await browser.postForm(`${bank.issuer}${sessionPath}/exchange`, {
        csrf: inputValue(afterCallback.html, 'csrf'),
      }),
      bank.issuer,
    );
    expect(exchanged.html).toContain('data-testid="token-response-status">HTTP 200');
    expect(exchanged.html).toContain('refresh_token_expires_in');
    // The secret itself is never printed, only its mask.
    expect(exchanged.html).not.toContain('freee-demo-secret');
  });

  it('refuses a start without the form token, and an action with a wrong one', async () => {
    const browser = new HttpBrowser();
    const noToken = await browser.postForm(`${bank.issuer}/partner-demo/start`, {
      csrf: 'forged',
      clientId: 'freee',
      channel: 'personal',
    });
    expect(noToken.status).toBe(400);
    const walk = await startDemo(browser, 'yayoi', 'personal');
    const forged = await browser.postForm(`${bank.issuer}${new URL(walk.url).pathname}/exchange`, {
      csrf: 'x'.repeat(32),
    });
    expect(forged.status).toBe(403);
  });

  it('refuses the desktop app (not a partner) as the demo partner', async () => {
    const browser = new HttpBrowser();
    const start = await browser.get(`${bank.issuer}/partner-demo`);
    const res = await browser.postForm(`${bank.issuer}/partner-demo/start`, {
      csrf: inputValue(start.html, 'csrf'),
      clientId: 'bankdemo-desktop',
      channel: 'personal',
    });
    expect(res.status).toBe(400);
  });

  it('answers only a loopback Host, like the QA console', async () => {
    expect(await getWithHost('/partner-demo', 'bank.example.com')).toBe(403);
    expect(await getWithHost('/partner-demo', `127.0.0.1:${new URL(bank.issuer).port}`)).toBe(200);
  });

  it("is sent with the bank's CSP (no inline script) and X-Frame-Options DENY", async () => {
    const res = await fetch(`${bank.issuer}/partner-demo`);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(await res.text()).not.toMatch(/<script(?![^>]*\ssrc=)/);
  });
});

describe('pages that follow BANK_GRANT_TTL', () => {
  it.each([
    ['/terms', 'アクセスを許可した日から30日間'],
    ['/terms?ui_locales=en', 'valid for 30 days'],
  ])('%s states the link lives 30 days', async (pathname, text) => {
    expect(await (await fetch(`${bank.issuer}${pathname}`)).text()).toContain(text);
  });
});

describe("the bank's words", () => {
  it('answers an unknown page with its own 404 page', async () => {
    const res = await fetch(`${bank.issuer}/no-such-page`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(404);
    const page = await res.text();
    expect(page).toContain('ページが見つかりません');
    expect(page).toContain('bank.css');
  });

  it('explains a lost session in Japanese, without the English reason code', async () => {
    const res = await fetch(`${bank.issuer}/interaction/unknown-uid`);
    const page = await res.text();
    expect(page).toContain('お手続きの情報が見つかりません');
    expect(page).not.toContain('no interaction session');
  });

  it('names a refused partner as company and service, without nested quotes', async () => {
    const browser = new HttpBrowser();
    const request = await authorizationRequest(
      await partnerClient(bank, 'zaim'),
      `${bank.issuer}/qa/callback`,
      { channel: 'corporate' },
    );
    const page = await openAuthorization(browser, bank, request.url);
    expect(page.html).toContain(
      '株式会社 Zaim（家計簿サービス「Zaim」）は、WEB-FBとの連携を行っていません（未連携）',
    );
    expect(page.html).not.toContain('「「');
  });
});

describe('full-width input typed with the IME on', () => {
  const toFullWidth = (s: string) =>
    s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

  it('accepts a full-width 契約者ID and one-time password, and shows who is logged in on the consent screen', async () => {
    const browser = new HttpBrowser();
    const request = await authorizationRequest(await desktopClient(bank), REDIRECT, { channel: 'personal' });
    const login = await openAuthorization(browser, bank, request.url);
    const otp = await submitPassword(browser, bank, login, toFullWidth('1000000002'), 'Demo-Pass-2');
    expect(otp.html).toContain('ワンタイムパスワード認証');
    const consent = await submitOtp(browser, bank, otp, toFullWidth(await qaOtp(bank, '1000000002')));
    expect(consent.html).toContain('アクセス許可');
    expect(consent.html).toMatch(/ログイン中のお客さま：[^<]+ 様（契約者ID \*{6}0002）/);
  });

  it.each([
    ['superscript', '¹⁰⁰⁰⁰⁰⁰⁰⁰²'],
    ['mathematical bold', '𝟏𝟎𝟎𝟎𝟎𝟎𝟎𝟎𝟎𝟐'],
    ['circled', '①⓪⓪⓪⓪⓪⓪⓪⓪②'],
  ])(
    'refuses an ID written in %s digits (only full-width ASCII and the ideographic space are folded)',
    async (_kind, loginId) => {
      const browser = new HttpBrowser();
      const request = await authorizationRequest(await desktopClient(bank), REDIRECT, {
        channel: 'personal',
      });
      const login = await openAuthorization(browser, bank, request.url);
      const refused = await submitPassword(browser, bank, login, loginId, 'Demo-Pass-2');
      expect(refused.status).toBe(400);
      expect(refused.html).not.toContain('ワンタイムパスワード認証');
      const ok = await submitPassword(
        browser,
        bank,
        refused,
        `\u3000${toFullWidth('1000000002')}\u3000`,
        'Demo-Pass-2',
      );
      expect(ok.html).toContain('ワンタイムパスワード認証');
    },
  );

  it('refuses a one-time password written in mathematical bold digits', async () => {
    const browser = new HttpBrowser();
    const request = await authorizationRequest(await desktopClient(bank), REDIRECT, { channel: 'personal' });
    const login = await openAuthorization(browser, bank, request.url);
    const otp = await submitPassword(browser, bank, login, '1000000001', 'Demo-Pass-1');
    const code = await qaOtp(bank, '1000000001');
    const bold = [...code].map((d) => String.fromCodePoint(0x1d7ce + Number(d))).join('');
    const refused = await submitOtp(browser, bank, otp, bold);
    expect(refused.status).toBe(401);
    expect(refused.html).not.toContain('アクセス許可');
  });

  it('takes a password exactly as typed: its full-width twin is wrong', async () => {
    const browser = new HttpBrowser();
    const request = await authorizationRequest(await desktopClient(bank), REDIRECT, { channel: 'corporate' });
    const login = await openAuthorization(browser, bank, request.url);
    const refused = await submitPassword(browser, bank, login, 'CORP0001', toFullWidth('Corp-Pass-1'));
    expect(refused.status).toBe(401);
    const ok = await submitPassword(browser, bank, refused, 'ＣＯＲＰ０００１', 'Corp-Pass-1');
    expect(ok.html).toContain('ログイン中のお客さま');
    expect(ok.html).toContain('お客様ID ****0001');
  });
});
