import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ApiDialect, Channel } from '../../shared/bank/oauth.ts';
import { GMO_BASE_PATHS } from '../../simulator/api/gmo/gmo-schema.ts';
import { startBank, type RunningBank } from '../../simulator/bank-server.ts';
import { loadBankConfig } from '../../simulator/config.ts';
import { startAlternatingProxy } from './alternating-proxy.ts';
import { createTestDatabase, testPostgresUrl } from './test-database.ts';

export interface TestBank extends RunningBank {
  /** Stops the bank and deletes its data folder. */
  dispose(): Promise<void>;
}

/**
 * The settings a test may give a bank, as the environment names them (README "Running the bank").
 * Several banks run side by side in one test: each gets its own free ports and data folder.
 */
export interface TestBankSettings extends Record<string, string | undefined> {
  BANK_NAME?: string;
  BANK_NAME_EN?: string;
  BANK_CODE?: string;
  /** `001:本店営業部,002:駅前支店,003:港支店` — three branches, in that order. */
  BANK_BRANCHES?: string;
  /** `gmo-aozora` (or its alias `gmo`): the API in GMO Aozora's dialect, under `gmoApiBase(bank, channel)`. */
  BANK_API_DIALECT?: ApiDialect | 'gmo';
  BANK_SEED?: string;
  BANK_GRANT_TTL?: string;
  BANK_ACCESS_TOKEN_TTL?: string;
}

/**
 * A real bank on free loopback ports with its own empty data folder.
 *
 * ```ts
 * const ours = await startTestBank();                       // デモ信用金庫, API at `${ours.issuer}/api/v1`
 * const gmo = await startTestBank(GMO_TEST_BANK);            // another bank, GMO Aozora's API dialect
 * gmoApiBase(gmo, 'corporate');                              // `${gmo.issuer}/ganb/api/corporation/v1`
 * // … link and sync against both; the same test users exist at both banks …
 * await Promise.all([ours.dispose(), gmo.dispose()]);
 * ```
 */
export async function startTestBank(env: TestBankSettings = {}): Promise<TestBank> {
  if (process.env.BANK_TEST_TOPOLOGY === 'pair') return startTestBankPair(env);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-test-'));
  const bank = await startBank(
    loadBankConfig({
      BANK_PORT: '0',
      BANK_TLS_PORT: '0',
      BANK_DATA_DIR: dataDir,
      BANK_DATABASE_URL: await databaseFor(env.BANK_DATA_DIR ?? dataDir),
      ...env,
    }),
  );
  // Assigned, not spread: a spread would read `db`, which a bank on PostgreSQL refuses.
  return Object.assign(bank, {
    async dispose() {
      await bank.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/**
 * The `postgres-pair` project (vitest.config.ts): the same bank as two processes' worth of
 * instances — two `startBank`s with their own data folders and ports — on one PostgreSQL database,
 * behind a proxy that sends each request to the other instance. `issuer` is the proxy's address
 * (BANK_PUBLIC_URL), so every test that talks to `bank.issuer` runs across both. BANK_PORT names
 * the proxy's port (a restart comes back at the same address); `sql` and `tlsOrigin` are the first
 * instance's.
 */
async function startTestBankPair(env: TestBankSettings): Promise<TestBank> {
  const proxy = await startAlternatingProxy(Number(env.BANK_PORT ?? 0));
  const dataDirs = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-pair-')));
  const databaseUrl = await databaseFor(env.BANK_DATA_DIR ?? dataDirs[0]!);
  if (!databaseUrl) throw new Error('the pair of bank instances needs the postgres project’s cluster');
  const instances: RunningBank[] = [];
  for (const [i, dataDir] of dataDirs.entries()) {
    instances.push(
      await startBank(
        loadBankConfig({
          ...env,
          BANK_PORT: '0',
          BANK_TLS_PORT: i === 0 ? (env.BANK_TLS_PORT ?? '0') : '0',
          BANK_DATA_DIR: dataDir,
          BANK_DATABASE_URL: databaseUrl,
          BANK_PUBLIC_URL: proxy.url,
        }),
      ),
    );
  }
  proxy.setUpstreams(instances.map((b) => `http://127.0.0.1:${b.config.port}`));
  const [first] = instances as [RunningBank, RunningBank];
  const close = async () => {
    await proxy.close();
    await Promise.all(instances.map((b) => b.close()));
  };
  return {
    issuer: proxy.url,
    tlsOrigin: first.tlsOrigin,
    // The data folder a restart names is the one whose database the pair shares.
    config: { ...first.config, port: proxy.port, dataDir: env.BANK_DATA_DIR ?? dataDirs[0]! },
    get db(): never {
      throw new Error('the pair runs on PostgreSQL: read its storage through `sql`');
    },
    sql: first.sql,
    close,
    async dispose() {
      await close();
      for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
      // The pair proves nothing if one instance answered everything.
      const idle = proxy.served.findIndex((n) => n === 0);
      if (proxy.served.reduce((a, b) => a + b, 0) > 1 && idle >= 0) {
        throw new Error(`bank instance ${idle + 1} of the pair answered no request`);
      }
    },
  };
}

/** In the `postgres` project each data folder has a database of its own: a bank restarted on a folder finds its data. */
const databases = new Map<string, string>();
async function databaseFor(dataDir: string): Promise<string | undefined> {
  const cluster = await testPostgresUrl();
  if (!cluster) return undefined;
  let url = databases.get(dataDir);
  if (!url) {
    url = await createTestDatabase(cluster);
    databases.set(dataDir, url);
  }
  return url;
}

/** A second bank that answers in GMO Aozora's dialect: its own name, code and branches. */
export const GMO_TEST_BANK: TestBankSettings = {
  BANK_NAME: 'デモあおぞら銀行',
  BANK_NAME_EN: 'Demo Aozora Bank',
  BANK_CODE: '0399',
  BANK_BRANCHES: '101:法人営業部,102:ひまわり支店,103:あさがお支店',
  BANK_API_DIALECT: 'gmo',
};

/** デモ信用金庫 and a bank in GMO Aozora's dialect side by side, started together: `[ours, gmo]`. */
export function startBothDialects(): Promise<[ours: TestBank, gmo: TestBank]> {
  return Promise.all([startTestBank(), startTestBank(GMO_TEST_BANK)]);
}

/** Disposes the banks that started: one left `undefined` by a set-up that failed half-way is passed over. */
export async function disposeTestBanks(...banks: Array<TestBank | undefined>): Promise<void> {
  await Promise.all(banks.map((bank) => bank?.dispose()));
}

/** Where a GMO-dialect bank serves a channel's account-information API (GMO's base paths). */
export function gmoApiBase(bank: Pick<RunningBank, 'issuer'>, channel: Channel): string {
  return `${bank.issuer}${GMO_BASE_PATHS[channel]}`;
}

/** POST to the QA JSON API, as automation does. */
export async function qaPost(bank: QaReachable, pathname: string, body: unknown = {}): Promise<Response> {
  return fetch(`${bank.issuer}${pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...qaHeaders(bank) },
    body: JSON.stringify(body),
  });
}

/** A bank's QA API: the root bank's (loopback), or a namespace's with its QA token. */
export type QaReachable = Pick<RunningBank, 'issuer'> & { qaToken?: string | undefined };

/** The namespace's QA token as its QA API takes it; nothing for the root bank. */
export const qaHeaders = (bank: QaReachable): Record<string, string> =>
  bank.qaToken ? { authorization: `Bearer ${bank.qaToken}` } : {};

/** Whether the QA API reports the customer locked out. */
export async function qaLocked(bank: Pick<RunningBank, 'issuer'>, loginId: string): Promise<boolean> {
  const res = await fetch(`${bank.issuer}/qa/api/users`);
  const { users } = (await res.json()) as { users: { loginId: string; locked: boolean }[] };
  return users.find((u) => u.loginId === loginId)!.locked;
}

export async function qaOtp(bank: Pick<RunningBank, 'issuer'>, loginId: string): Promise<string> {
  const res = await fetch(`${bank.issuer}/qa/api/otp/${loginId}`);
  return ((await res.json()) as { code: string }).code;
}

export interface QaLink {
  id: string;
  loginId: string;
  clientId: string;
  channel: string;
  status: string;
  revokedBy?: string;
  createdAt: string;
  expiresAt?: string;
}

/**
 * The bank's links (consents) for one customer and the desktop app, newest last. The QA API lists
 * newest first in creation order; createdAt has whole seconds only, so two links made in the same
 * second cannot be ordered by it — re-sorting on it once picked the older link of such a pair.
 */
export async function desktopLinks(bank: QaReachable, loginId: string): Promise<QaLink[]> {
  const res = await fetch(`${bank.issuer}/qa/api/links`, { headers: qaHeaders(bank) });
  const { links } = (await res.json()) as { links: QaLink[] };
  return links.filter((l) => l.loginId === loginId && l.clientId === 'bankdemo-desktop').reverse();
}
