import { createHash } from 'node:crypto';
import { calculateJwkThumbprint, decodeProtectedHeader, EmbeddedJWK, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { DpopProver, generateDpopKey } from '../../main/auth/dpop-key.ts';

const athOf = (token: string): string => createHash('sha256').update(token).digest('base64url');

/**
 * The app signs its API calls' proofs itself (node:crypto, not jose): each must be a JWS that jose —
 * what the bank and most resource servers verify with — accepts, carrying what RFC 9449 §4.2 asks.
 */
describe('DpopProver', () => {
  it('signs a dpop+jwt that jose verifies with its embedded key, for this request and token', async () => {
    const { key } = await generateDpopKey();
    const prover = new DpopProver(key);
    const proof = prover.proof(
      'GET',
      'https://bank.example/api/v1/accounts/1/transactions?from=2026-01-01#x',
      'token-1',
    );
    const { payload, protectedHeader } = await jwtVerify(proof, EmbeddedJWK, {
      typ: 'dpop+jwt',
      algorithms: ['ES256'],
    });
    expect(protectedHeader).toEqual({ alg: 'ES256', typ: 'dpop+jwt', jwk: key.publicJwk });
    expect(await calculateJwkThumbprint(protectedHeader.jwk!)).toBe(key.jkt);
    expect(payload).toEqual({
      htm: 'GET',
      htu: 'https://bank.example/api/v1/accounts/1/transactions',
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
      iat: expect.any(Number),
      ath: athOf('token-1'),
    });
    expect(Math.abs(payload.iat! - Date.now() / 1000)).toBeLessThan(5);
  });

  it('hashes each token it is given: a renewed token gets its own ath, never the last one’s', async () => {
    const { key } = await generateDpopKey();
    const prover = new DpopProver(key);
    const athIn = async (proof: string) => (await jwtVerify(proof, EmbeddedJWK)).payload.ath;
    expect(await athIn(prover.proof('GET', 'https://bank.example/a', 'old'))).toBe(athOf('old'));
    expect(await athIn(prover.proof('GET', 'https://bank.example/a', 'new'))).toBe(athOf('new'));
    expect(await athIn(prover.proof('GET', 'https://bank.example/a', 'old'))).toBe(athOf('old'));
  });

  it('gives every proof a fresh jti and carries the nonce its origin last gave', async () => {
    const { key } = await generateDpopKey();
    const prover = new DpopProver(key);
    prover.rememberNonce('https://bank.example/api/v1/x', 'n-1');
    const first = (await jwtVerify(prover.proof('GET', 'https://bank.example/b', 't'), EmbeddedJWK)).payload;
    const second = (await jwtVerify(prover.proof('GET', 'https://bank.example/b', 't'), EmbeddedJWK)).payload;
    const elsewhere = (await jwtVerify(prover.proof('GET', 'https://other.example/b', 't'), EmbeddedJWK))
      .payload;
    expect(first.jti).not.toBe(second.jti);
    expect([first.nonce, second.nonce, elsewhere.nonce]).toEqual(['n-1', 'n-1', undefined]);
    expect(decodeProtectedHeader(prover.proof('GET', 'https://bank.example/b', 't')).jwk).not.toHaveProperty(
      'd',
    );
  });
});
