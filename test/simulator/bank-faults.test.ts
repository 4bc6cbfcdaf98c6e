import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountsResponse, TransactionsResponse } from '../../shared/bank/api-types.ts';
import { jstDate } from '../../shared/dates.ts';
import { startBank } from '../../simulator/bank-server.ts';
import { loadBankConfig } from '../../simulator/config.ts';
import { startBankProcess, type BankProcess } from '../support/bank-process.ts';
import { partnerAccessToken, type BankAddress } from '../support/consent-flow.ts';
import {
  freePort,
  postgresAvailable,
  startPostgresCluster,
  type PostgresCluster,
} from '../support/postgres-cluster.ts';
import { createTestDatabase } from '../support/test-database.ts';
import { GMO_BASE_PATHS } from '../../simulator/api/gmo/gmo-schema.ts';
import { GMO_TEST_BANK, qaHeaders, qaPost, type QaReachable } from '../support/test-bank.ts';

/**
 * The faults issue 23 names, on a PostgreSQL cluster of this file's own (it is stopped under the
 * bank): the database going away and coming back, a worker killed under load, the whole bank
 * killed and started again on the same database.
 */
const pg = postgresAvailable();
let cluster: PostgresCluster;
const folders: string[] = [];
const folder = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-faults-'));
  folders.push(dir);
  return dir;
};

beforeAll(async () => {
  if (pg) cluster = await startPostgresCluster();
});
afterAll(() => {
  cluster?.stop();
  for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
});

const api = (bank: BankAddress, token: string, pathname: string) =>
  fetch(`${bank.issuer}/api/v1${pathname}`, { headers: { authorization: `Bearer ${token}` } });

interface Namespace {
  name: string;
  issuer: string;
  qaToken: string;
}

/**
 * A request on a connection of its own (no keep-alive): the workers take connections in turn, so a
 * run of these reaches each of them; and a POST never goes out on a pooled connection that a killed
 * or idle worker is closing (fetch does not retry a POST).
 */
function freshRequest(
  method: 'GET' | 'POST',
  url: string,
  headers: Record<string, string> = {},
  json?: unknown,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        agent: false,
        headers: json === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      },
    );
    req.on('error', reject);
    req.end(json === undefined ? undefined : JSON.stringify(json));
  });
}

const freshGet = (url: string, headers: Record<string, string> = {}) => freshRequest('GET', url, headers);

/** POST to a bank's or a namespace's QA API on a connection of its own; answers the status. */
const freshQaPost = async (bank: QaReachable, pathname: string, json: unknown = {}) =>
  (await freshRequest('POST', `${bank.issuer}${pathname}`, qaHeaders(bank), json)).status;

/** A namespace made through the root bank's QA API (this machine: no admin token needed). */
async function makeNamespace(root: BankAddress, name: string): Promise<Namespace> {
  const res = await freshRequest('POST', `${root.issuer}/qa/api/namespaces`, {}, { name });
  expect(res.status).toBe(201);
  return JSON.parse(res.body) as Namespace;
}

async function firstAccount(bank: BankAddress, token: string): Promise<string> {
  const res = await api(bank, token, '/accounts');
  return ((await res.json()) as AccountsResponse).accounts[0]!.accountId;
}

async function expectOutageAnswer(res: Response): Promise<void> {
  expect(res.status).toBe(503);
  expect(res.headers.get('content-type')).toContain('application/json');
  expect(res.headers.get('retry-after')).toBe('5');
  const body = (await res.json()) as { errorCode: string; errorMessage: string };
  expect(body.errorCode).toBe('SERVICE_UNAVAILABLE');
  expect(body.errorMessage).toContain('データベースに接続できません');
  expect(body.errorMessage).toMatch(/database/i);
}

describe.skipIf(!pg)('bank processes starting together on one empty database', () => {
  it('share one CA: each data folder gets the same certificates, issued once', async () => {
    const databaseUrl = await createTestDatabase(cluster.url);
    const start = () =>
      startBank(
        loadBankConfig({
          BANK_PORT: '0',
          BANK_TLS_PORT: '0',
          BANK_DATA_DIR: folder(),
          BANK_DATABASE_URL: databaseUrl,
        }),
      );
    const banks = await Promise.all([start(), start()]);
    try {
      const read = (file: string) =>
        banks.map((b) => fs.readFileSync(path.join(b.config.dataDir, 'pki', file), 'utf8'));
      for (const file of ['ca.crt', 'server.crt', 'clients/CORP0002.crt', 'clients/CORP0002.key']) {
        const [first, second] = read(file);
        expect(first, file).toBe(second);
      }
    } finally {
      await Promise.all(banks.map((b) => b.close()));
    }
  });
});

// SQLite too: two workers write one file (WAL, busy timeout, no caches: docs/bank.md).
describe.each([
  { engine: 'PostgreSQL', skip: !pg },
  { engine: 'SQLite', skip: false },
])('a bank of two workers on $engine (BANK_WORKERS=2)', ({ engine, skip }) => {
  let env: Record<string, string>;
  let bank: BankProcess;
  /** Every link and posting the bank acknowledged: none may be lost. */
  const tokens: string[] = [];
  const postedAmounts: number[] = [];
  let account: string;
  /** A namespace made under the two workers, with a customer defined in it and a partner's token. */
  let team: Namespace;
  let teamToken: string;

  beforeAll(async () => {
    if (skip) return;
    env = {
      BANK_PORT: String(await freePort()),
      BANK_TLS_PORT: String(await freePort()),
      BANK_DATA_DIR: folder(),
      ...(engine === 'PostgreSQL' ? { BANK_DATABASE_URL: await createTestDatabase(cluster.url) } : {}),
      BANK_WORKERS: '2',
    };
    bank = await startBankProcess(env);
  });
  afterAll(async () => {
    await bank?.killAll();
  });

  /**
   * An attempt that has not answered in 15 s is given up, as a client would: a connection the
   * primary handed to the worker just killed may never answer, and waiting on it would stall the
   * loop (and the test) instead of going on with the worker that replaced it.
   */
  const attempt = <T>(work: Promise<T>): Promise<T> =>
    Promise.race([
      work,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('no answer in 15 s')), 15_000).unref(),
      ),
    ]);

  /** Links and postings in a loop until `until` resolves; an attempt cut off by a kill is simply not acknowledged. */
  async function load(until: Promise<unknown>): Promise<{ failures: number }> {
    let done = false;
    let failures = 0;
    void until.finally(() => (done = true));
    let amount = 1000 + postedAmounts.length;
    const linking = (async () => {
      while (!done) {
        try {
          tokens.push(await attempt(partnerAccessToken(bank, 'CORP0001', 'Corp-Pass-1')));
        } catch {
          failures++;
        }
      }
    })();
    const posting = (async () => {
      while (!done) {
        const value = ++amount;
        try {
          const res = await attempt(
            qaPost(bank, `/qa/api/accounts/${account}/transactions`, {
              items: [{ transactionType: '1', amount: value, remarks: 'ﾃｽﾄ ﾆﾕｳｷﾝ' }],
            }),
          );
          if (res.status === 200) postedAmounts.push(value);
          else failures++;
        } catch {
          failures++;
        }
      }
    })();
    await Promise.all([linking, posting, until]);
    return { failures };
  }

  async function expectNothingLost(): Promise<void> {
    for (const token of tokens) expect((await api(bank, token, '/accounts')).status).toBe(200);
    const today = jstDate(Date.now());
    const transactions: TransactionsResponse['transactions'] = [];
    let next: string | undefined;
    do {
      const query = `accountId=${account}&dateFrom=${today}${next ? `&nextItemKey=${next}` : ''}`;
      const page = (await (
        await api(bank, tokens[0]!, `/accounts/transactions?${query}`)
      ).json()) as TransactionsResponse;
      transactions.push(...page.transactions);
      next = page.hasNext ? page.nextItemKey : undefined;
    } while (next);
    const amounts = transactions.filter((t) => t.remarks === 'ﾃｽﾄ ﾆﾕｳｷﾝ').map((t) => Number(t.amount));
    // Each acknowledged posting once; a posting cut off by the kill may or may not have committed.
    for (const value of postedAmounts) expect(amounts.filter((a) => a === value)).toHaveLength(1);
  }

  it.skipIf(skip)(
    'loses no link, grant or posted transaction when a worker is killed with SIGKILL under load, and starts another',
    async () => {
      tokens.push(await partnerAccessToken(bank, 'CORP0001', 'Corp-Pass-1'));
      account = await firstAccount(bank, tokens[0]!);
      const before = bank.workerPids();
      expect(before).toHaveLength(2);

      const killed = (async () => {
        while (tokens.length < 4) await new Promise((resolve) => setTimeout(resolve, 50));
        process.kill(before[0]!, 'SIGKILL');
        const linksAtKill = tokens.length;
        // The bank goes on serving: more links are made after the kill.
        while (tokens.length < linksAtKill + 3) await new Promise((resolve) => setTimeout(resolve, 50));
      })();
      await load(killed);

      let now = bank.workerPids();
      for (let wait = 0; wait < 40 && now.length < 2; wait++) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        now = bank.workerPids();
      }
      expect(now).toHaveLength(2);
      expect(now).not.toContain(before[0]);
      expect(postedAmounts.length).toBeGreaterThan(0);
      await expectNothingLost();
    },
    120_000,
  );

  it.skipIf(skip)(
    'serves a namespace from both workers on one shared store: a link revoked through one worker is refused by both',
    async () => {
      team = await makeNamespace(bank, 'team-workers');
      const defined = await freshQaPost(team, '/qa/api/customers', {
        loginId: 'WORKERS01',
        channel: 'corporate',
        password: 'Workers-Pass-1',
        accounts: [{ accountTypeCode: '02' }],
      });
      expect(defined).toBe(201);
      teamToken = await partnerAccessToken(team, 'WORKERS01', 'Workers-Pass-1');
      const revoked = await partnerAccessToken(team, 'CORP0001', 'Corp-Pass-1');
      const accounts = `${team.issuer}/api/v1/accounts`;
      // Each worker reads the link (a store keeping it in memory would keep it now)…
      for (let i = 0; i < 6; i++)
        expect((await freshGet(accounts, { authorization: `Bearer ${revoked}` })).status).toBe(200);
      const links = (await (
        await fetch(`${team.issuer}/qa/api/links`, { headers: qaHeaders(team) })
      ).json()) as { links: { id: string; loginId?: string }[] };
      const link = links.links.find((l) => l.loginId === 'CORP0001')!;
      expect(await freshQaPost(team, `/qa/api/links/${link.id}/revoke`)).toBe(200);
      // …and each refuses it once it is revoked, whichever worker revoked it.
      for (let i = 0; i < 6; i++)
        expect((await freshGet(accounts, { authorization: `Bearer ${revoked}` })).status).toBe(401);
      for (let i = 0; i < 6; i++)
        expect((await freshGet(accounts, { authorization: `Bearer ${teamToken}` })).status).toBe(200);
    },
    120_000,
  );

  it.skipIf(skip)(
    'keeps every link, token, posting, scheduled fault and namespace when the whole bank is killed and started on the same database',
    async () => {
      expect((await qaPost(bank, '/qa/api/faults', { latencyMs: 1, count: 1000 })).status).toBe(200);
      expect(await freshQaPost(team, '/qa/api/maintenance', { on: true })).toBe(200);
      await bank.killAll();
      bank = await startBankProcess(env);
      await expectNothingLost();
      const listed = (await (await fetch(`${bank.issuer}/qa/api/namespaces`)).json()) as {
        namespaces: { name: string; issuer: string }[];
      };
      expect(listed.namespaces.map((n) => n.name)).toEqual(['team-workers']);
      // The namespace's QA token, customer, link and maintenance switch are all still there.
      const users = (await (
        await fetch(`${team.issuer}/qa/api/users`, { headers: qaHeaders(team) })
      ).json()) as { users: { loginId: string }[] };
      expect(users.users.map((u) => u.loginId)).toContain('WORKERS01');
      expect(
        (await freshGet(`${team.issuer}/api/v1/accounts`, { authorization: `Bearer ${teamToken}` })).status,
      ).toBe(503);
      expect(await freshQaPost(team, '/qa/api/maintenance', { on: false })).toBe(200);
      for (let i = 0; i < 4; i++)
        expect(
          (await freshGet(`${team.issuer}/api/v1/accounts`, { authorization: `Bearer ${teamToken}` })).status,
        ).toBe(200);
      const faults = (await (await fetch(`${bank.issuer}/qa/api/faults`)).json()) as {
        faults: { kind: string; count: number }[];
      };
      // The API calls above took some of the thousand; the rest are still scheduled.
      expect(faults.faults).toEqual([{ kind: 'latency', latencyMs: 1, count: expect.any(Number) }]);
      expect(faults.faults[0]!.count).toBeLessThan(1000);
    },
    120_000,
  );
});

// Last: run before the two-worker banks, their kill tests were seen to time out (cause not found yet).
describe.skipIf(!pg)('PostgreSQL stopped under the bank', () => {
  it('answers 503 with a coded JSON error on the API, the pages and the QA API, and serves again once it is back, with no restart', async () => {
    const bank = await startBank(
      loadBankConfig({
        BANK_PORT: '0',
        BANK_TLS_PORT: '0',
        BANK_DATA_DIR: folder(),
        BANK_DATABASE_URL: await createTestDatabase(cluster.url),
      }),
    );
    // A bank of GMO Aozora's dialect on the same cluster: its namespace's API refuses in GMO's words.
    const gmo = await startBank(
      loadBankConfig({
        ...GMO_TEST_BANK,
        BANK_PORT: '0',
        BANK_TLS_PORT: '0',
        BANK_DATA_DIR: folder(),
        BANK_DATABASE_URL: await createTestDatabase(cluster.url),
      }),
    );
    try {
      const token = await partnerAccessToken(bank, 'CORP0001', 'Corp-Pass-1');
      expect((await api(bank, token, '/accounts')).status).toBe(200);
      const team = await makeNamespace(bank, 'outage-team');
      const teamToken = await partnerAccessToken(team, 'CORP0001', 'Corp-Pass-1');
      expect((await api(team, teamToken, '/accounts')).status).toBe(200);
      const gmoTeam = await makeNamespace(gmo, 'outage-gmo');
      const gmoAccounts = () =>
        fetch(`${gmoTeam.issuer}${GMO_BASE_PATHS.corporate}/accounts`, {
          headers: { 'x-access-token': gmoToken },
        });
      const gmoToken = await partnerAccessToken(gmoTeam, 'CORP0003', 'Corp-Pass-3');
      expect((await gmoAccounts()).status).toBe(200);

      cluster.halt();
      await expectOutageAnswer(await api(bank, token, '/accounts'));
      // A page: the authorization request stores an interaction before it shows the login screen.
      const authorize = new URL(`${bank.issuer}/auth`);
      authorize.search = new URLSearchParams({
        client_id: 'freee',
        response_type: 'code',
        redirect_uri: `${bank.issuer}/qa/callback`,
        scope: 'balances:read',
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHoeK9c5T8rFbvf0Qn6hQ0s',
        code_challenge_method: 'S256',
        channel: 'corporate',
      }).toString();
      await expectOutageAnswer(await fetch(authorize, { redirect: 'manual' }));
      await expectOutageAnswer(await fetch(`${bank.issuer}/qa/api/links`));
      // A namespace's API, pages and QA API: the same answer (its registry and its storage are away).
      await expectOutageAnswer(await api(team, teamToken, '/accounts'));
      await expectOutageAnswer(
        await fetch(authorize.href.replace(bank.issuer, team.issuer), { redirect: 'manual' }),
      );
      await expectOutageAnswer(await fetch(`${team.issuer}/qa/api/links`, { headers: qaHeaders(team) }));
      const gmoRefusal = await gmoAccounts();
      expect([gmoRefusal.status, gmoRefusal.headers.get('retry-after')]).toEqual([503, '5']);
      expect(((await gmoRefusal.json()) as { errorCode: string }).errorCode).toBe('WG_ERR_300');

      cluster.resume();
      // The pool drops the connections PostgreSQL cut and opens new ones on the next request.
      let status = 0;
      for (let attempt = 0; attempt < 20 && status !== 200; attempt++) {
        status = (await api(bank, token, '/accounts')).status;
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(status).toBe(200);
      expect((await fetch(authorize, { redirect: 'manual' })).status).toBe(303);
      expect((await api(team, teamToken, '/accounts')).status).toBe(200);
      expect((await gmoAccounts()).status).toBe(200);
    } finally {
      await Promise.all([bank.close(), gmo.close()]);
    }
    // Two banks, each generating its namespaces' pristine statements on PostgreSQL: longer than 30 s on a busy machine.
  }, 120_000);
});
