import path from 'node:path';
import { expect, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import type { E2eBankTarget } from './e2e-target.ts';
import type { QaApi } from './qa-api.ts';

/** The words of the bank's screens the customer acts on (simulator/pages/messages.ts). */
const BANK_WORDS = {
  ja: {
    contractId: '契約者ID',
    password: 'ログインパスワード',
    customerId: 'お客様ID',
    loginPassword: 'ログインパスワード',
    otp: 'ワンタイムパスワード',
    authenticate: '認証',
    certificate: '電子証明書認証',
    consentTitle: 'アクセス許可',
    agree: /利用規定に同意しました/,
    allow: '許可',
    cancel: 'キャンセル',
    termsRequired: '利用規定への同意のチェックがありません',
    locked: 'ご利用を停止しています',
  },
  en: {
    contractId: 'Contract ID',
    password: 'Login password',
    customerId: 'Customer ID',
    loginPassword: 'Login password',
    otp: 'One-time password',
    authenticate: 'Authenticate',
    certificate: 'Certificate authentication',
    consentTitle: 'Access permission',
    agree: /I agree to the/,
    allow: 'Allow',
    cancel: 'Cancel',
    termsRequired: 'tick the box to agree',
    locked: 'access has been suspended',
  },
};

/**
 * The customer at the system browser: opens the URL the app asked to open, in a browser profile of
 * its own (with the bank's client certificate installed when it logs in with one), and goes through
 * the bank's screens as a person would. The bank speaks the language the app asked for (ui_locales).
 */
export class BankCustomer {
  private readonly contexts: BrowserContext[] = [];
  private readonly browser: Browser;
  private readonly bank: E2eBankTarget;
  private readonly qa: QaApi;
  private readonly snap: PageSnap;

  constructor(browser: Browser, bank: E2eBankTarget, qa: QaApi, snap: PageSnap) {
    this.browser = browser;
    this.bank = bank;
    this.qa = qa;
    this.snap = snap;
  }

  /** Opens the bank's page; `certificateOf` installs that corporate user's client certificate. */
  async openBank(
    authorizationUrl: string,
    { certificateOf }: { certificateOf?: string } = {},
  ): Promise<BankPage> {
    const context = await this.browser.newContext({
      locale: 'ja-JP',
      timezoneId: 'Asia/Tokyo',
      // The certificate listener's TLS certificate comes from the bank's own demo CA.
      ignoreHTTPSErrors: true,
      ...(certificateOf
        ? {
            clientCertificates: [
              {
                origin: this.bank.tlsOrigin,
                certPath: path.join(this.bank.certDir, `${certificateOf}.crt`),
                keyPath: path.join(this.bank.certDir, `${certificateOf}.key`),
              },
            ],
          }
        : {}),
    });
    this.contexts.push(context);
    const page = await context.newPage();
    await page.goto(authorizationUrl);
    // The request itself went by PAR, so the page says which language the bank was asked for.
    const lang = (await page.locator('html').getAttribute('lang')) === 'en' ? 'en' : 'ja';
    return new BankPage(page, BANK_WORDS[lang], this.qa, (name) => this.snap(page, `bank: ${name}`));
  }

  async close(): Promise<void> {
    for (const context of this.contexts) await context.close();
  }
}

/** Screenshots a step of the bank's screens into the report. */
export type PageSnap = (page: Page, name: string) => Promise<void>;

/** One tab on the bank's screens; each step leaves a screenshot of the screen it acted on. */
export class BankPage {
  readonly page: Page;
  readonly words: (typeof BANK_WORDS)['ja'];
  private readonly qa: QaApi;
  readonly snap: (name: string) => Promise<void>;

  constructor(
    page: Page,
    words: (typeof BANK_WORDS)['ja'],
    qa: QaApi,
    snap: (name: string) => Promise<void>,
  ) {
    this.page = page;
    this.words = words;
    this.qa = qa;
    this.snap = snap;
  }

  private authenticate() {
    return this.page.getByRole('button', { name: this.words.authenticate, exact: true });
  }

  /**
   * Presses a button that posts the bank's form and waits for the page the bank answers with: the
   * current page is marked first, so the next step never acts on the page being left (the bank's
   * screens reuse their labels, so waiting for a label alone would not tell them apart).
   */
  private async submitWith(button: Locator): Promise<void> {
    // A string: the test code is type-checked without the DOM library.
    await this.page.evaluate("document.body.setAttribute('data-e2e-left', '')");
    await button.click();
    await this.page.locator('body:not([data-e2e-left])').waitFor();
  }

  /** WEBバンキング: 契約者ID and password, then the one-time password of the moment. */
  async logInPersonal(loginId: string, password: string): Promise<void> {
    await this.page.getByLabel(this.words.contractId).fill(loginId);
    await this.page.getByLabel(this.words.password, { exact: true }).fill(password);
    await this.snap('WEBバンキング login');
    await this.submitWith(this.authenticate());
    await this.page.getByLabel(this.words.otp).fill(await this.qa.freshOtp(loginId));
    await this.snap('one-time password');
    await this.submitWith(this.authenticate());
    await this.expectConsentScreen();
  }

  /** WEB-FB with お客様ID and ログインパスワード, once; the caller checks where the bank answered. */
  async submitCorporatePassword(loginId: string, password: string): Promise<void> {
    await this.page.getByLabel(this.words.customerId).fill(loginId);
    await this.page.getByLabel(this.words.loginPassword).fill(password);
    await this.snap(`WEB-FB login as ${loginId}`);
    await this.submitWith(this.authenticate());
  }

  async logInCorporate(loginId: string, password: string): Promise<void> {
    await this.submitCorporatePassword(loginId, password);
    await this.expectConsentScreen();
  }

  /** 電子証明書認証: the browser presents the certificate installed in its profile. */
  async logInWithCertificate(): Promise<void> {
    await this.snap('WEB-FB login, certificate installed');
    await this.page.getByRole('button', { name: this.words.certificate }).click();
    await this.expectConsentScreen();
  }

  async expectConsentScreen(): Promise<void> {
    await expect(this.page.getByRole('heading', { name: this.words.consentTitle })).toBeVisible();
  }

  /** Ticks the terms box and presses 許可; the tab ends on the app's page, without the code. */
  async allow(): Promise<void> {
    await this.page.getByLabel(this.words.agree).check();
    await this.snap('consent, terms ticked');
    await this.page.getByRole('button', { name: this.words.allow }).click();
    await this.expectBackAtApp();
    await this.snap('tab back at the app');
  }

  /** Presses 許可 without ticking the terms box: the bank refuses and explains, on the same screen. */
  async allowWithoutTerms(): Promise<void> {
    await this.submitWith(this.page.getByRole('button', { name: this.words.allow }));
    await expect(this.page.getByRole('alert')).toContainText(this.words.termsRequired);
    await this.snap('consent refused: terms not ticked');
  }

  async cancel(): Promise<void> {
    await this.snap('before キャンセル');
    await this.page.getByRole('button', { name: this.words.cancel }).first().click();
    await this.expectBackAtApp();
  }

  async expectLockedOut(): Promise<void> {
    await expect(this.page.getByRole('alert')).toContainText(this.words.locked);
    await this.snap('locked out');
  }

  /** The app's loopback listener sent the tab to its own /done page and left no code in the URL. */
  async expectBackAtApp(): Promise<void> {
    await this.page.waitForURL(/^http:\/\/127\.0\.0\.1:\d+\/done/);
    expect(this.page.url()).not.toMatch(/[?&]code=/);
  }
}
