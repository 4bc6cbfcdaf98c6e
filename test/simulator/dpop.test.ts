import { createHash, randomUUID } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import * as oauth from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DPOP_SIGNING_ALGS } from '../../simulator/api/dpop-proof.ts';
import { partnerAccessToken } from '../support/consent-flow.ts';
import { boundTokens, newDpopKey, type DpopKey } from '../support/dpop-client.ts';
import { startTestBank, type TestBank } from '../support/test-bank.ts';

/**
 * DPoP (RFC 9449): a client that sends a proof to the token endpoint gets tokens bound to its key,
 * and the API then accepts them only with a fresh proof by that key for that very request (§7.1).
 */
let bank: TestBank;
let keys: DpopKey;
let publicJwk: JWK;
let bound: { access: string; refresh: string; config: oauth.Configuration; dpop: oauth.DPoPHandle };

const ACCOUNTS = () => `${bank.issuer}/api/v1/accounts`;

beforeAll(async () => {
  bank = await startTestBank();
  keys = await newDpopKey();
  publicJwk = keys.jwk;
  bound = await boundTokens(bank, keys);
});
afterAll(async () => {
  await bank?.dispose();
});

interface ProofClaims {
  htm?: string;
  htu?: string;
  iat?: number;
  jti?: string;
  ath?: string;
}

/** A proof as a client makes one, with any claim or header overridden to play an attacker. */
async function proof(
  overrides: ProofClaims = {},
  {
    key = keys.privateKey,
    jwk = publicJwk,
    typ = 'dpop+jwt',
  }: { key?: DpopKey['privateKey']; jwk?: JWK; typ?: string } = {},
): Promise<string> {
  const claims = {
    htm: 'GET',
    htu: ACCOUNTS(),
    jti: randomUUID(),
    ath: createHash('sha256').update(bound.access).digest('base64url'),
    ...overrides,
  };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', typ, jwk })
    .setIssuedAt(overrides.iat ?? Math.floor(Date.now() / 1000))
    .sign(key);
}

const call = (headers: Record<string, string>, url = ACCOUNTS()) => fetch(url, { headers });

async function expectRefused(res: Response, error: string) {
  expect(res.status).toBe(401);
  const challenge = res.headers.get('www-authenticate') ?? '';
  expect(challenge).toMatch(/^DPoP /);
  expect(challenge).toContain(`error="${error}"`);
  expect(challenge).toContain(`algs="${DPOP_SIGNING_ALGS.join(' ')}"`);
}

describe('DPoP-bound tokens at the API', () => {
  it('issues tokens bound to the client’s key when it sends a proof (token_type DPoP, cnf.jkt)', async () => {
    const intro = await oauth.tokenIntrospection(bound.config, bound.access);
    expect(intro.token_type).toBe('DPoP');
    expect((intro.cnf as { jkt: string }).jkt).toBe(await calculateJwkThumbprint(publicJwk));
  });

  it('accepts a bound token with a valid proof by its key for this method and URL', async () => {
    const res = await oauth.fetchProtectedResource(
      bound.config,
      bound.access,
      new URL(ACCOUNTS()),
      'GET',
      undefined,
      undefined,
      {
        DPoP: bound.dpop,
      },
    );
    expect(res.status).toBe(200);
    // htu is compared without the query string (RFC 9449 §4.3).
    const withQuery = `${bank.issuer}/api/v1/accounts/balances?accountId=001015001001`;
    const balances = await call(
      { authorization: `DPoP ${bound.access}`, dpop: await proof({ htu: withQuery }) },
      withQuery,
    );
    expect(balances.status).toBe(200);
  });

  it('refuses a stolen bound token sent as a bearer token, or without a proof', async () => {
    await expectRefused(await call({ authorization: `Bearer ${bound.access}` }), 'invalid_token');
    await expectRefused(await call({ 'x-access-token': bound.access }), 'invalid_token');
    await expectRefused(await call({ authorization: `DPoP ${bound.access}` }), 'invalid_dpop_proof');
  });

  it.each<[string, () => Promise<string>]>([
    ['another method (htm)', () => proof({ htm: 'POST' })],
    ['another URL (htu)', () => proof({ htu: `${bank.issuer}/api/v1/accounts/transactions` })],
    ['another origin (htu)', () => proof({ htu: 'http://127.0.0.1:1/api/v1/accounts' })],
    ['an iat too old', () => proof({ iat: Math.floor(Date.now() / 1000) - 3600 })],
    ['an iat in the future', () => proof({ iat: Math.floor(Date.now() / 1000) + 3600 })],
    [
      'another token’s hash (ath)',
      () => proof({ ath: createHash('sha256').update('other').digest('base64url') }),
    ],
    ['no ath', () => proof({ ath: undefined as unknown as string })],
    ['a typ other than dpop+jwt', () => proof({}, { typ: 'JWT' })],
  ])('refuses a proof with %s', async (_name, make) => {
    await expectRefused(
      await call({ authorization: `DPoP ${bound.access}`, dpop: await make() }),
      'invalid_dpop_proof',
    );
  });

  it('refuses a proof signed by another key, one carrying a private key, and a symmetric one', async () => {
    const thief = await generateKeyPair('ES256', { extractable: true });
    const thiefJwk = await exportJWK(thief.publicKey);
    await expectRefused(
      await call({
        authorization: `DPoP ${bound.access}`,
        dpop: await proof({}, { key: thief.privateKey, jwk: thiefJwk }),
      }),
      'invalid_dpop_proof',
    );
    // The bank keeps the keys of accepted proofs imported: a header naming the bound key, once
    // accepted, must still have its signature checked against it.
    expect((await call({ authorization: `DPoP ${bound.access}`, dpop: await proof() })).status).toBe(200);
    await expectRefused(
      await call({
        authorization: `DPoP ${bound.access}`,
        dpop: await proof({}, { key: thief.privateKey, jwk: publicJwk }),
      }),
      'invalid_dpop_proof',
    );
    const privateJwk = await exportJWK(keys.privateKey);
    await expectRefused(
      await call({ authorization: `DPoP ${bound.access}`, dpop: await proof({}, { jwk: privateJwk }) }),
      'invalid_dpop_proof',
    );
    const hs = await new SignJWT({ htm: 'GET', htu: ACCOUNTS(), jti: randomUUID() })
      .setProtectedHeader({ alg: 'HS256', typ: 'dpop+jwt', jwk: { kty: 'oct', k: 'c2VjcmV0' } as JWK })
      .setIssuedAt()
      .sign(new TextEncoder().encode('secret'));
    await expectRefused(
      await call({ authorization: `DPoP ${bound.access}`, dpop: hs }),
      'invalid_dpop_proof',
    );
  });

  it('refuses a proof sent a second time (jti replay)', async () => {
    const once = await proof();
    expect((await call({ authorization: `DPoP ${bound.access}`, dpop: once })).status).toBe(200);
    await expectRefused(
      await call({ authorization: `DPoP ${bound.access}`, dpop: once }),
      'invalid_dpop_proof',
    );
  });

  it('binds the refresh token too: refreshing needs the key, even the just-rotated one within the grace, and a bearer token stays a bearer token', async () => {
    await expect(oauth.refreshTokenGrant(bound.config, bound.refresh)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    const refreshed = await oauth.refreshTokenGrant(bound.config, bound.refresh, undefined, {
      DPoP: bound.dpop,
    });
    expect(refreshed.token_type.toLowerCase()).toBe('dpop');
    // The just-rotated token again, within the reuse grace but without the key: refused, and it
    // retires nothing — the holder of the key goes on with its newer token.
    await expect(oauth.refreshTokenGrant(bound.config, bound.refresh)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    const next = await oauth.refreshTokenGrant(bound.config, refreshed.refresh_token!, undefined, {
      DPoP: bound.dpop,
    });
    expect(next.access_token).toBeTruthy();

    // A partner the bank does not ask for DPoP gets bearer tokens.
    const bearer = await partnerAccessToken(bank, 'CORP0001', 'Corp-Pass-1');
    expect((await call({ authorization: `Bearer ${bearer}` })).status).toBe(200);
    const asDpop = await call({ authorization: `DPoP ${bearer}`, dpop: await proof() });
    await expectRefused(asDpop, 'invalid_token');
  });

  it('publishes in discovery the DPoP algorithms the API accepts', async () => {
    const meta = (await (await fetch(`${bank.issuer}/.well-known/openid-configuration`)).json()) as {
      dpop_signing_alg_values_supported: string[];
    };
    expect(meta.dpop_signing_alg_values_supported).toEqual([...DPOP_SIGNING_ALGS]);
  });
});
