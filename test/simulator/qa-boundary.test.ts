import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corporateAccessToken } from '../support/consent-flow.ts';
import { qaLocked, qaPost, startTestBank, type TestBank } from '../support/test-bank.ts';

/** The QA API's boundary against other web pages, and the QA console over whatever the bank holds. */
let bank: TestBank;
beforeAll(async () => {
  bank = await startTestBank();
});
afterAll(async () => {
  await bank?.dispose();
});

async function linkCount(): Promise<number> {
  const res = await fetch(`${bank.issuer}/qa/api/links`);
  return ((await res.json()) as { links: unknown[] }).links.length;
}

/** A POST as `curl -X POST -H 'content-type: …' URL` sends it: no body, no Content-Length. */
function curlPost(path: string, contentType: string): Promise<{ status: number; body: string }> {
  const url = new URL(path, bank.issuer);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname, () =>
      socket.write(
        `POST ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\ncontent-type: ${contentType}\r\nConnection: close\r\n\r\n`,
      ),
    );
    let raw = '';
    socket.on('data', (chunk) => (raw += chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const [head = '', body = ''] = raw.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), body });
    });
  });
}

/** What a cross-site HTML form or a no-cors fetch can send: a "simple" POST, no JSON. */
const formPost = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${bank.issuer}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: 'x=1',
  });

describe('the QA API against another origin', () => {
  it('reaches no QA handler by another spelling of its path (case, trailing slash, escapes)', async () => {
    await corporateAccessToken(bank, 'CORP0001', 'Corp-Pass-1');
    expect(await qaLocked(bank, '1000000003')).toBe(true);
    const before = await linkCount();
    for (const path of [
      '/QA/api/users/1000000003/unlock',
      '/Qa/api/users/1000000003/unlock',
      '/qa/API/users/1000000003/unlock',
      '/qa/api/users/1000000003/unlock/',
      '/%71a/api/users/1000000003/unlock',
      '/QA/api/reset',
      '/Qa/api/reset',
      '/qa/api/reset/',
    ]) {
      const res = await formPost(path);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      for (const plain of ['text/plain', 'multipart/form-data; boundary=x']) {
        const other = await fetch(`${bank.issuer}${path}`, {
          method: 'POST',
          headers: { 'content-type': plain },
          body: '',
        });
        expect(other.status, `${path} ${plain}`).toBeGreaterThanOrEqual(400);
      }
    }
    expect(await qaLocked(bank, '1000000003')).toBe(true);
    expect(await linkCount()).toBe(before);
  });

  it('refuses a JSON QA action a browser sends from another origin or site', async () => {
    for (const headers of [
      { origin: 'http://evil.example' } as Record<string, string>,
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
    ]) {
      const res = await fetch(`${bank.issuer}/qa/api/users/1000000003/unlock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: '{}',
      });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(((await res.json()) as { errorCode: string }).errorCode).toBe('QA_SAME_ORIGIN_ONLY');
    }
    expect(await qaLocked(bank, '1000000003')).toBe(true);
  });

  it('accepts the same action from the console’s own origin, and the README’s unlock command as printed', async () => {
    const fromConsole = await fetch(`${bank.issuer}/qa/api/users/1000000003/unlock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: bank.issuer, 'sec-fetch-site': 'same-origin' },
      body: '{}',
    });
    expect(fromConsole.status).toBe(200);
    await qaPost(bank, '/qa/api/reset');
    expect(await qaLocked(bank, '1000000003')).toBe(true);
    // curl -X POST -H 'content-type: application/json' http://127.0.0.1:4010/qa/api/users/1000000001/unlock
    // sends no body and no Content-Length: the same bytes here.
    const readme = await curlPost(`/qa/api/users/1000000003/unlock`, 'application/json');
    expect(readme.status).toBe(200);
    expect(JSON.parse(readme.body)).toEqual({ loginId: '1000000003', locked: false });
  });
});

describe('the QA console over whatever the database holds', () => {
  it('renders every kind of link, lock and fault, and an unknown scope as its raw name', async () => {
    await qaPost(bank, '/qa/api/reset'); // 1000000003 locked again, as seeded
    // Links made through the front door: active, expired and revoked by QA.
    const tokens = await Promise.all(
      [0, 1, 2].map(() => corporateAccessToken(bank, 'CORP0001', 'Corp-Pass-1')),
    );
    expect(tokens).toHaveLength(3);
    const res = await fetch(`${bank.issuer}/qa/api/links`);
    const [a, b] = ((await res.json()) as { links: { id: string }[] }).links;
    await qaPost(bank, `/qa/api/links/${a!.id}/expire`);
    await qaPost(bank, `/qa/api/links/${b!.id}/revoke`);
    // Rows as older bank versions or a hand-edited database left them.
    const insert = bank.db.prepare(
      `INSERT INTO links (grant_id, customer_id, client_id, channel, scopes, account_ids, created_at, expires_at, revoked_at, revoked_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const now = Math.floor(Date.now() / 1000);
    insert.run('no-api-scope', 'C-CORP0001', 'freee', 'corporate', '', '[]', now, now + 60, null, null);
    insert.run(
      'oidc-only',
      'P-1000000001',
      'zaim',
      'personal',
      'openid offline_access',
      '[]',
      now,
      now + 60,
      null,
      null,
    );
    insert.run(
      'odd-scope',
      'C-CORP0002',
      'yayoi',
      'corporate',
      'balances:read payments:write',
      '["x"]',
      now,
      now - 1,
      null,
      null,
    );
    insert.run(
      'reused',
      'C-CORP9000',
      'bankdemo-desktop',
      'corporate',
      'transactions:read',
      '[]',
      now,
      now + 60,
      now,
      'refresh token reuse',
    );
    // Locks and faults of every kind.
    bank.db.prepare("UPDATE customers SET failed_attempts = 2 WHERE login_id = 'CORP0001'").run();
    await qaPost(bank, '/qa/api/faults', { status: 503, count: 2, retryAfter: 5 });
    await qaPost(bank, '/qa/api/faults', { status: 500, count: 1 });
    await qaPost(bank, '/qa/api/faults', { latencyMs: 300, count: 1 });
    await qaPost(bank, '/qa/api/maintenance', { on: true });

    const page = await fetch(`${bank.issuer}/qa`);
    const html = await page.text();
    expect(page.status).toBe(200);
    for (const text of [
      'payments:write',
      '残高照会',
      '入出金明細照会',
      'openid',
      '期限切れ',
      '解除済み',
      'refresh token reuse',
      'ロック中',
      '失敗 2回',
      'HTTP 503',
      '300 ms',
      '実施中',
    ]) {
      expect(html, text).toContain(text);
    }
    await qaPost(bank, '/qa/api/maintenance', { on: false });
    await fetch(`${bank.issuer}/qa/api/faults`, { method: 'DELETE' });
  });
});
