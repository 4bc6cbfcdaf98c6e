import path from 'node:path';
import { test as base, type Page } from '@playwright/test';
import { AppPage } from './app-page.ts';
import { startApp } from './app-shell.ts';
import { BankCustomer } from './bank-customer.ts';
import { E2E_BANK_TARGET } from './e2e-target.ts';
import { QaApi } from './qa-api.ts';

/** Attaches a full-page screenshot of a step to the HTML report, numbered in the order taken. */
type Snap = (target: Page | { page: Page }, name: string) => Promise<void>;

export interface E2eFixtures {
  /** The bank's QA API (one-time passwords, links, faults, unlock). */
  qa: QaApi;
  /** The customer at the system browser, on the bank's screens. */
  bankCustomer: BankCustomer;
  /** A freshly started desktop app (its own ledger), open in the test's page. */
  app: AppPage;
  snap: Snap;
  /** Clears the bank's scheduled faults around every test, so a failed test leaves none behind. */
  bankWithoutFaults: undefined;
}

export const test = base.extend<E2eFixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  qa: async ({}, use, testInfo) => {
    await use(new QaApi(E2E_BANK_TARGET.issuer, path.join(testInfo.project.outputDir, 'used-otps.json')));
  },

  bankWithoutFaults: [
    async ({ qa }, use) => {
      await qa.clearFaults();
      await use(undefined);
      await qa.clearFaults();
    },
    { auto: true },
  ],

  bankCustomer: async ({ browser, qa, snap }, use) => {
    const customer = new BankCustomer(browser, E2E_BANK_TARGET, qa, snap);
    await use(customer);
    await customer.close();
  },

  app: async ({ page }, use, testInfo) => {
    const running = await startApp({
      dataDir: testInfo.outputPath('app-data'),
      issuer: E2E_BANK_TARGET.issuer,
    });
    try {
      const app = new AppPage(page, running);
      await app.open();
      await use(app);
    } finally {
      await running.stop();
      await testInfo.attach('app output', { body: running.output(), contentType: 'text/plain' });
    }
  },

  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  snap: async ({}, use, testInfo) => {
    let taken = 0;
    await use(async (target, name) => {
      const page = 'screenshot' in target ? target : target.page;
      taken += 1;
      const title = `${String(taken).padStart(2, '0')} ${name}`;
      // Also kept as a file under the test's folder in test-results/e2e/, named like the step.
      const file = testInfo.outputPath(`${title.replace(/[^\p{L}\p{N}]+/gu, '-')}.png`);
      await page.screenshot({ path: file, fullPage: true });
      await testInfo.attach(title, { path: file, contentType: 'image/png' });
    });
  },
});

export { expect } from '@playwright/test';
