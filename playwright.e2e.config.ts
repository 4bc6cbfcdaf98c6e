import { defineConfig } from '@playwright/test';
import { BANK_NODE_FLAGS } from './simulator/node-flags.ts';
import { CHROMIUM_ARGS } from './test/support/chromium-customer.ts';
import { E2E_BANK_TARGET } from './test/e2e/support/e2e-target.ts';

/**
 * The end-to-end consent-flow suite (`npm run test:e2e`): the real renderer and app core through the
 * browser shell, linking to a real bank, the test playing the customer at the system browser.
 * Each test starts its own app (a fresh shell and ledger, test/e2e/support/app-shell.ts); the bank is
 * shared, started here unless E2E_BANK_ISSUER points at one already running (see e2e-target.ts), and
 * each worker makes a namespace of it (`/ns/e2e-…`) and links there.
 */
const { started } = E2E_BANK_TARGET;

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/e2e',
  globalSetup: './test/e2e/support/global-setup.ts',
  // One shared bank; each worker works in a namespace of its own (support/fixtures.ts), so the
  // workers never meet: one locking a user or scheduling a fault changes nothing for another.
  workers: 4,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  // Four workers share two cores (CI's machine): each step may wait its turn for a while.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'e2e-report' }]],
  use: {
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    trace: 'on',
    screenshot: 'on',
    actionTimeout: 30_000,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    },
  },
  webServer: started
    ? {
        command: ['node', ...BANK_NODE_FLAGS, 'simulator/main.ts'].join(' '),
        url: `${E2E_BANK_TARGET.issuer}/.well-known/openid-configuration`,
        env: {
          BANK_PORT: String(started.port),
          BANK_TLS_PORT: String(started.tlsPort),
          BANK_DATA_DIR: started.dataDir,
        },
        reuseExistingServer: false,
        timeout: 60_000,
      }
    : undefined,
});
