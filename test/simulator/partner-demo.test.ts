import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAuthorization, submitConsent, submitPassword } from '../support/consent-flow.ts';
import { HttpBrowser, inputValue, type Page } from '../support/http-browser.ts';
import { disposeTestBanks, startBothDialects, type TestBank } from '../support/test-bank.ts';

/**
 * The partner demo's walk over HTTP, where it must hold against a presenter's double click and a
 * saved page: the code is exchanged once per walk, the full tokens never are part of the page (they
 * are fetched on demand, by the walk's own form token, from this machine only), and on a
 * GMO-dialect bank the partner calls GMO's API the way GMO takes it.
 */

let ours: TestBank;
let gmo: TestBank;
beforeAll(async () => {
  [ours, gmo] = await startBothDialects();
});
afterAll(() => disposeTestBanks(ours, gmo));

interface Walk {
  browser: HttpBrowser;
  bank: TestBank;
  path: string;
  csrf: string;
}

/** freee on WEB-FB, CORP0001 logged in and consented: the walk back at step 3, code in hand. */
async function walkToCallback(bank: TestBank, { dpop = false } = {}): Promise<Walk> {
  const browser = new HttpBrowser();
  const start = await browser.get(`${bank.issuer}/partner-demo`);
  const walk = await browser.follow(
    await browser.postForm(`${bank.issuer}/partner-demo/start`, {
      csrf: inputValue(start.html, 'csrf'),
      clientId: 'freee',
      channel: 'corporate',
      ...(dpop ? { dpop: 'on' } : {}),
    }),
    bank.issuer,
  );
  const authUrl = /href="([^"]+\/auth\?[^"]+)"/.exec(walk.html)![1]!.replaceAll('&amp;', '&');
  const login = await openAuthorization(browser, bank, new URL(authUrl));
  const back = await submitConsent(
    browser,
    bank,
    await submitPassword(browser, bank, login, 'CORP0001', 'Corp-Pass-1'),
  );
  const afterCallback = await browser.follow(await browser.get(new URL(back.location!).href), bank.issuer);
  expect(afterCallback.html).toContain('state 一致 ✓');
  return {
    browser,
    bank,
    path: new URL(afterCallback.url).pathname,
    csrf: inputValue(afterCallback.html, 'csrf'),
  };
}

const act = async (walk: Walk, action: string): Promise<Page> =>
  walk.browser.follow(
    await walk.browser.postForm(`${walk.bank.issuer}${walk.path}/${action}`, { csrf: walk.csrf }),
    walk.bank.issuer,
  );

const reveal = (walk: Walk, body: Record<string, string>, host?: string) =>
  new Promise<{ status: number; cacheControl: string | undefined; body: Record<string, string> }>(
    (resolve, reject) => {
      const url = new URL(`${walk.path}/reveal`, walk.bank.issuer);
      const json = JSON.stringify(body);
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(host ? { host } : {}) },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () =>
            resolve({
              status: res.statusCode!,
              cacheControl: res.headers['cache-control'],
              body: JSON.parse(text) as Record<string, string>,
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(json);
    },
  );

describe('the partner demo walk', () => {
  it('exchanges the code once however often 4. is posted at once: both answers show the one token response, and the API opens', async () => {
    const walk = await walkToCallback(ours);
    const [first, second] = await Promise.all([act(walk, 'exchange'), act(walk, 'exchange')]);
    for (const page of [first, second]) {
      expect(page.html).toContain('data-testid="token-response-status">HTTP 200');
      expect(page.html).not.toContain('role="alert"');
    }
    const api = await act(walk, 'api');
    for (const id of ['api-accounts', 'api-balances', 'api-transactions'])
      expect(api.html).toContain(`data-testid="${id}-status">HTTP 200`);
  });

  it('never puts the full tokens in the page: トークンを表示 fetches them with the walk’s own token, from this machine only', async () => {
    const walk = await walkToCallback(ours);
    await act(walk, 'exchange');
    const fetched = await reveal(walk, { csrf: walk.csrf, exchange: 'exchange' });
    expect(fetched.status).toBe(200);
    expect(fetched.cacheControl).toBe('no-store');
    const { access_token: access, refresh_token: refresh } = fetched.body;
    expect(access).toMatch(/^[\w-]{43}$/);
    expect(refresh).toMatch(/^[\w-]{43}$/);
    const opened = await fetch(`${ours.issuer}/api/v1/accounts`, {
      headers: { authorization: `Bearer ${access}` },
    });
    expect(opened.status).toBe(200);

    const refreshed = await act(walk, 'refresh');
    const page = (await walk.browser.get(`${ours.issuer}${walk.path}`)).html + refreshed.html;
    expect(page).toContain('data-testid="token-response-reveal"');
    expect(page).toContain('data-testid="refresh-reveal"');
    const newer = (await reveal(walk, { csrf: walk.csrf, exchange: 'refresh' })).body;
    for (const token of [access, refresh, newer.access_token!, newer.refresh_token!])
      expect(page).not.toContain(token);

    const other = await walkToCallback(ours);
    expect((await reveal(walk, { csrf: other.csrf, exchange: 'exchange' })).status).toBe(403);
    expect((await reveal(walk, { csrf: walk.csrf, exchange: 'exchange' }, 'evil.example')).status).toBe(403);
  });

  it('on a GMO-dialect bank calls GMO’s paths with x-access-token, and reads statements of an account that has them', async () => {
    const walk = await walkToCallback(gmo);
    await act(walk, 'exchange');
    const api = await act(walk, 'api');
    for (const id of ['api-accounts', 'api-balances', 'api-transactions'])
      expect(api.html).toContain(`data-testid="${id}-status">HTTP 200`);
    expect(api.html).toContain('/ganb/api/corporation/v1/accounts');
    expect(api.html).toContain('x-access-token: ');
    expect(api.html).not.toContain('/api/v1/');
  });
});

describe('the partner demo with 鍵で保護 (DPoP)', () => {
  /** The JSON of the pre blocks inside one data-testid block, in order (the page's HTML, unescaped). */
  const jsonIn = (html: string, testId: string): unknown[] => {
    const start = html.indexOf(`data-testid="${testId}"`);
    expect(start, testId).toBeGreaterThan(-1);
    const block = html.slice(start, html.indexOf('</div>', html.indexOf('</div>', start) + 1));
    return [...block.matchAll(/<pre class="json">([\s\S]*?)<\/pre>/g)].map(
      (m) =>
        JSON.parse(
          m[1]!.replaceAll('&quot;', '"').replaceAll('&amp;', '&').replaceAll('&#39;', "'"),
        ) as unknown,
    );
  };

  it.each([
    ['our dialect', () => ours, '/api/v1/accounts'],
    ['GMO’s dialect', () => gmo, '/ganb/api/corporation/v1/accounts'],
  ])(
    'in %s shows the key’s thumbprint, each proof decoded, and the bank refusing the same token as Bearer',
    async (_dialect, bankOf, accountsPath) => {
      const bank = bankOf();
      const walk = await walkToCallback(bank, { dpop: true });
      const exchanged = await act(walk, 'exchange');
      const thumbprint = /data-testid="dpop-thumbprint">([\w-]{43})</.exec(exchanged.html)?.[1];
      expect(thumbprint).toBeTruthy();
      expect(exchanged.html).toContain('data-testid="token-response-status">HTTP 200');
      expect(exchanged.html).toContain('&quot;token_type&quot;: &quot;DPoP&quot;');
      const [header, payload] = jsonIn(exchanged.html, 'exchange-proof') as Record<string, unknown>[];
      expect(header).toMatchObject({ typ: 'dpop+jwt', alg: 'ES256', jwk: { kty: 'EC', crv: 'P-256' } });
      expect(header!.jwk).not.toHaveProperty('d');
      expect(payload).toMatchObject({ htm: 'POST', htu: `${bank.issuer}/token`, nonce: expect.any(String) });

      // The thumbprint on the page is the one the bank bound the access token to.
      const { access_token: access } = (await reveal(walk, { csrf: walk.csrf, exchange: 'exchange' })).body;
      const row = bank.db
        .prepare("SELECT payload FROM oidc_models WHERE model = 'AccessToken' AND id = ?")
        .get(access) as { payload: string };
      expect((JSON.parse(row.payload) as { jkt?: string }).jkt).toBe(thumbprint);

      const api = await act(walk, 'api');
      for (const id of ['api-accounts', 'api-balances', 'api-transactions']) {
        expect(api.html).toContain(`data-testid="${id}-status">HTTP 200`);
        expect(api.html).toContain(`data-testid="${id}-as-bearer-status">HTTP 401`);
      }
      const [, apiClaims] = jsonIn(api.html, 'api-accounts-proof') as Record<string, unknown>[];
      expect(apiClaims).toMatchObject({
        htm: 'GET',
        htu: `${bank.issuer}${accountsPath}`,
        ath: expect.any(String),
      });
      // Refused as Bearer, the bank audits why.
      const { entries } = (await (await fetch(`${bank.issuer}/qa/api/audit?limit=50`)).json()) as {
        entries: Array<{ event: string; clientId?: string; detail: { where?: string } }>;
      };
      expect(entries.find((e) => e.event === 'dpop.refused')).toMatchObject({
        clientId: 'freee',
        detail: { where: 'api' },
      });
      expect(api.html).not.toContain(access);
    },
  );

  it('walks without a key when 鍵で保護 is not ticked: bearer tokens, no proof, no Bearer comparison', async () => {
    const walk = await walkToCallback(ours);
    const exchanged = await act(walk, 'exchange');
    expect(exchanged.html).toContain('&quot;token_type&quot;: &quot;Bearer&quot;');
    expect(exchanged.html).not.toContain('data-testid="dpop-thumbprint"');
    expect(exchanged.html).not.toContain('exchange-proof');
    const api = await act(walk, 'api');
    expect(api.html).toContain('data-testid="api-accounts-status">HTTP 200');
    expect(api.html).not.toContain('as-bearer');
  });
});
