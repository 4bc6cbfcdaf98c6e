import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { E2E_BANK } from '../../playwright.config.ts';
import { installedElectron } from '../../scripts/electron-binary.ts';
import type { BankdemoBridge } from '../../shared/ipc/contract.ts';

/**
 * The Electron shell itself, where an Electron binary exists (a developer's machine with internet at
 * install time). On the build machines it cannot be downloaded, so this is skipped there and the
 * same core and renderer are tested through the browser shell instead.
 */
const found = installedElectron();
const binary = found && 'binary' in found ? found.binary : undefined;
const MAIN = path.resolve(import.meta.dirname, '../../dist/electron/main.js');

test.skip(!binary, 'Electron binary not installed here (`npm start` downloads it where GitHub is reachable)');

test('the window opens on the app, sandboxed, with window.bankdemo and no Node', async () => {
  test.skip(!fs.existsSync(MAIN), 'run `npm run build:renderer && npm run build:electron` first');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-electron-'));
  const app = await electron.launch({
    executablePath: binary!,
    args: [MAIN],
    env: {
      ...process.env,
      BANKDEMO_DATA_DIR: dataDir,
      BANKDEMO_BANK_ISSUER: `http://127.0.0.1:${E2E_BANK.port}`,
    },
  });
  try {
    const page = await app.firstWindow();
    await expect(page.getByRole('heading', { name: 'デモ信用金庫 連携アプリ' })).toBeVisible();
    expect(page.url()).toMatch(/^app:\/\/bankdemo\//);
    // The page's globals (the casts are types only: each function runs inside the page).
    type AppWindow = { bankdemo?: BankdemoBridge; require?: unknown; process?: unknown };
    expect(await page.evaluate(() => typeof (globalThis as unknown as AppWindow).bankdemo?.invoke)).toBe(
      'function',
    );
    expect(await page.evaluate(() => typeof (globalThis as unknown as AppWindow).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as unknown as AppWindow).process)).toBe('undefined');
    const info = await page.evaluate(() =>
      (globalThis as unknown as AppWindow).bankdemo!.invoke('app:info-get', undefined),
    );
    expect(info).toMatchObject({ ok: true, value: { shell: 'electron' } });
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
