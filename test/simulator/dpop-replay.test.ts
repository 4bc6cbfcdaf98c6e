import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteJtiStore } from '../../simulator/api/dpop-jti-store.ts';
import { DPOP_IAT_FUTURE_SKEW_SECONDS } from '../../simulator/api/dpop-proof.ts';
import { startBank, type RunningBank } from '../../simulator/bank-server.ts';
import { loadBankConfig } from '../../simulator/config.ts';
import { openBankDatabase } from '../../simulator/db/database.ts';
import { boundTokens, dpopProof, newDpopKey, type DpopKey } from '../support/dpop-client.ts';

/**
 * A DPoP proof is good once: the bank keeps each proof's jti in its SQLite file until the proof's
 * iat leaves the window, so a restart forgets nothing; and a proof dated ahead of the bank's clock
 * by more than a few seconds is refused (it would outlive the window).
 */

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-dpop-replay-'));
let bank: RunningBank;
let key: DpopKey;
let token: string;
const accounts = () => `${bank.issuer}/api/v1/accounts`;

/** The bank on a given port (0: any), over the test's data folder, so a restart keeps its origin. */
const start = (port = 0) =>
  startBank(loadBankConfig({ BANK_PORT: String(port), BANK_TLS_PORT: '0', BANK_DATA_DIR: dataDir }));

beforeAll(async () => {
  bank = await start();
  key = await newDpopKey();
  token = (await boundTokens(bank, key)).access;
});
afterAll(async () => {
  await bank?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The call's status, over a connection of its own (fetch's pool would reuse one the restart closed). */
const call = (proof: string): Promise<number> =>
  new Promise((resolve, reject) => {
    http
      .get(accounts(), { agent: false, headers: { authorization: `DPoP ${token}`, dpop: proof } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      })
      .on('error', reject);
  });

describe('DPoP proofs at the API are good once, across restarts', () => {
  it('refuses a proof replayed after the bank restarts', async () => {
    const captured = await dpopProof(key, token, accounts());
    expect(await call(captured)).toBe(200);
    const port = bank.config.port;
    await bank.close();
    bank = await start(port);
    expect(await call(captured)).toBe(401);
    // The token itself survived the restart: a fresh proof by its key still works.
    expect(await call(await dpopProof(key, token, accounts()))).toBe(200);
  });

  it(`refuses an iat more than ${DPOP_IAT_FUTURE_SKEW_SECONDS} seconds ahead, and accepts one within`, async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(await call(await dpopProof(key, token, accounts(), { iat: now + 290 }))).toBe(401);
    expect(await call(await dpopProof(key, token, accounts(), { iat: now + 30 }))).toBe(401);
    expect(await call(await dpopProof(key, token, accounts(), { iat: now + 2 }))).toBe(200);
  });
});

describe('the jti record', () => {
  it('keeps a jti until its time, per key, and prunes it after', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-jti-'));
    const db = openBankDatabase(dir);
    try {
      const jtis = createSqliteJtiStore(db);
      expect(await jtis.firstUse('key-a', 'jti-1', 1_300, 1_000)).toBe(true);
      expect(await jtis.firstUse('key-a', 'jti-1', 1_300, 1_200)).toBe(false);
      expect(await jtis.firstUse('key-b', 'jti-1', 1_300, 1_200)).toBe(true);
      await jtis.prune(1_301);
      expect(db.prepare('SELECT COUNT(*) AS n FROM dpop_jtis').get()).toEqual({ n: 0 });
    } finally {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
