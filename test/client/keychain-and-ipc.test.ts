import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keychainCause } from '../../main/auth/keychain-cause.ts';
import { startTestBank, type TestBank } from '../support/test-bank.ts';
import { startTestCore, type TestCore } from '../support/test-client-core.ts';
import { dispatch } from '../../main/ipc-dispatch.ts';

let bank: TestBank;
let app: TestCore;
beforeAll(async () => {
  bank = await startTestBank();
  app = await startTestCore(bank, { openExternal: async () => {} });
});
afterAll(async () => {
  await app?.dispose();
  await bank?.dispose();
});

describe('the cause of KEYCHAIN_UNAVAILABLE, from what the keychain said', () => {
  it.each([
    ['Cannot create an item in a locked collection', 'locked'],
    ['The keychain is locked.', 'locked'],
    ['User interaction is not allowed.', 'locked'],
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'no-service'],
    ['Could not connect: No such file or directory', 'no-service'],
    ['The name org.freedesktop.secrets was not provided by any .service files', 'no-service'],
    ['The specified keychain could not be found.', 'no-service'],
    ['Prompt dismissed', 'refused'],
    ['User canceled the operation.', 'refused'],
    ['Access is denied.', 'refused'],
  ] as const)('%s → %s', (message, cause) => {
    expect(keychainCause(message)).toBe(cause);
  });
});

describe('the OS keychain', () => {
  it('absent (no Secret Service on the bus) → KEYCHAIN_UNAVAILABLE before the browser opens; no fallback', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['test/support/keychain-absent-child.ts', bank.issuer],
      {
        env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus', DISPLAY: '' },
        timeout: 20_000,
      },
    );
    const { result, opened } = JSON.parse(stdout) as {
      result: { ok: boolean; error?: { code: string } };
      opened: string[];
    };
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'KEYCHAIN_UNAVAILABLE', keychainCause: 'no-service' },
    });
    expect(opened).toEqual([]);
  });

  it('locked → KEYCHAIN_UNAVAILABLE before the browser opens, not after the customer has consented', async () => {
    const { stdout } = await promisify(execFile)(
      'bash',
      [
        'test/support/locked-keyring.sh',
        process.execPath,
        'test/support/keychain-absent-child.ts',
        bank.issuer,
      ],
      { env: { ...process.env, DISPLAY: '' }, timeout: 30_000 },
    );
    const { result, opened } = JSON.parse(stdout) as {
      result: { ok: boolean; error?: { code: string; detail?: string } };
      opened: string[];
    };
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'KEYCHAIN_UNAVAILABLE', keychainCause: 'locked' },
    });
    expect(result.error?.detail).toMatch(/locked/i);
    expect(opened).toEqual([]);
  });

  it('holds the refresh token under service `bankdemo` (tests use their own service name)', async () => {
    const { KEYCHAIN_SERVICE } = await import('../../main/auth/keytar-vault.ts');
    expect(KEYCHAIN_SERVICE).toBe('bankdemo');
    expect(app.keychainService).toMatch(/^bankdemo-test-/);
  });
});

describe('the IPC boundary', () => {
  const malformed: Array<[string, unknown]> = [
    ['connections:connect', undefined],
    ['connections:connect', { channel: 'admin' }],
    ['connections:connect', { channel: 'personal', extra: 1 }],
    ['connections:disconnect', { connectionId: '../../etc/passwd', keepData: true }],
    ['connections:disconnect', { connectionId: 'c1' }],
    ['sync:run', 'everything'],
    ['statements:query', { limit: 1e9 }],
    ['statements:query', { dateFrom: "2026-01-01' OR 1=1" }],
    ['statements:query', { accountId: { $gt: '' } }],
    ['accounts:list', { sneaky: true }],
    ['connections:list', null],
  ];
  for (const [channel, args] of malformed) {
    it(`${channel} with ${JSON.stringify(args)} → INVALID_ARGUMENT`, async () => {
      const result = await dispatch(app.core.handlers, channel, args);
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    });
  }

  it('an unknown channel, or a prototype name, → INVALID_ARGUMENT', async () => {
    for (const channel of ['shell:exec', 'constructor', '__proto__', 42]) {
      expect(await dispatch(app.core.handlers, channel, undefined)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_ARGUMENT' },
      });
    }
  });

  it('a connection that does not exist → NOT_FOUND, as a value', async () => {
    expect(await dispatch(app.core.handlers, 'sync:run', { connectionId: 'cnope' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(
      await dispatch(app.core.handlers, 'connections:disconnect', { connectionId: 'cnope', keepData: false }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('well-formed calls answer values', async () => {
    expect(await dispatch(app.core.handlers, 'statements:query', {})).toEqual({
      ok: true,
      value: { total: 0, deposits: 0, withdrawals: 0, rows: [] },
    });
    expect(await dispatch(app.core.handlers, 'app:info-get', undefined)).toMatchObject({
      ok: true,
      value: { shell: 'browser', profiles: [{ id: 'local', issuer: bank.issuer }] },
    });
  });
});
