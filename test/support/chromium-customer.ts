import { chromium, type Browser, type Page } from '@playwright/test';
import { qaOtp } from './test-bank.ts';
import type { BankAddress } from './consent-flow.ts';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** How the customer treats the callback on its way back to the app (tampering, for the refusal tests). */
export type CallbackTamper = (callback: URL) => URL;

/**
 * The customer at the system browser, in real Chromium: the core's openExternal hands it the bank's
 * URL and it goes through the bank's screens as a person would. It does not block the core (a real
 * browser does not), so `done` says when the customer has finished.
 */
export class ChromiumCustomer {
  private readonly browser: Browser;
  private readonly bank: BankAddress;

  private constructor(browser: Browser, bank: BankAddress) {
    this.browser = browser;
    this.bank = bank;
  }

  static async launch(bank: BankAddress): Promise<ChromiumCustomer> {
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    });
    return new ChromiumCustomer(browser, bank);
  }

  async close(): Promise<void> {
    await this.browser.close();
  }

  /** A fresh browser profile at the bank's URL; the page ends where the bank sent it. */
  private async open(url: string, tamper?: CallbackTamper): Promise<Page> {
    const context = await this.browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    const page = await context.newPage();
    if (tamper) {
      // Chromium follows redirects by itself and route handlers never see a redirect's target, so
      // the bank's form posts are sent from here, their redirects followed within the bank (same
      // cookie jar), and the final redirect to the app handed to the tab with its URL tampered.
      await page.route(`${this.bank.issuer}/interaction/**`, async (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        let response = await route.fetch({ maxRedirects: 0 });
        for (let hops = 0; hops < 10; hops++) {
          const location = response.headers()['location'];
          if (!location) break;
          const target = new URL(location, this.bank.issuer);
          if (target.hostname === '127.0.0.1' && target.pathname === '/callback') {
            return route.fulfill({ status: 303, headers: { location: tamper(target).href } });
          }
          if (target.origin !== this.bank.issuer) break;
          response = await page.request.get(target.href, { maxRedirects: 0 });
        }
        return route.fulfill({ response });
      });
    }
    await page.goto(url);
    return page;
  }

  /** WEBバンキング: 契約者ID + password, the one-time password (from the QA API), consent. */
  async linkPersonal(url: string, loginId = '1000000001', password = 'Demo-Pass-1', tamper?: CallbackTamper) {
    const page = await this.open(url, tamper);
    await page.getByLabel('契約者ID').fill(loginId);
    await page.getByLabel('パスワード').fill(password);
    await page.getByRole('button', { name: '認証' }).click();
    await page.getByLabel('ワンタイムパスワード').fill(await qaOtp(this.bank, loginId));
    await page.getByRole('button', { name: '認証' }).click();
    return this.consent(page);
  }

  /** WEB-FB with ID and password, then consent. */
  async linkCorporate(url: string, loginId = 'CORP0001', password = 'Corp-Pass-1', tamper?: CallbackTamper) {
    const page = await this.open(url, tamper);
    await page.getByLabel('お客様ID').fill(loginId);
    await page.getByLabel('ログインパスワード').fill(password);
    await page.getByRole('button', { name: '認証', exact: true }).click();
    return this.consent(page);
  }

  /** Presses キャンセル on the login screen: the bank sends error=access_denied back to the app. */
  async cancelAtLogin(url: string) {
    const page = await this.open(url);
    await page.getByRole('button', { name: 'キャンセル' }).first().click();
    return this.settled(page);
  }

  private async consent(page: Page) {
    await page.getByLabel(/利用規定に同意しました/).check();
    await page.getByRole('button', { name: '許可' }).click();
    return this.settled(page);
  }

  /**
   * Waits for the app's page in the tab — its result page, or the refusal of a callback that is
   * not the waiting flow's — and returns its text and the address the tab ended on.
   */
  private async settled(page: Page): Promise<{ text: string; url: string }> {
    await page.waitForURL(/^http:\/\/127\.0\.0\.1:\d+\/(done|callback)/);
    const text = await page.locator('body').innerText();
    const result = { text, url: page.url() };
    await page.context().close();
    return result;
  }
}
