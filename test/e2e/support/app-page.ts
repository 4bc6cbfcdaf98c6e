import { expect, type Locator, type Page } from '@playwright/test';
import type { RunningApp } from './app-shell.ts';
import { word, type Language, type Word } from './app-words.ts';

export type LinkChannel = 'personal' | 'corporate';

/**
 * The desktop app's window (the real renderer through the browser shell), found by the UI
 * vocabulary: roles, accessible names, data-testid and data-code. `language` follows what the user
 * chose in 設定, so the same steps read the Japanese or the English screen.
 */
export class AppPage {
  readonly page: Page;
  readonly running: RunningApp;
  language: Language = 'ja';

  constructor(page: Page, running: RunningApp) {
    this.page = page;
    this.running = running;
  }

  w(key: Word): string {
    return word(key, this.language);
  }

  /** Opens the printed URL (the key becomes a session cookie) and waits for the window's heading. */
  async open(): Promise<void> {
    await this.page.goto(this.running.url);
    await expect(this.heading()).toBeVisible();
  }

  heading(): Locator {
    return this.page.getByRole('heading', { name: this.w('heading'), exact: true });
  }

  navButton(screen: 'accounts' | 'statements' | 'books' | 'links' | 'settings'): Locator {
    return this.page.getByRole('navigation').getByRole('button', { name: this.w(screen), exact: true });
  }

  async goTo(screen: 'accounts' | 'statements' | 'books' | 'links' | 'settings'): Promise<void> {
    await this.navButton(screen).click();
    await expect(this.navButton(screen)).toHaveAttribute('aria-current', 'page');
    if (screen === 'books') await this.chooseChart('corporation');
  }

  /**
   * 帳簿's first start asks which chart of accounts (法人 or 個人事業主): answered with `kind` when
   * asked (CORP0001 is a company), nothing done once the books show their tabs.
   */
  async chooseChart(kind: 'corporation' | 'sole'): Promise<void> {
    const tabs = this.page.getByRole('tablist');
    const choice = this.page.getByRole('region', { name: this.w('chartQuestion') });
    await expect(tabs.or(choice)).toBeVisible();
    if (await choice.isVisible())
      await choice
        .getByRole('button', { name: this.w(kind === 'corporation' ? 'corporationChart' : 'soleChart') })
        .click();
    await expect(tabs).toBeVisible();
  }

  /** The URLs the core asked the system browser to open, oldest first (the shell's test hook). */
  async openedUrls(): Promise<string[]> {
    const res = await this.page.request.get(`${this.running.origin}/test-hook/opened-urls`);
    expect(res.ok()).toBe(true);
    return (await res.json()) as string[];
  }

  /** Does `action` and returns the URL it made the app open in the system browser. */
  async authorizationUrlOpenedBy(action: () => Promise<void>): Promise<string> {
    const before = (await this.openedUrls()).length;
    await action();
    await expect.poll(async () => (await this.openedUrls()).length).toBeGreaterThan(before);
    return (await this.openedUrls())[before]!;
  }

  /** 口座を連携 on the screen shown (the 連携 screen, or the first-run empty state). */
  linkAccountButton(): Locator {
    return this.page.getByRole('main').getByRole('button', { name: this.w('linkAccount'), exact: true });
  }

  linkDialog(): Locator {
    return this.page.getByRole('dialog', { name: this.w('linkAccount') });
  }

  /**
   * 口座を連携 → 個人 or 法人; the dialog waits for the browser. Returns the bank's URL. The button
   * is pressed on the 連携 screen, or where the first-run empty state offers it.
   */
  async startLink(channel: LinkChannel, { fromEmptyState = false } = {}): Promise<string> {
    return this.authorizationUrlOpenedBy(async () => {
      if (!fromEmptyState) await this.goTo('links');
      await this.linkAccountButton().click();
      await expect(this.linkDialog()).toBeVisible();
      await this.linkDialog()
        .getByRole('button', { name: this.w(channel), exact: true })
        .click();
      await this.expectWaitingForBrowser();
    });
  }

  async expectWaitingForBrowser(): Promise<void> {
    await expect(this.linkDialog().getByText(this.w('continueInBrowser'))).toBeVisible();
    await expect(this.linkDialog().getByRole('button', { name: this.w('cancel') })).toBeVisible();
  }

  /** Linking ended (linked, cancelled or refused): the dialog closes. */
  async expectLinkDialogClosed(): Promise<void> {
    await expect(this.linkDialog()).toBeHidden();
  }

  connections(): Locator {
    return this.page.getByTestId('connection');
  }

  connectionStatus(connection: Locator = this.connections()): Locator {
    return connection.getByTestId('connection-status');
  }

  /** An error shown with its code (AppErrorCode) and its one fix action. */
  alert(code: string): Locator {
    return this.page.locator(`[role="alert"][data-code="${code}"]`);
  }

  syncButton(): Locator {
    return this.page.getByRole('button', { name: this.w('sync'), exact: true });
  }

  /** The top bar's 前回の同期 with its time and result. */
  lastSync(): Locator {
    return this.page.getByText(new RegExp(`^${this.w('lastSync')}.+`));
  }

  progress(): Locator {
    return this.page.getByRole('progressbar');
  }

  /** Waits for the sync running now (or just finished) to end: no progress bar, 前回の同期 shown. */
  async expectSyncFinished(): Promise<void> {
    await expect(this.lastSync()).toBeVisible({ timeout: 60_000 });
    await expect(this.progress()).toHaveCount(0, { timeout: 60_000 });
  }

  accountsTable(): Locator {
    return this.page.getByTestId('accounts-table');
  }

  /** The account rows: each shows its number as ****1234. */
  accountRows(): Locator {
    return this.accountsTable()
      .getByRole('row')
      .filter({ hasText: /\*{4}\d{4}/ });
  }

  accountsTotal(): Locator {
    return this.page.getByTestId('accounts-total');
  }

  statementRows(): Locator {
    return this.page.getByTestId('statement-row');
  }

  /** The number in 1,234件 / 1,234 items, once the list has loaded. */
  async statementCount(): Promise<number> {
    const count = this.page.getByTestId('statement-count');
    // While the list reloads it reads 読み込み中…; the number comes back with the rows.
    await expect(count).toHaveText(/\d/);
    const text = await count.innerText();
    const digits = /[\d,]+/.exec(text)?.[0];
    if (!digits) throw new Error(`no count in ${JSON.stringify(text)}`);
    return Number(digits.replace(/,/g, ''));
  }

  /** Opens 明細 (all accounts, no filter) and reads its count once the rows are shown. */
  async statementTotal(): Promise<number> {
    await this.goTo('statements');
    await expect(this.statementRows().first()).toBeVisible();
    return this.statementCount();
  }

  /** 設定 → 言語; from then on the steps read the screens in that language. */
  async chooseLanguage(language: Language): Promise<void> {
    await this.goTo('settings');
    await this.page.getByLabel(this.w('language')).selectOption(language === 'ja' ? '日本語' : 'English');
    this.language = language;
    await expect(this.heading()).toBeVisible();
  }
}
