import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJtiStore } from '../../simulator/api/dpop-jti-store.ts';
import { createFaultInjector } from '../../simulator/api/fault-injector.ts';
import { createAuditLog } from '../../simulator/audit/audit-log.ts';
import { DEFAULT_BANK } from '../../simulator/config.ts';
import {
  createCustomerStore,
  MAX_FAILED_ATTEMPTS,
  seedCustomers,
} from '../../simulator/customers/customer-store.ts';
import { dropNamespaceStorage, openBankStorage, openNamespaceStorage } from '../../simulator/db/database.ts';
import { createNamespaceRegistry } from '../../simulator/namespaces/namespace-registry.ts';
import type { SqlPort } from '../../simulator/db/sql-port.ts';
import { createInteractionStateStore } from '../../simulator/interactions/interaction-state.ts';
import { createLedgerStore } from '../../simulator/ledger/ledger-store.ts';
import { createLinkStore } from '../../simulator/links/link-store.ts';
import { createOidcModelStore } from '../../simulator/oidc/oidc-model-store.ts';
import { bankCookieKeys, bankSigningKeys } from '../../simulator/oidc/signing-keys.ts';
import { createTestDatabase, testPostgresUrl } from '../support/test-database.ts';

/**
 * The storage ports' contract, run on SQLite in the unit project and on PostgreSQL in the
 * `postgres` project (vitest.config.ts): every store behaves the same on either engine, and two
 * bank processes opening one database (`first`, `second`) see one bank.
 */
const cluster = await testPostgresUrl();
const engine = cluster ? 'PostgreSQL' : 'SQLite';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-contract-'));
let first: SqlPort;
let second: SqlPort;
let url: string | undefined;

beforeAll(async () => {
  url = cluster ? await createTestDatabase(cluster) : undefined;
  first = (await openBankStorage(dataDir, url)).sql;
  second = (await openBankStorage(dataDir, url)).sql;
  await seedCustomers(first, DEFAULT_BANK.branches);
  // A second process starting on the seeded database adds nobody twice.
  await seedCustomers(second, DEFAULT_BANK.branches);
});
afterAll(async () => {
  await Promise.all([first?.close(), second?.close()]);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe(`the bank's storage on ${engine}`, () => {
  it('seeds every test user once, with accounts then holdings in their order', async () => {
    const customers = createCustomerStore(second);
    const list = await customers.list();
    expect(new Set(list.map((c) => c.loginId)).size).toBe(list.length);
    const corp = (await customers.findByLogin('corporate', 'CORP0003'))!;
    expect((await customers.accountsOf(corp.id)).map((a) => [a.id, a.accountTypeCode, a.holding])).toEqual([
      ...(await customers.accountsOf(corp.id))
        .filter((a) => !a.holding)
        .map((a) => [a.id, a.accountTypeCode, undefined]),
      ['002115003002', '11', expect.objectContaining({ currencyCode: 'JPY' })],
      ['002515003003', '51', expect.objectContaining({ currencyCode: 'USD' })],
    ]);
    expect(await customers.findByLogin('corporate', 'corp0003')).toBeUndefined();
  });

  it('counts failed attempts across processes and locks at the fifth, whichever process saw it', async () => {
    const [a, b] = [createCustomerStore(first), createCustomerStore(second)];
    const { id } = (await a.findByLogin('personal', '1000000001'))!;
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) {
      const store = i % 2 === 0 ? a : b;
      expect(await store.reserveAttempt(id)).toBe(true);
      const settled = await store.settleFailure(id);
      expect(settled).toEqual({
        locked: i === MAX_FAILED_ATTEMPTS - 1,
        attemptsLeft: MAX_FAILED_ATTEMPTS - 1 - i,
      });
    }
    expect(await b.reserveAttempt(id)).toBe(false);
    expect((await a.findById(id))!.locked).toBe(true);
    await b.unlock(id);
    expect(await a.reserveAttempt(id)).toBe(true);
    expect(await a.recordSuccess(id)).toBe(true);
    expect((await b.findById(id))!.failedAttempts).toBe(0);
  });

  it('accepts a one-time-password step once, on whichever process it is presented first', async () => {
    const [a, b] = [createCustomerStore(first), createCustomerStore(second)];
    const { id } = (await a.findByLogin('personal', '1000000001'))!;
    expect(await a.claimTotpStep(id, 1000)).toBe(true);
    expect(await b.claimTotpStep(id, 1000)).toBe(false);
    expect(await b.claimTotpStep(id, 999)).toBe(false);
    expect(await b.claimTotpStep(id, 1001)).toBe(true);
  });

  it('keeps a link, and its revocation, visible to every process', async () => {
    const [a, b] = [createLinkStore(first), createLinkStore(second)];
    const now = Math.floor(Date.now() / 1000);
    const link = {
      id: 'grant-contract-1',
      customerId: (await createCustomerStore(first).findByLogin('personal', '1000000001'))!.id,
      clientId: 'bankdemo-desktop',
      channel: 'personal' as const,
      scopes: ['balances:read' as const],
      accountIds: ['x', 'y'],
      createdAt: now,
      expiresAt: now + 3600,
    };
    await a.create(link);
    expect(await b.find(link.id)).toMatchObject({ ...link, status: 'active', revokedAt: null });
    expect(await b.markRevoked(link.id, 'qa')).toBe(true);
    expect(await b.markRevoked(link.id, 'client')).toBe(false);
    if (first.shared) expect((await a.find(link.id))!.status).toBe('revoked');
    const listed = await createLinkStore(first).list();
    expect(listed[0]).toMatchObject({ id: link.id, status: 'revoked', revokedBy: 'qa' });
  });

  it("stores oidc-provider's models: find, by uid, consume once, revoke a grant's tokens", async () => {
    const models = createOidcModelStore(first);
    const other = createOidcModelStore(second);
    const grants = new models.Adapter('Grant');
    const tokens = new models.Adapter('AccessToken');
    const sessions = new other.Adapter('Session');
    // On SQLite (one process) tokens and grants are cached per store: read back through the writer's.
    const peer = first.shared ? other : models;
    const exp = Math.floor(Date.now() / 1000) + 600;
    await grants.upsert('g1', { kind: 'Grant', exp, accountId: 'C-USER0001' }, 600);
    await tokens.upsert('t1', { kind: 'AccessToken', grantId: 'g1', exp }, 600);
    await sessions.upsert('s1', { kind: 'Session', uid: 'u1', exp }, 600);
    expect(await new other.Adapter('AccessToken').find('t1')).toMatchObject({ grantId: 'g1' });
    expect(await new models.Adapter('Session').findByUid('u1')).toMatchObject({ kind: 'Session' });
    await tokens.consume('t1');
    expect((await new peer.Adapter('AccessToken').find('t1'))!.consumed).toEqual(expect.any(Number));
    expect(await peer.findPayload('Grant', 'g1')).toMatchObject({ exp });
    expect(await peer.moveGrantEnd('g1', exp + 100)).toBe(true);
    expect((await models.findPayload('Grant', 'g1'))!.exp).toBe(exp + 100);
    expect(await models.findPayload('AccessToken', 't1')).toBeUndefined();
    await tokens.upsert('t2', { kind: 'AccessToken', grantId: 'g1', exp }, 600);
    await new peer.Adapter('AccessToken').revokeByGrantId('g1');
    expect(await models.findPayload('AccessToken', 't2')).toBeUndefined();
    expect(await peer.expireGrantNow('g1')).toBe(true);
    expect((await models.findPayload('Grant', 'g1'))!.exp).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
  });

  it('generates the same statement on every engine and books a posting once, refusing an overdraft', async () => {
    const ledger = createLedgerStore(first, 'contract');
    const elsewhere = createLedgerStore(second, 'contract');
    // At once on PostgreSQL (the lock makes one wait); one after the other on one SQLite thread.
    if (first.shared)
      await Promise.all([ledger.ensureThrough('2024-09-30'), elsewhere.ensureThrough('2024-09-30')]);
    else for (const store of [ledger, elsewhere]) await store.ensureThrough('2024-09-30');
    const range = (await elsewhere.seqRange('002019000001', '2024-07-01', '2024-07-31'))!;
    const rows = await ledger.rows('002019000001', range.first, range.last, 10_000);
    expect(rows.length).toBeGreaterThan(10);
    // The same seed gives the same rows on SQLite and PostgreSQL: pinned by the first row.
    expect(rows[0]).toEqual({
      seq: 1,
      transactionDate: '2024-07-01',
      valueDate: '2024-07-01',
      type: '1',
      amount: 39400,
      remarks: 'ｳﾘｱｹﾞ ｶ-ﾄﾞ',
      balance: 40039400,
    });
    for (let i = 1; i < rows.length; i++)
      expect(rows[i]!.balance).toBe(
        rows[i - 1]!.balance + (rows[i]!.type === '1' ? 1 : -1) * rows[i]!.amount,
      );
    const before = (await ledger.balances('002019000001', '2024-09-30')).balance;
    const posted = await elsewhere.post('002019000001', '2024-09-30', [
      { type: 'deposit', amount: 1234, remarks: 'ｹｲﾔｸ ﾃｽﾄ' },
    ]);
    expect(posted).toEqual([expect.objectContaining({ amount: 1234, balance: before + 1234, type: '1' })]);
    expect((await elsewhere.balances('002019000001', '2024-09-30')).balance).toBe(before + 1234);
    expect(
      await ledger.post('002019000001', '2024-09-30', [
        { type: 'withdrawal', amount: before + 1235, remarks: 'ATM' },
      ]),
    ).toBe('a withdrawal would take the balance below zero');
  });

  it('serves each scheduled fault to one call, from whichever process takes it, and shares maintenance', async () => {
    const [a, b] = [createFaultInjector(first), createFaultInjector(second)];
    await a.schedule({ kind: 'status', status: 503, count: 2, retryAfterSeconds: 5 });
    await a.schedule({ kind: 'latency', latencyMs: 10, count: 1 });
    expect(await b.pending()).toEqual([
      { kind: 'status', status: 503, count: 2, retryAfterSeconds: 5 },
      { kind: 'latency', latencyMs: 10, count: 1 },
    ]);
    const taken = await Promise.all([a.take(), b.take(), a.take(), b.take()]);
    expect(taken.filter((f) => f?.kind === 'status')).toHaveLength(2);
    expect(taken.filter((f) => f?.kind === 'latency')).toHaveLength(1);
    expect(taken.filter((f) => f === undefined)).toHaveLength(1);
    expect(await a.pending()).toEqual([]);
    await a.setMaintenance(true);
    expect(await b.maintenance()).toBe(true);
    await b.setMaintenance(false);
    expect(await a.maintenance()).toBe(false);
  });

  it("tells the API's next call its maintenance or fault, and sees every change made through the injector", async () => {
    const [a, b] = [createFaultInjector(first), createFaultInjector(second)];
    expect(await a.forNextCall()).toEqual({ maintenance: false });
    // Asked again with nothing changed (on one-process SQLite, answered from memory).
    expect(await a.forNextCall()).toEqual({ maintenance: false });
    await a.schedule({ kind: 'status', status: 500, count: 1, retryAfterSeconds: 0 });
    expect(await a.forNextCall()).toEqual({
      maintenance: false,
      fault: { kind: 'status', status: 500, count: 0, retryAfterSeconds: 0 },
    });
    expect(await a.forNextCall()).toEqual({ maintenance: false });
    await a.setMaintenance(true);
    expect(await a.forNextCall()).toEqual({ maintenance: true });
    await a.setMaintenance(false);
    expect(await a.forNextCall()).toEqual({ maintenance: false });
    if (second.shared) {
      // Bank processes sharing a database: what one schedules, another's next call meets.
      expect(await b.forNextCall()).toEqual({ maintenance: false });
      await a.schedule({ kind: 'latency', latencyMs: 5, count: 1 });
      expect(await b.forNextCall()).toEqual({
        maintenance: false,
        fault: { kind: 'latency', latencyMs: 5, count: 0 },
      });
    }
    expect(await b.pending()).toEqual([]);
  });

  it('refuses a DPoP proof replayed at another process, until it leaves the window', async () => {
    const [a, b] = [createJtiStore(first), createJtiStore(second)];
    expect(await a.firstUse('jkt', 'jti-1', 1100, 1000)).toBe(true);
    expect(await b.firstUse('jkt', 'jti-1', 1100, 1050)).toBe(false);
    expect(await b.firstUse('jkt', 'jti-1', 1300, 1200)).toBe(true);
  });

  it('makes one CSRF token and one link per consent screen, shared by every process', async () => {
    const [a, b] = [createInteractionStateStore(first), createInteractionStateStore(second)];
    const state = await a.ensure('uid-1');
    expect(await b.ensure('uid-1')).toEqual(state);
    expect(await b.csrfMatches('uid-1', state.csrfToken)).toBe(true);
    expect(await a.claimConsent('uid-1', 'grant-a')).toBe('grant-a');
    expect(await b.claimConsent('uid-1', 'grant-b')).toBe('grant-a');
  });

  it('keeps one signing key and one cookie key for every process', async () => {
    const [keysA, keysB] = await Promise.all([bankSigningKeys(first), bankSigningKeys(second)]);
    expect(keysA).toEqual(keysB);
    expect(await bankCookieKeys(first)).toEqual(await bankCookieKeys(second));
  });

  it('reads the audit log newest first, whichever process wrote it', async () => {
    await createAuditLog(first).record({ event: 'qa.action', outcome: 'info', detail: { action: 'one' } });
    await createAuditLog(second).record({ event: 'qa.action', outcome: 'info', detail: { action: 'two' } });
    const recent = await createAuditLog(first).recent(2);
    expect(recent.map((r) => r.detail?.action)).toEqual(['two', 'one']);
  });

  it("keeps the namespaces' list in the root bank's storage, one row a name, for every process", async () => {
    const [a, b] = [createNamespaceRegistry(first), createNamespaceRegistry(second)];
    const tokens = await Promise.all([a.add('contract-ns'), b.add('contract-ns')]);
    // Two processes making the same name at once: one gets it.
    expect(tokens.filter(Boolean)).toHaveLength(1);
    expect((await b.list()).map((n) => n.name)).toContain('contract-ns');
    expect((await a.find('contract-ns'))!.qaTokenSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await b.remove('contract-ns')).toBe(true);
    expect(await a.remove('contract-ns')).toBe(false);
    expect(await a.find('contract-ns')).toBeUndefined();
  });

  it('gives a namespace storage of its own, shared by every process, and drops it whole', async () => {
    const nsFirst = (await openNamespaceStorage(dataDir, url, 'team-a')).sql;
    const nsSecond = (await openNamespaceStorage(dataDir, url, 'team-a')).sql;
    const other = (await openNamespaceStorage(dataDir, url, 'team-b')).sql;
    try {
      await Promise.all([
        seedCustomers(nsFirst, DEFAULT_BANK.branches),
        seedCustomers(other, DEFAULT_BANK.branches),
      ]);
      const id = (await createCustomerStore(nsFirst).findByLogin('corporate', 'CORP0001'))!.id;
      for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) {
        await createCustomerStore(nsFirst).reserveAttempt(id);
        await createCustomerStore(nsFirst).settleFailure(id);
      }
      // Locked in team-a, on either process; not in team-b, not in the root bank.
      expect((await createCustomerStore(nsSecond).findById(id))!.locked).toBe(true);
      expect((await createCustomerStore(other).findById(id))!.locked).toBe(false);
      expect((await createCustomerStore(first).findById(id))!.locked).toBe(false);
      // Its own keys: a cookie or token signed in team-a means nothing in team-b.
      expect(await bankCookieKeys(nsFirst)).toEqual(await bankCookieKeys(nsSecond));
      expect(await bankCookieKeys(nsFirst)).not.toEqual(await bankCookieKeys(other));
      expect(await bankCookieKeys(nsFirst)).not.toEqual(await bankCookieKeys(first));
    } finally {
      await Promise.all([nsFirst.close(), nsSecond.close(), other.close()]);
    }
    await dropNamespaceStorage(first, dataDir, 'team-a');
    const reopened = (await openNamespaceStorage(dataDir, url, 'team-a')).sql;
    try {
      expect(await createCustomerStore(reopened).list()).toEqual([]);
      expect((await createCustomerStore(first).list()).length).toBeGreaterThan(0);
    } finally {
      await reopened.close();
      await dropNamespaceStorage(first, dataDir, 'team-a');
      await dropNamespaceStorage(first, dataDir, 'team-b');
    }
  });
});
