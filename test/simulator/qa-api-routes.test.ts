import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQaApiRouter } from '../../simulator/qa/api/qa-api-router.ts';
import type { QaDeps } from '../../simulator/qa/qa-deps.ts';
import { qaLocked, startTestBank, type TestBank } from '../support/test-bank.ts';

/**
 * The QA API is one router module per resource (simulator/qa/api/); the loopback guard in front of
 * them must hold for every route each module adds, also one added later: the routes are read from
 * the router itself, not listed by hand.
 */
let bank: TestBank;
beforeAll(async () => {
  bank = await startTestBank();
});
afterAll(async () => {
  await bank?.dispose();
});

/** Every method and path the QA API serves, with its parameters filled by a real customer's ids. */
function qaRoutes(): Array<{ method: string; path: string }> {
  // Registering routes reads no dependency; no request reaches this router.
  const router = createQaApiRouter({} as QaDeps);
  return router.stack.flatMap((layer) =>
    layer.methods
      .filter((method) => method !== 'HEAD')
      .map((method) => ({
        method,
        path: `/qa/api${layer.path}`
          .replace(':loginId', '1000000003')
          .replace(':accountId', '0010000001')
          .replace(':id', 'no-such-link'),
      })),
  );
}

/** A request as a DNS-rebinding page or another site's script makes it: raw, so Host can be anything. */
function send(
  method: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; errorCode: string | undefined }> {
  const { port } = new URL(bank.issuer);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => {
        let errorCode: string | undefined;
        try {
          errorCode = (JSON.parse(body) as { errorCode?: string }).errorCode;
        } catch {
          errorCode = undefined;
        }
        resolve({ status: res.statusCode ?? 0, errorCode });
      });
    });
    req.on('error', reject);
    req.end(method === 'GET' || method === 'DELETE' ? undefined : '{}');
  });
}

describe('the QA API, resource by resource', () => {
  it('serves users, customers, clients, links, faults, maintenance, transactions, reset, audit and the bank’s facts', () => {
    const paths = new Set(qaRoutes().map((r) => `${r.method} ${r.path}`));
    expect([...paths].sort()).toEqual(
      [
        'GET /qa/api/bank',
        'GET /qa/api/otp/1000000003',
        'GET /qa/api/users',
        'POST /qa/api/users/1000000003/unlock',
        'POST /qa/api/customers',
        'GET /qa/api/clients',
        'GET /qa/api/links',
        'POST /qa/api/links/no-such-link/expire',
        'POST /qa/api/links/no-such-link/expire-in',
        'POST /qa/api/links/no-such-link/revoke',
        'GET /qa/api/faults',
        'POST /qa/api/faults',
        'DELETE /qa/api/faults',
        'POST /qa/api/maintenance',
        'POST /qa/api/dpop-nonces',
        'POST /qa/api/accounts/0010000001/transactions',
        'POST /qa/api/reset',
        'GET /qa/api/audit',
      ].sort(),
    );
  });

  it('refuses every route to a request addressed to another host name (DNS rebinding)', async () => {
    for (const { method, path } of qaRoutes()) {
      const res = await send(method, path, { host: 'attacker.example', 'content-type': 'application/json' });
      expect(res, `${method} ${path}`).toEqual({ status: 403, errorCode: 'QA_LOOPBACK_ONLY' });
    }
    expect(await qaLocked(bank, '1000000003')).toBe(true);
  });

  it('refuses every action to a browser page of another origin, and every POST that is not JSON', async () => {
    const host = new URL(bank.issuer).host;
    for (const { method, path } of qaRoutes().filter((r) => r.method !== 'GET')) {
      const crossSite = await send(method, path, {
        host,
        origin: 'http://evil.example',
        'content-type': 'application/json',
      });
      expect(crossSite, `${method} ${path}`).toEqual({ status: 403, errorCode: 'QA_SAME_ORIGIN_ONLY' });
      if (method !== 'POST') continue;
      const form = await send(method, path, { host, 'content-type': 'application/x-www-form-urlencoded' });
      expect(form, `${method} ${path}`).toEqual({ status: 415, errorCode: 'QA_JSON_REQUIRED' });
    }
    expect(await qaLocked(bank, '1000000003')).toBe(true);
  });
});
