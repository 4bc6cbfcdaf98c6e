import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { BANK_NODE_FLAGS } from './simulator/node-flags.ts';
import { CHROMIUM_ARGS } from './test/support/chromium-customer.ts';

/**
 * Browser tests drive Debian's Chromium (Playwright cannot download its own browsers here) against the
 * real bank started as `npm run bank` would, on ports of its own and a fresh data folder per run.
 */
/** Ports 4310, 4311 and 4320 unless E2E_PORT_BASE moves them (two checkouts testing at once). */
const PORT_BASE = Number(process.env.E2E_PORT_BASE ?? 4300);

export const E2E_BANK = {
  port: PORT_BASE + 10,
  tlsPort: PORT_BASE + 11,
  dataDir: path.join(os.tmpdir(), `bankdemo-e2e-${process.pid}`),
};
process.env.E2E_BANK_DATA_DIR ??= E2E_BANK.dataDir;

/** The desktop app's browser shell, linked to that bank; the test plays the system browser. */
export const E2E_SHELL = {
  port: PORT_BASE + 20,
  secret: 'e2e-shell-secret',
  dataDir: path.join(os.tmpdir(), `bankdemo-e2e-app-${process.pid}`),
};
process.env.E2E_SHELL_DATA_DIR ??= E2E_SHELL.dataDir;

export default defineConfig({
  projects: [
    { name: 'browser', testDir: 'test/browser' },
    // Skipped with a reason where no Electron binary could be installed (our build machines).
    { name: 'electron', testDir: 'test/electron' },
  ],
  // The tests share one bank and some of them lock or unlock its users: one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL: `http://127.0.0.1:${E2E_BANK.port}`,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    },
  },
  webServer: [
    {
      command: ['node', ...BANK_NODE_FLAGS, 'simulator/main.ts'].join(' '),
      url: `http://127.0.0.1:${E2E_BANK.port}/.well-known/openid-configuration`,
      env: {
        BANK_PORT: String(E2E_BANK.port),
        BANK_TLS_PORT: String(E2E_BANK.tlsPort),
        BANK_DATA_DIR: process.env.E2E_BANK_DATA_DIR,
      },
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // Started after the bank (in this order), so it finds the bank running and links to it.
      command: 'npm run build:renderer && node main/browser-shell/main.ts',
      url: `http://127.0.0.1:${E2E_SHELL.port}/bridge/bridge.js`,
      // Answers 403 without the session cookie, which Playwright counts as up.
      env: {
        BANKDEMO_BANK_ISSUER: `http://127.0.0.1:${E2E_BANK.port}`,
        BANKDEMO_SHELL_PORT: String(E2E_SHELL.port),
        BANKDEMO_SHELL_SECRET: E2E_SHELL.secret,
        BANKDEMO_OPEN_EXTERNAL_HOOK: '1',
        BANKDEMO_DATA_DIR: process.env.E2E_SHELL_DATA_DIR,
      },
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
