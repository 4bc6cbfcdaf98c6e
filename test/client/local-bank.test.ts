import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppCore } from '../../main/app-core.ts';
import { KeytarVault } from '../../main/auth/keytar-vault.ts';
import { localBankProfile } from '../../main/bank-profiles.ts';
import { ensureLocalBank, localBankNote } from '../../main/local-bank.ts';
import http from 'node:http';

/** Two free neighbouring loopback ports (the bank's HTTP one and its TLS one next door). */
async function freePortPair(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const nextFree = await new Promise<boolean>((resolve) => {
      const probe = net.createServer().once('error', () => resolve(false));
      probe.listen(port + 1, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (nextFree && port < 65000) return port;
  }
}

const discovery = (issuer: string) =>
  fetch(`${issuer}/.well-known/openid-configuration`).then(
    (r) => r.ok,
    () => false,
  );

describe('the built-in bank', () => {
  it('is started when the default bank is chosen and not running, and stopped with the app', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-localbank-'));
    const issuer = `http://127.0.0.1:${await freePortPair()}`;
    expect(await discovery(issuer)).toBe(false);
    const core = await createAppCore({
      dataDir,
      shell: 'browser',
      vault: new KeytarVault('bankdemo-test-localbank'),
      builtInProfile: localBankProfile(issuer),
      openExternal: async () => {},
      startLocalBank: true,
      syncIntervalMs: 0,
    });
    try {
      expect(await discovery(issuer)).toBe(true);
      expect(fs.existsSync(path.join(dataDir, 'bank'))).toBe(true);
    } finally {
      await core.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    expect(await discovery(issuer)).toBe(false);
  }, 60_000);

  it('says whose bank answers when one already runs on its port: its own, another data folder’s, or no BankDemo bank (issue 21 item 12)', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-whosebank-'));
    const port = await freePortPair();
    const profile = localBankProfile(`http://127.0.0.1:${port}`);
    const first = await ensureLocalBank(profile, path.join(root, 'a'), port + 1);
    try {
      expect(first.found).toEqual({ kind: 'started' });
      expect((await ensureLocalBank(profile, path.join(root, 'a'))).found).toEqual({ kind: 'own' });
      const other = await ensureLocalBank(profile, path.join(root, 'b'));
      expect(other.found).toMatchObject({
        kind: 'other',
        name: 'デモ信用金庫',
        dataDir: path.join(root, 'a'),
      });
      expect(localBankNote(other.found, profile.issuer)).toMatch(
        new RegExp(
          `using the bank already running at ${profile.issuer}: デモ信用金庫, process \\d+, data in ${path.join(root, 'a')}`,
        ),
      );
      // A namespace of that bank (its QA API answers only its own token) is named with its bank.
      const created = await fetch(`${profile.issuer}/qa/api/namespaces`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'team-a' }),
      });
      expect(created.status).toBe(201);
      const namespaced = localBankProfile(`${profile.issuer}/ns/team-a`);
      expect((await ensureLocalBank(namespaced, path.join(root, 'b'))).found).toMatchObject({
        kind: 'other',
        name: 'デモ信用金庫 (namespace team-a)',
        dataDir: path.join(root, 'a'),
      });
    } finally {
      await first.stop();
      fs.rmSync(root, { recursive: true, force: true });
    }

    // An OpenID server that is not a BankDemo bank (no QA API naming itself).
    const stranger = http.createServer((req, res) => {
      if (req.url === '/.well-known/openid-configuration') {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ issuer: profile.issuer }));
      } else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => stranger.listen(port, '127.0.0.1', resolve));
    try {
      const found = (await ensureLocalBank(profile, path.join(root, 'a'))).found;
      expect(found).toEqual({ kind: 'foreign' });
      expect(localBankNote(found, profile.issuer)).toContain('is not a BankDemo bank');
    } finally {
      await new Promise((resolve) => stranger.close(resolve));
    }
  }, 60_000);
});
