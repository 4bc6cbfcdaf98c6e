import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../simulator/pages/messages.ts';
import { clientCertificateFiles, ensureBankPki } from '../../simulator/pki/bank-pki.ts';
import {
  authorizationRequest,
  desktopClient,
  openAuthorization,
  partnerClient,
  pressCancel,
  submitConsent,
  submitOtp,
  submitPassword,
} from '../support/consent-flow.ts';
import { HttpBrowser, inputValue, type Page } from '../support/http-browser.ts';
import { qaLocked, qaOtp, qaPost, startTestBank, type TestBank } from '../support/test-bank.ts';

let bank: TestBank;
beforeAll(async () => {
  bank = await startTestBank();
});
afterAll(async () => {
  await bank?.dispose();
});

const REDIRECT = 'http://127.0.0.1:41000/callback';
/** The one answer to every failed password login (HTML-escaped as the page prints it). */
const LOGIN_REFUSED = messages.ja.errors.loginRefused;

async function openLogin(channel: 'personal' | 'corporate', params: Record<string, string> = {}) {
  const browser = new HttpBrowser();
  const request = await authorizationRequest(await desktopClient(bank), REDIRECT, { channel, ...params });
  return { browser, request, page: await openAuthorization(browser, bank, request.url) };
}

const auditEvents = (customerId: string): { event: string; outcome: string; detail: string | null }[] =>
  bank.db
    .prepare('SELECT event, outcome, detail FROM audit_log WHERE customer_id = ? ORDER BY id')
    .all(customerId) as { event: string; outcome: string; detail: string | null }[];

/** The newest audit entry as `event:outcome`. */
function lastAuditEvent(): string {
  const row = bank.db.prepare('SELECT event, outcome FROM audit_log ORDER BY id DESC LIMIT 1').get() as {
    event: string;
    outcome: string;
  };
  return `${row.event}:${row.outcome}`;
}

const errorOf = (page: Page) => new URL(page.location!).searchParams;

describe('WEBバンキング login (password, then one-time password)', () => {
  it('shows the seed screen: 契約者ID, パスワード, 認証, キャンセル, the client name', async () => {
    const { page } = await openLogin('personal');
    expect(page.status).toBe(200);
    for (const text of [
      'APIサービス認証',
      '契約者ID',
      'パスワード',
      '認証',
      'キャンセル',
      'BankDemo デスクトップ',
      '※当画面は、デモ信用金庫のWebサイトです。',
    ]) {
      expect(page.html).toContain(text);
    }
  });

  it('asks for the one-time password after a right password, and refuses a code used before', async () => {
    const first = await openLogin('personal');
    const otpPage = await submitPassword(first.browser, bank, first.page, '1000000002', 'Demo-Pass-2');
    expect(otpPage.html).toContain('ワンタイムパスワード');
    const code = await qaOtp(bank, '1000000002');
    const consent = await submitOtp(first.browser, bank, otpPage, code);
    expect(consent.html).toContain('アクセス許可');

    const second = await openLogin('personal');
    const otpAgain = await submitPassword(second.browser, bank, second.page, '1000000002', 'Demo-Pass-2');
    const replay = await submitOtp(second.browser, bank, otpAgain, code);
    expect(replay.status).toBe(401);
    expect(replay.html).toContain('すでに使用されています');
  });

  it('treats IDs and passwords as case-sensitive', async () => {
    const { browser, page } = await openLogin('corporate');
    const wrongCase = await submitPassword(browser, bank, page, 'corp0001', 'Corp-Pass-1');
    expect(wrongCase.status).toBe(401);
    const wrongPassword = await submitPassword(browser, bank, wrongCase, 'CORP0001', 'corp-pass-1');
    expect(wrongPassword.status).toBe(401);
    expect(wrongPassword.html).toContain(LOGIN_REFUSED);
    await qaPost(bank, '/qa/api/users/CORP0001/unlock');
  });

  it('locks the customer after five wrong passwords in a row, until the QA console unlocks', async () => {
    const { browser, page } = await openLogin('personal');
    let current = page;
    for (let attempt = 1; attempt <= 5; attempt++) {
      current = await submitPassword(browser, bank, current, '1000000001', `Wrong-${attempt}`);
      expect(current.status).toBe(401);
      expect(current.html).toContain(LOGIN_REFUSED);
    }
    const rightButLocked = await submitPassword(browser, bank, current, '1000000001', 'Demo-Pass-1');
    expect(rightButLocked.status).toBe(401);
    expect(rightButLocked.html).toContain(LOGIN_REFUSED);
    expect(rightButLocked.html).not.toContain('ワンタイムパスワード認証');

    expect((await qaPost(bank, '/qa/api/users/1000000001/unlock')).status).toBe(200);
    const unlocked = await submitPassword(browser, bank, rightButLocked, '1000000001', 'Demo-Pass-1');
    expect(unlocked.html).toContain('ワンタイムパスワード');
    const events = auditEvents('P-1000000001').map((e) => `${e.event}:${e.outcome}`);
    expect(events.filter((e) => e === 'login.password:failure')).toHaveLength(5);
    expect(events).toContain('login.locked:info');
    expect(events).toContain('qa.action:info');
  });

  it('counts wrong one-time passwords toward the same lockout', async () => {
    await qaPost(bank, '/qa/api/users/1000000002/unlock'); // an earlier test left one failure
    const { browser, page } = await openLogin('personal');
    let current = await submitPassword(browser, bank, page, '1000000002', 'Demo-Pass-2');
    for (let attempt = 1; attempt <= 5; attempt++)
      current = await submitOtp(browser, bank, current, '000000');
    expect(current.status).toBe(401);
    expect(current.html).toContain(LOGIN_REFUSED);
    expect(await qaLocked(bank, '1000000002')).toBe(true);
    await qaPost(bank, '/qa/api/users/1000000002/unlock');
  });

  it('keeps the seeded scenario user locked from the start', async () => {
    const { browser, page } = await openLogin('personal');
    const res = await submitPassword(browser, bank, page, '1000000003', 'Demo-Pass-3');
    expect(res.status).toBe(401);
    expect(res.html).toContain(LOGIN_REFUSED);
  });
});

describe('WEB-FB login', () => {
  it('offers ID・パスワード方式 and 電子証明書方式 on one screen', async () => {
    const { page } = await openLogin('corporate');
    for (const text of [
      'ID・パスワード方式のお客さま',
      'お客様ID',
      'ログインパスワード',
      '電子証明書方式のお客さま',
      '電子証明書認証',
      '英字の大文字と小文字を区別します',
    ]) {
      expect(page.html).toContain(text);
    }
    expect(page.html).toContain(`${bank.tlsOrigin}/interaction/`);
  });

  it('refuses the password form for a certificate-only customer with the one answer, and tells everyone beforehand to use 電子証明書認証', async () => {
    const { browser, page } = await openLogin('corporate');
    expect(page.html).toContain(messages.ja.corporate.certificateOnlyNote);
    const res = await submitPassword(browser, bank, page, 'CORP0002', 'Corp-Pass-2');
    expect(res.status).toBe(401);
    expect(res.html).toContain(LOGIN_REFUSED);
  });

  /** GET of the 電子証明書認証 step on the TLS listener, as the browser of this login screen. */
  async function certificateStep(
    browser: HttpBrowser,
    page: Page,
    clientCert?: { cert: string; key: string },
  ): Promise<{ status: number; body: string }> {
    const uid = new URL(page.url).pathname.split('/')[2];
    const url = `${bank.tlsOrigin}/interaction/${uid}/certificate?csrf=${inputValue(page.html, 'csrf')}`;
    const ca = fs.readFileSync(path.join(bank.config.dataDir, 'pki', 'ca.crt'), 'utf8');
    return new Promise((resolve, reject) => {
      https
        .get(url, { ca, ...clientCert, headers: { cookie: browser.cookieHeader() } }, (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        })
        .on('error', reject);
    });
  }

  it('refuses the certificate step without a certificate, with a way back to the login screen', async () => {
    const { browser, page } = await openLogin('corporate');
    const res = await certificateStep(browser, page);
    expect(res.status).toBe(401);
    expect(res.body).toContain('有効な電子証明書が提示されませんでした');
    expect(res.body).toContain('認証画面に戻る');
  });

  it('refuses a certificate issued by another CA for the same customer', async () => {
    const foreignDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-foreign-ca-'));
    try {
      await ensureBankPki(foreignDir, ['CORP0002']);
      const files = clientCertificateFiles(foreignDir, 'CORP0002');
      const { browser, page } = await openLogin('corporate');
      const res = await certificateStep(browser, page, {
        cert: fs.readFileSync(files.certPath, 'utf8'),
        key: fs.readFileSync(files.keyPath, 'utf8'),
      });
      expect(res.status).toBe(401);
      expect(res.body).toContain('有効な電子証明書が提示されませんでした');
    } finally {
      fs.rmSync(foreignDir, { recursive: true, force: true });
    }
  });

  it('logs in with the certificate our CA issued', async () => {
    const files = clientCertificateFiles(bank.config.dataDir, 'CORP0002');
    const { browser, page } = await openLogin('corporate');
    const res = await certificateStep(browser, page, {
      cert: fs.readFileSync(files.certPath, 'utf8'),
      key: fs.readFileSync(files.keyPath, 'utf8'),
    });
    expect(res.status).toBe(303);
  });
});

describe('consent (アクセス許可)', () => {
  async function consentPage(scope?: string) {
    const { browser, page, request } = await openLogin('corporate', scope ? { scope } : {});
    return { browser, request, page: await submitPassword(browser, bank, page, 'CORP0001', 'Corp-Pass-1') };
  }

  it('lists exactly the requested operations, the accounts, the 90-day end date, the terms link and box', async () => {
    const { page } = await consentPage('transactions:read');
    expect(page.html).toContain('入出金明細照会');
    expect(page.html).not.toContain('残高照会');
    for (const text of [
      '外部サービスに許可する業務',
      '口座連携の有効期限は90日間です',
      '/terms',
      '利用規定に同意しました',
      '許可',
      'キャンセル',
      '本店営業部 当座 5001002',
    ]) {
      expect(page.html).toContain(text);
    }
  });

  it('refuses 許可 without the terms box ticked, on the server, and makes no link', async () => {
    const before = (await (await fetch(`${bank.issuer}/qa/api/links`)).json()) as { links: unknown[] };
    const { browser, page } = await consentPage();
    const res = await submitConsent(browser, bank, page, { agree: false });
    expect(res.status).toBe(400);
    expect(res.html).toContain('利用規定への同意のチェックがありません');
    expect(lastAuditEvent()).toBe('consent.refused:failure');
    const after = (await (await fetch(`${bank.issuer}/qa/api/links`)).json()) as { links: unknown[] };
    expect(after.links).toHaveLength(before.links.length);
  });

  it('refuses a consent POST without the CSRF token', async () => {
    const { browser, page } = await consentPage();
    const action = /action="([^"]*\/consent)"/.exec(page.html)![1]!;
    const res = await browser.postForm(new URL(action, bank.issuer).href, {
      agree: 'yes',
      accountIds: '001025001002',
    });
    expect(res.status).toBe(403);
    expect(res.html).toContain('不正な操作を検出しました');
    expect(lastAuditEvent()).toBe('request.refused:failure');
  });

  it('refuses accounts that are not the customer’s own', async () => {
    const { browser, page } = await consentPage();
    const res = await submitConsent(browser, bank, page, { accountIds: ['001011234567'] });
    expect(res.status).toBe(400);
    expect(res.html).toContain('連携する口座を1つ以上選択してください');
  });

  it('shares only the accounts the customer ticked', async () => {
    const { browser, page } = await consentPage();
    const done = await submitConsent(browser, bank, page, { accountIds: ['001025001002'] });
    expect(new URL(done.location!).searchParams.get('code')).toBeTruthy();
    const { links } = (await (await fetch(`${bank.issuer}/qa/api/links`)).json()) as {
      links: { accountIds: string[] }[];
    };
    expect(links[0]!.accountIds).toEqual(['001025001002']);
  });
});

describe('キャンセル and refusals', () => {
  it('returns access_denied with state and iss when the customer cancels on the login screen', async () => {
    const { browser, page, request } = await openLogin('personal');
    const res = await pressCancel(browser, bank, page);
    const params = errorOf(res);
    expect(res.location!.startsWith(REDIRECT)).toBe(true);
    expect(params.get('error')).toBe('access_denied');
    expect(params.get('state')).toBe(request.state);
    expect(params.get('iss')).toBe(bank.issuer);
  });

  it('returns access_denied when the customer cancels on the consent screen', async () => {
    const { browser, page } = await openLogin('corporate');
    const consent = await submitPassword(browser, bank, page, 'CORP0001', 'Corp-Pass-1');
    expect(errorOf(await pressCancel(browser, bank, consent)).get('error')).toBe('access_denied');
    expect(auditEvents('C-CORP0001').map((e) => e.event)).toContain('consent.cancel');
  });

  it('explains in Japanese that a client is not connected to a channel (未連携), then returns unauthorized_client', async () => {
    const browser = new HttpBrowser();
    const zaim = await partnerClient(bank, 'zaim');
    const request = await authorizationRequest(zaim, `${bank.issuer}/qa/callback`, { channel: 'corporate' });
    const page = await openAuthorization(browser, bank, request.url);
    expect(page.status).toBe(403);
    expect(page.html).toContain('WEB-FBとの連携を行っていません（未連携）');
    const back = await pressCancel(browser, bank, page);
    expect(errorOf(back).get('error')).toBe('unauthorized_client');
  });

  it('sends a single-channel client to its channel when it names none', async () => {
    const browser = new HttpBrowser();
    const request = await authorizationRequest(
      await partnerClient(bank, 'zaim'),
      `${bank.issuer}/qa/callback`,
    );
    const page = await openAuthorization(browser, bank, request.url);
    expect(page.html).toContain('契約者ID');
  });

  it('answers a tampered interaction id with a clear page', async () => {
    const { browser, page } = await openLogin('personal');
    const res = await browser.get(page.url.replace(/interaction\/[^/]+/, 'interaction/forged-id'));
    expect(res.status).toBe(400);
    expect(res.html).toContain('お手続きを続けられません');
    expect(lastAuditEvent()).toBe('request.refused:failure');
  });
});

describe('page security', () => {
  it('forbids framing and scripts on the login page', async () => {
    const { request } = await openLogin('personal');
    const res = await fetch(request.url, { redirect: 'follow' });
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('stores passwords as scrypt hashes, and the audit log holds no password or code', async () => {
    const hashes = bank.db.prepare('SELECT password_hash FROM customers').all() as {
      password_hash: string;
    }[];
    expect(hashes.every((h) => h.password_hash.startsWith('scrypt$'))).toBe(true);
    const audit = JSON.stringify(bank.db.prepare('SELECT * FROM audit_log').all());
    for (const secret of ['Demo-Pass-1', 'Demo-Pass-2', 'Corp-Pass-1', 'JBSWY3DPEHPK3PXP'])
      expect(audit).not.toContain(secret);
  });

  it('accepts QA actions only as JSON', async () => {
    const res = await fetch(`${bank.issuer}/qa/api/users/1000000001/unlock`, { method: 'POST' });
    expect(res.status).toBe(415);
  });
});

describe('the QA console', () => {
  it('answers only requests addressed to a loopback name (no DNS rebinding)', async () => {
    const statusFor = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const { port } = new URL(bank.issuer);
        http
          .get({ host: '127.0.0.1', port, path: '/qa/api/links', headers: { host } }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          })
          .on('error', reject);
      });
    expect(await statusFor('attacker.example')).toBe(403);
    expect(await statusFor(`localhost:${new URL(bank.issuer).port}`)).toBe(200);
  });
});

describe('malformed input', () => {
  it('answers malformed QA JSON with a coded 400, and keeps serving', async () => {
    const res = await fetch(`${bank.issuer}/qa/api/users/1000000001/unlock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ errorCode: 'BAD_REQUEST' });
    expect((await fetch(`${bank.issuer}/partners`)).status).toBe(200);
  });

  it('refuses an oversized login form with a page in Japanese', async () => {
    const { browser, page } = await openLogin('personal');
    const res = await browser.postForm(page.url.replace(/\/?$/, '/login'), {
      csrf: 'x',
      password: 'a'.repeat(40_000),
    });
    expect(res.status).toBe(413);
    expect(res.html).toContain('送信された内容を受け付けられませんでした');
  });
});

describe('public pages', () => {
  it('lists the seed’s partners with their start dates and 未連携', async () => {
    const html = await (await fetch(`${bank.issuer}/partners`)).text();
    for (const text of [
      'freee 株式会社',
      '株式会社 Zaim',
      '2019年5月20日',
      '未連携',
      'エメラダ・マーケットプレイス',
      '2021年4月19日',
    ]) {
      expect(html).toContain(text);
    }
    expect((html.match(/data-client-id=/g) ?? []).length).toBe(11);
  });

  it('serves the terms the consent screen links to', async () => {
    const res = await fetch(`${bank.issuer}/terms`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('しんきんインターネットバンキングAPIサービス利用規定');
  });
});
