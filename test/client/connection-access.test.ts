import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BankDiscovery } from '../../main/auth/bank-discovery.ts';
import { KeytarVault } from '../../main/auth/keytar-vault.ts';
import { localBankProfile } from '../../main/bank-profiles.ts';
import { ConnectionAccess } from '../../main/connections/connection-access.ts';
import { openAppDatabase, type AppDatabase } from '../../main/store/app-database.ts';
import { ConnectionStore, type ConnectionRecord } from '../../main/store/connection-store.ts';
import type { AppEvent } from '../../shared/ipc/contract.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** A bank's discovery endpoint that answers 503 `failures` times, then its document; it counts the requests. */
async function discoveryServer(failures: number): Promise<{ issuer: string; requests: () => number }> {
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests += 1;
    if (requests <= failures) {
      res.writeHead(503).end();
      return;
    }
    const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        issuer,
        authorization_endpoint: `${issuer}/auth`,
        token_endpoint: `${issuer}/token`,
        revocation_endpoint: `${issuer}/token/revocation`,
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { issuer: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => requests };
}

function ledger(): AppDatabase {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-access-'));
  const db = openAppDatabase(dataDir);
  cleanups.push(() => {
    db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return db;
}

const LINKED: ConnectionRecord = {
  id: 'c1',
  profileId: 'local',
  bankName: 'デモ信用金庫',
  issuer: 'http://127.0.0.1:4010',
  channel: 'personal',
  scopes: ['balances:read', 'transactions:read'],
  status: 'active',
  linkedAt: '2026-04-01T00:00:00.000Z',
};

describe('the bank’s discovery document (main/auth/bank-discovery.ts)', () => {
  it('is fetched once per bank and client, shared by every caller, and fetched again after a failure', async () => {
    const bank = await discoveryServer(1);
    const discovery = new BankDiscovery();
    const profile = { issuer: bank.issuer, clientId: 'bankdemo-desktop' };
    await expect(discovery.config(profile)).rejects.toMatchObject({ code: 'AUTH_REJECTED' });
    const [first, second] = await Promise.all([discovery.config(profile), discovery.config(profile)]);
    expect(first).toBe(second);
    expect(first.serverMetadata().token_endpoint).toBe(`${bank.issuer}/token`);
    expect(bank.requests()).toBe(2);
    await discovery.config({ ...profile, clientId: 'another-app' });
    expect(bank.requests()).toBe(3);
  });
});

describe('a sync’s access to a connection (main/connections/connection-access.ts)', () => {
  function access(events: AppEvent[] = []) {
    const connections = new ConnectionStore(ledger());
    connections.insert(LINKED);
    const access = new ConnectionAccess({
      connections,
      // Never reached here: no token is asked for.
      vault: new KeytarVault('bankdemo-test-access'),
      discovery: new BankDiscovery(),
      profiles: () => [localBankProfile()],
      emit: (event) => events.push(event),
    });
    return { access, connections };
  }

  it('finds the connection and its bank without the link flow, and says NOT_FOUND for others', () => {
    const { access: reach } = access();
    expect(reach.record('c1')).toEqual(LINKED);
    expect(reach.profile(undefined).id).toBe('local');
    expect(() => reach.record('c2')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => reach.profile('elsewhere')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('gives the connection one token source, kept across syncs until the link is forgotten', () => {
    const { access: reach } = access();
    const tokens = reach.tokensOf(LINKED);
    expect(reach.tokensOf(LINKED)).toBe(tokens);
    expect(typeof reach.apiFor(LINKED).accounts).toBe('function');
    reach.forget('c1');
    expect(reach.tokensOf(LINKED)).not.toBe(tokens);
  });

  it('turns an active connection to 要再連携 once, and tells the UI once', () => {
    const events: AppEvent[] = [];
    const { access: reach, connections } = access(events);
    reach.markRelinkRequired('c1');
    reach.markRelinkRequired('c1');
    expect(connections.get('c1')?.status).toBe('relink-required');
    expect(events).toEqual([{ type: 'connections:changed' }]);
  });
});
