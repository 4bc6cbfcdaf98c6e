import path from 'node:path';
import { test as base, type Page } from '@playwright/test';
import { AppPage } from './app-page.ts';
import { startApp } from './app-shell.ts';
import { BankCustomer } from './bank-customer.ts';
import { createNamespace, deleteNamespace, type BankNamespace } from './bank-namespace.ts';
import { E2E_BANK_TARGET } from './e2e-target.ts';
import { QaApi } from './qa-api.ts';

/** Attaches a full-page screenshot of a step to the HTML report, numbered in the order taken. */
type Snap = (target: Page | { page: Page }, name: string) => Promise<void>;

export interface E2eFixtures {
  /** The QA API (one-time passwords, links, faults, unlock) of this worker's namespace. */
  qa: QaApi;
  /** The root bank's QA API, for what only the root bank offers (the partner demo). */
  rootQa: QaApi;
  /** The customer at the system browser, on the bank's screens. */
  bankCustomer: BankCustomer;
  /** A freshly started desktop app (its own ledger), open in the test's page. */
  app: AppPage;
  snap: Snap;
  /** Clears the bank's scheduled faults around every test, so a failed test leaves none behind. */
  bankWithoutFaults: undefined;
}

export interface E2eWorkerFixtures {
  /**
   * This worker's namespace of the one shared bank: its own customers, links, faults and
   * one-time-password use, so workers run side by side without meeting. Made when the worker
   * starts, deleted when it ends.
   */
  bankNamespace: BankNamespace;
}

/** One-time passwords used, remembered per bank (a namespace's codes are its own). */
const usedCodesFile = (outputDir: string, bank: string) => path.join(outputDir, `used-otps-${bank}.json`);

export const test = base.extend<E2eFixtures, E2eWorkerFixtures>({
  bankNamespace: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
    async ({}, use, workerInfo) => {
      // The pid keeps two runs against one long-running bank (E2E_BANK_ISSUER) apart.
      const name = `e2e-${process.pid}-w${workerInfo.workerIndex}`;
      const namespace = await createNamespace(E2E_BANK_TARGET, name);
      await use(namespace);
      await deleteNamespace(E2E_BANK_TARGET, name);
    },
    { scope: 'worker', timeout: 60_000 },
  ],

  qa: async ({ bankNamespace }, use, testInfo) => {
    await use(new QaApi(bankNamespace, usedCodesFile(testInfo.project.outputDir, bankNamespace.name)));
  },

  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  rootQa: async ({}, use, testInfo) => {
    await use(new QaApi(E2E_BANK_TARGET, usedCodesFile(testInfo.project.outputDir, 'root')));
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

  app: async ({ page, bankNamespace }, use, testInfo) => {
    // The app links to the namespace's issuer as to any other bank.
    const running = await startApp({
      dataDir: testInfo.outputPath('app-data'),
      issuer: bankNamespace.issuer,
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
