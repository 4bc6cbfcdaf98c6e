import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundTokens, dpopProof, newDpopKey, type DpopKey } from '../support/dpop-client.ts';
import { disposeTestBanks, gmoApiBase, startBothDialects, type TestBank } from '../support/test-bank.ts';

/**
 * What a DPoP-bound token is worth to someone who stole it without its key: nothing, in either
 * dialect — no answer about accounts or parameters before the proof checks out, and no proof made
 * for another origin passes, whatever Host header comes with it.
 */

let ours: TestBank;
let gmo: TestBank;
let key: DpopKey;
let thief: DpopKey;
let oursToken: string;
let gmoToken: string;

beforeAll(async () => {
  [ours, gmo] = await startBothDialects();
  [key, thief] = await Promise.all([newDpopKey(), newDpopKey()]);
  [oursToken, gmoToken] = await Promise.all([
    boundTokens(ours, key).then((t) => t.access),
    boundTokens(gmo, key).then((t) => t.access),
  ]);
});
afterAll(() => disposeTestBanks(ours, gmo));

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: { errorCode?: string };
}

/** A GET with headers of our choosing, Host among them (fetch does not let a caller set Host). */
function get(url: string, headers: Record<string, string>): Promise<Answer> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    http
      .get(
        { host: target.hostname, port: target.port, path: target.pathname + target.search, headers },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode!, headers: res.headers, body: JSON.parse(text) }),
          );
        },
      )
      .on('error', reject);
  });
}

const withoutQuery = (url: string) => url.split('?', 1)[0]!;

describe('a DPoP proof names the bank’s own origin', () => {
  it('refuses a proof made for another origin even when the Host header names that origin', async () => {
    const evil = 'http://evil.example/api/v1/accounts';
    const res = await get(`${ours.issuer}/api/v1/accounts`, {
      host: 'evil.example',
      authorization: `DPoP ${oursToken}`,
      dpop: await dpopProof(key, oursToken, evil),
    });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toContain('error="invalid_dpop_proof"');
    expect(res.headers['www-authenticate']).toContain('htu mismatch');
  });

  it('accepts a proof for the bank’s configured origin whatever Host the request carries', async () => {
    const url = `${ours.issuer}/api/v1/accounts`;
    const res = await get(url, {
      host: 'localhost',
      authorization: `DPoP ${oursToken}`,
      dpop: await dpopProof(key, oursToken, url),
    });
    expect(res.status).toBe(200);
  });
});

describe('a stolen bound token with a junk proof learns nothing', () => {
  const junk = (token: string, url: string) => dpopProof(thief, token, withoutQuery(url));

  it.each([
    [
      'another customer’s account (404 ACCOUNT_NOT_FOUND before)',
      '/api/v1/accounts/balances?accountId=001014567890',
    ],
    ['a bad parameter (400 INVALID_PARAMETER before)', '/api/v1/accounts/transactions?accountId=bad'],
    ['a path the API does not have', '/api/v1/no-such-thing'],
    ['a shared account', '/api/v1/accounts/balances?accountId=001015001001'],
  ])('our dialect: %s gets the same 401 invalid_dpop_proof', async (_case, path) => {
    const url = `${ours.issuer}${path}`;
    const res = await get(url, { authorization: `DPoP ${oursToken}`, dpop: await junk(oursToken, url) });
    expect([res.status, res.body.errorCode]).toEqual([401, 'INVALID_TOKEN']);
    expect(res.headers['www-authenticate']).toContain('error="invalid_dpop_proof"');
  });

  it.each([
    ['another customer’s account (400 WG_ERR_110 before)', '/accounts/balances?accountId=101014567890'],
    [
      'a bad parameter',
      '/accounts/transactions?accountId=101015001001&dateFrom=2026-01-10&dateTo=2026-01-01',
    ],
    ['an operation GMO does not have', '/accounts/visa-transactions'],
    ['a shared account', '/accounts/balances?accountId=101015001001'],
  ])('GMO dialect: %s gets the same 401 WG_ERR_105', async (_case, path) => {
    const url = `${gmoApiBase(gmo, 'corporate')}${path}`;
    const res = await get(url, { 'x-access-token': gmoToken, dpop: await junk(gmoToken, url) });
    expect([res.status, res.body.errorCode]).toEqual([401, 'WG_ERR_105']);
  });

  it('GMO dialect: the key’s holder reads with x-access-token and its proof, and gets the usual 400 for a bad account', async () => {
    const accounts = `${gmoApiBase(gmo, 'corporate')}/accounts`;
    const ok = await get(accounts, {
      'x-access-token': gmoToken,
      dpop: await dpopProof(key, gmoToken, accounts),
    });
    expect(ok.status).toBe(200);
    const other = `${gmoApiBase(gmo, 'corporate')}/accounts/balances?accountId=101014567890`;
    const refused = await get(other, {
      'x-access-token': gmoToken,
      dpop: await dpopProof(key, gmoToken, withoutQuery(other)),
    });
    expect([refused.status, refused.body.errorCode]).toEqual([400, 'WG_ERR_110']);
  });
});
