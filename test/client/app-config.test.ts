import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAppConfig } from '../../main/app-config.ts';
import { AppError } from '../../shared/app-errors.ts';

const LINUX = { platform: 'linux', homedir: '/home/yamada' } as const;

/** The refusal parseAppConfig throws for `env`, or a failure when it accepts it. */
function refusal(env: Record<string, string>): AppError {
  try {
    parseAppConfig(env, LINUX);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

describe('the desktop app’s settings (main/app-config.ts)', () => {
  it('starts from the simulator on this machine, port 4030, a new key each run and the OS data folder', () => {
    expect(parseAppConfig({}, LINUX)).toEqual({
      bankIssuer: 'http://127.0.0.1:4010',
      bankTlsPort: 4011,
      dataDir: undefined,
      userDataDir: '/home/yamada/.local/share/bankdemo',
      browserShell: { port: 4030, secret: undefined, recordOpenedUrls: false },
    });
  });

  it('takes each BANKDEMO_* variable as given', () => {
    const config = parseAppConfig(
      {
        BANKDEMO_BANK_ISSUER: 'https://bank.example:8443',
        BANKDEMO_DATA_DIR: '/srv/ledger',
        BANKDEMO_SHELL_PORT: '0',
        BANKDEMO_SHELL_SECRET: 'e2e-shell-secret',
        BANKDEMO_OPEN_EXTERNAL_HOOK: '1',
      },
      LINUX,
    );
    expect(config).toEqual({
      bankIssuer: 'https://bank.example:8443',
      bankTlsPort: 8444,
      dataDir: '/srv/ledger',
      userDataDir: '/home/yamada/.local/share/bankdemo',
      browserShell: { port: 0, secret: 'e2e-shell-secret', recordOpenedUrls: true },
    });
  });

  it('moves the built-in bank with BANK_PORT and BANK_TLS_PORT, as `npm run bank` reads them (issue 21 item 12)', () => {
    expect(parseAppConfig({ BANK_PORT: '4110' }, LINUX)).toMatchObject({
      bankIssuer: 'http://127.0.0.1:4110',
      bankTlsPort: 4111,
    });
    expect(parseAppConfig({ BANK_PORT: '4110', BANK_TLS_PORT: '4443' }, LINUX).bankTlsPort).toBe(4443);
    // The same bank named twice is fine; two different ones are refused, not half-used.
    expect(
      parseAppConfig({ BANK_PORT: '4110', BANKDEMO_BANK_ISSUER: 'http://127.0.0.1:4110' }, LINUX).bankIssuer,
    ).toBe('http://127.0.0.1:4110');
    const error = refusal({ BANK_PORT: '4110', BANKDEMO_BANK_ISSUER: 'http://127.0.0.1:4010' });
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('BANK_PORT 4110 and BANKDEMO_BANK_ISSUER http://127.0.0.1:4010');
  });

  it.each([
    ['linux', {}, '/home/yamada/.local/share/bankdemo'],
    ['linux', { XDG_DATA_HOME: '/data/yamada' }, '/data/yamada/bankdemo'],
    ['linux', { XDG_DATA_HOME: '' }, '/home/yamada/.local/share/bankdemo'],
    ['darwin', {}, '/home/yamada/Library/Application Support/bankdemo'],
    ['win32', { APPDATA: 'C:/Users/yamada/AppData/Roaming' }, 'C:/Users/yamada/AppData/Roaming/bankdemo'],
    ['win32', {}, '/home/yamada/bankdemo'],
  ] as const)(
    'keeps the ledger, by default, in the OS’s app data folder (%s %j)',
    (platform, env, folder) => {
      expect(parseAppConfig(env, { platform, homedir: '/home/yamada' }).userDataDir).toBe(folder);
    },
  );

  it.each([
    ['BANKDEMO_SHELL_PORT', 'abc', 'must be a port number from 0 to 65535 (it is "abc")'],
    ['BANKDEMO_SHELL_PORT', '70000', 'must be a port number from 0 to 65535 (it is "70000")'],
    ['BANKDEMO_SHELL_PORT', '', 'must be a port number from 0 to 65535 (it is "")'],
    ['BANKDEMO_BANK_ISSUER', 'bank.example', 'must be an http(s) URL, e.g. http://127.0.0.1:4010'],
    ['BANKDEMO_BANK_ISSUER', 'ftp://bank.example', 'must be an http(s) URL'],
    ['BANKDEMO_SHELL_SECRET', 'short', 'must be at least 16 characters of A-Z, a-z, 0-9, - and _'],
    ['BANKDEMO_SHELL_SECRET', 'sixteen chars;;;', 'must be at least 16 characters'],
    ['BANKDEMO_OPEN_EXTERNAL_HOOK', 'true', 'must be 1 (record) or 0 (open) (it is "true")'],
    ['BANKDEMO_DATA_DIR', '', 'must name a folder'],
  ])('refuses %s=%j with CONFIG_INVALID naming the variable', (name, value, says) => {
    const error = refusal({ [name]: value });
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain(`${name} ${says}`);
  });

  it('names every bad variable at once, on one line, without repeating a secret', () => {
    const error = refusal({
      BANKDEMO_SHELL_PORT: 'abc',
      BANKDEMO_BANK_ISSUER: 'not a url',
      BANKDEMO_SHELL_SECRET: 'my-secret',
    });
    expect(error.message).toMatch(/^Invalid app settings: /);
    expect(error.message).toContain('BANKDEMO_SHELL_PORT');
    expect(error.message).toContain('BANKDEMO_BANK_ISSUER');
    expect(error.message).toContain('BANKDEMO_SHELL_SECRET');
    expect(error.message).not.toContain('my-secret');
    expect(error.message).not.toContain('\n');
  });
});

describe('the browser shell (node main/browser-shell/main.ts) with a bad setting', () => {
  const root = path.resolve(import.meta.dirname, '../..');
  /** The shell run as a program with `settings` over an environment without any BANKDEMO_* of the test's. */
  function runShell(settings: Record<string, string>) {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-config-')), 'ledger');
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith('BANKDEMO_')),
    );
    const result = spawnSync(process.execPath, [path.join(root, 'main/browser-shell/main.ts')], {
      cwd: root,
      env: { ...env, BANKDEMO_DATA_DIR: dataDir, BANKDEMO_OPEN_EXTERNAL_HOOK: '1', ...settings },
      encoding: 'utf8',
      timeout: 30_000,
    });
    const created = fs.existsSync(dataDir);
    fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
    return { ...result, created };
  }

  it('refuses port "abc" at start: exit 1, one line on stderr and no ledger written', () => {
    const run = runShell({ BANKDEMO_SHELL_PORT: 'abc' });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      'BankDemo: CONFIG_INVALID: Invalid app settings: BANKDEMO_SHELL_PORT must be a port number from 0 to 65535 (it is "abc")\n',
    );
    expect(run.stdout).toBe('');
    expect(run.created).toBe(false);
  });

  it('refuses a bank issuer that is not a URL at start, before any bank is started', () => {
    const run = runShell({ BANKDEMO_BANK_ISSUER: '127.0.0.1:4010' });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      'BankDemo: CONFIG_INVALID: Invalid app settings: BANKDEMO_BANK_ISSUER must be an http(s) URL, e.g. http://127.0.0.1:4010 (it is "127.0.0.1:4010")\n',
    );
    expect(run.created).toBe(false);
  });
});
