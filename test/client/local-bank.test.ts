import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppCore } from '../../main/app-core.ts';
import { KeytarVault } from '../../main/auth/keytar-vault.ts';
import { localBankProfile } from '../../main/bank-profiles.ts';

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
});
