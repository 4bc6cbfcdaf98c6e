import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBank, type RunningBank } from '../../simulator/bank-server.ts';
import { loadBankConfig } from '../../simulator/config.ts';
import { newDpopKey, type DpopKey } from '../support/dpop-client.ts';
import { qaPost } from '../support/test-bank.ts';

/**
 * DPoP nonces at the token endpoint (RFC 9449 §8): the bank wants a nonce it issued in every proof,
 * derived from a secret kept in its own store — so a nonce given out before a restart is still taken
 * after it — and the QA API turns the requirement off and on for a test.
 */
let dataDir: string;
let bank: RunningBank;
let key: DpopKey;

const start = () => startBank(loadBankConfig({ BANK_PORT: '0', BANK_TLS_PORT: '0', BANK_DATA_DIR: dataDir }));

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-nonce-'));
  bank = await start();
  key = await newDpopKey();
});
afterAll(async () => {
  await bank?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A refresh with an unknown refresh token and a proof: the proof is judged before the token is. */
async function tokenRequest(nonce?: string): Promise<Response> {
  const htu = `${bank.issuer}/token`;
  const proof = await new SignJWT({ htm: 'POST', htu, jti: randomUUID(), ...(nonce ? { nonce } : {}) })
    .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: key.jwk })
    .setIssuedAt()
    .sign(key.privateKey);
  return fetch(htu, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', dpop: proof },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: 'not-a-token',
      client_id: 'bankdemo-desktop',
    }),
  });
}

describe('DPoP nonces at the token endpoint', () => {
  it('asks for its nonce first, takes a proof that carries it, and still takes it after a restart', async () => {
    const first = await tokenRequest();
    expect(first.status).toBe(400);
    expect(((await first.json()) as { error: string }).error).toBe('use_dpop_nonce');
    const nonce = first.headers.get('dpop-nonce');
    expect(nonce).toBeTruthy();

    // With the nonce the proof passes; what is refused then is the made-up refresh token.
    const second = await tokenRequest(nonce!);
    expect(((await second.json()) as { error: string }).error).toBe('invalid_grant');

    await bank.close();
    bank = await start();
    const afterRestart = await tokenRequest(nonce!);
    expect(((await afterRestart.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('refuses a nonce it never issued', async () => {
    const res = await tokenRequest('made-up-nonce');
    expect(((await res.json()) as { error: string }).error).toBe('use_dpop_nonce');
  });

  it('the QA API turns the requirement off and on again', async () => {
    expect(await (await qaPost(bank, '/qa/api/dpop-nonces', { required: false })).json()).toEqual({
      required: false,
    });
    expect(((await (await tokenRequest()).json()) as { error: string }).error).toBe('invalid_grant');
    await qaPost(bank, '/qa/api/dpop-nonces', { required: true });
    expect(((await (await tokenRequest()).json()) as { error: string }).error).toBe('use_dpop_nonce');
    expect((await qaPost(bank, '/qa/api/dpop-nonces', { required: 'yes' })).status).toBe(400);
  });
});
