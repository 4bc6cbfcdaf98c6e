import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startApp, type RunningApp } from '../e2e/support/app-shell.ts';
import { desktopLinks } from '../support/test-bank.ts';
import { linkCorporateOverHttp } from '../support/unsynced-ledger.ts';
import { bank, qaPost } from './bank-e2e.ts';

/**
 * What a shop owner met around the books (issue 21, items 5, 7, 8, 9, 11, 12, 13, 15): the top bar
 * after a second link, links renewed early or by the wrong customer, one way to write numbers and
 * dates, 設定 for a shop owner, a keychain that is not there, the app process gone — in an app of
 * its own (browser shell over the real core) against the bank Playwright started. The customer's
 * part at the bank goes over plain HTTP: the bank's screens are tested elsewhere.
 */
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1280, height: 800 } });

let app: RunningApp;
let dataDir: string;
const SHOTS = path.join(os.tmpdir(), 'shots', 'ux-shell');

test.beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-shop-owner-'));
  app = await startApp({ dataDir, issuer: bank.issuer });
});
test.afterAll(async () => {
  await app?.stop();
  await qaDelete('/qa/api/faults');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const qaDelete = (pathname: string) => fetch(`${bank.issuer}${pathname}`, { method: 'DELETE' });
const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('button', { name }).click();

async function openedUrls(page: Page, running = app): Promise<string[]> {
  return (await page.request.get(`${running.origin}/test-hook/opened-urls`)).json() as Promise<string[]>;
}

/** Waits for the app to open the bank's page, then the customer logs in and consents over HTTP. */
async function atTheBank(page: Page, before: number, loginId: string, password: string) {
  await expect.poll(async () => (await openedUrls(page)).length).toBe(before + 1);
  await linkCorporateOverHttp(bank, (await openedUrls(page)).at(-1)!, loginId, password);
}

async function linkCorporate(page: Page, loginId: string, password: string) {
  const before = (await openedUrls(page)).length;
  await page.getByRole('button', { name: '口座を連携' }).first().click();
  const dialog = page.getByRole('dialog', { name: '口座を連携' });
  await dialog.getByRole('button', { name: '法人（WEB-FB）' }).click();
  await atTheBank(page, before, loginId, password);
  // The app reads the new link's accounts before it closes (slowly, when the bank is slowed).
  await expect(dialog).toBeHidden({ timeout: 30_000 });
}

/** 明細's count of every row, once the screen has read it. */
async function statementCount(page: Page): Promise<number> {
  await nav(page, '明細');
  const count = page.getByTestId('statement-count');
  await expect(count).toHaveText(/[1-9]/);
  return Number(((await count.textContent()) ?? '').replace(/[^\d]/g, ''));
}

/** What the alignment check reads of an element (the Node project has no DOM library). */
interface Boxed {
  getBoundingClientRect(): { left: number; top: number };
}

const syncLast = (page: Page) => page.getByTestId('sync-last');

async function shot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

test('the top bar says one run’s new rows, with its total and time left while it runs, and its time never goes back after 連携解除 (items 9, 15)', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto(app.url);
  await linkCorporate(page, 'CORP0001', 'Corp-Pass-1');
  await expect(syncLast(page)).toContainText('新しい明細', { timeout: 60_000 });
  const first = await statementCount(page);
  expect(first).toBeGreaterThan(0);

  // The bank answers slowly, so the second link's first sync is long enough to estimate.
  await qaPost('/qa/api/faults', { latencyMs: 1500, count: 6 });
  await nav(page, '連携');
  await linkCorporate(page, 'CORP0003', 'Corp-Pass-3');
  await expect(page.locator('.sync-text')).toContainText(/\d+% .*全体で約[\d,]+件・残り約\d+(秒|分)/, {
    timeout: 30_000,
  });
  await shot(page, 'top-bar-first-sync-progress-ja-1280');
  await expect(syncLast(page)).toContainText('新しい明細', { timeout: 90_000 });
  const both = await statementCount(page);
  expect(both).toBeGreaterThan(first);
  // The newest run is CORP0003's first sync: its rows, not the sum with CORP0001's earlier one.
  await expect(syncLast(page)).toContainText(`新しい明細 ${(both - first).toLocaleString('ja-JP')}件`);
  const shownTime = (await syncLast(page).textContent())!.match(/前回の同期: (\S+ \S+)/)![1]!;

  // 連携解除 of that newest link: the time stays that of the last sync, not CORP0001's older one.
  await nav(page, '連携');
  const corp0003 = page.getByTestId('connection').last();
  await corp0003.getByRole('button', { name: '連携解除', exact: true }).click();
  await page
    .getByRole('dialog', { name: '連携解除' })
    .getByRole('button', { name: 'データを残して解除' })
    .click();
  await expect(corp0003.getByTestId('connection-status')).toHaveText('連携解除済み');
  await expect(syncLast(page)).toContainText(`前回の同期: ${shownTime}`);
  // A disconnected card says nothing of an end date: the link no longer has one (item 7).
  await expect(corp0003.getByTestId('connection-expiry')).toHaveCount(0);
});

test('まもなく期限切れ offers 再連携 to renew early; a link the bank stopped taking is not called revoked; 再連携 as another customer names both (item 7)', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto(app.url);
  await nav(page, '連携');
  // CORP0001's card, by its customer: the order of the cards follows the links' dates.
  const card = page
    .getByTestId('connection')
    .filter({ has: page.getByTestId('connection-holder').getByText('株式会社デモ商事', { exact: true }) });
  const link = (await desktopLinks(bank, 'CORP0001')).at(-1)!;
  await qaPost(`/qa/api/links/${link.id}/expire-in`, { days: 5 });
  await page.getByRole('button', { name: '同期', exact: true }).click();
  await expect(card.getByTestId('connection-status')).toHaveText('まもなく期限切れ', { timeout: 60_000 });
  await shot(page, 'links-expiring-ja-1280');
  // Renew now, before it ends: 再連携 is there, and the link comes back with a full term.
  let before = (await openedUrls(page)).length;
  await card.getByRole('button', { name: '再連携', exact: true }).click();
  await page
    .getByRole('dialog', { name: '再連携' })
    .getByRole('button', { name: '銀行の画面を開く' })
    .click();
  await atTheBank(page, before, 'CORP0001', 'Corp-Pass-1');
  await expect(card.getByTestId('connection-status')).toHaveText('有効', { timeout: 30_000 });
  await expect(card.getByTestId('connection-expiry')).toContainText(/（残り(8\d|9\d)日）/);

  // Expired from the QA console: the card says the bank stopped taking it, expiry first.
  const renewed = (await desktopLinks(bank, 'CORP0001')).at(-1)!;
  await qaPost(`/qa/api/links/${renewed.id}/expire`);
  await page.getByRole('button', { name: '同期', exact: true }).click();
  await expect(card.getByTestId('connection-status')).toHaveText('要再連携', { timeout: 30_000 });
  await expect(card.getByTestId('connection-expiry')).toContainText('期限切れ');
  await page.getByRole('alert').getByRole('button', { name: '閉じる' }).click();

  // 再連携 as CORP9000: refused, naming who logged in and whose link it is.
  before = (await openedUrls(page)).length;
  await card.getByRole('button', { name: '再連携', exact: true }).click();
  await page
    .getByRole('dialog', { name: '再連携' })
    .getByRole('button', { name: '銀行の画面を開く' })
    .click();
  await atTheBank(page, before, 'CORP9000', 'Corp-Pass-9');
  const alert = page.locator('[role="alert"][data-code="RELINK_OTHER_CUSTOMER"]');
  await expect(alert).toBeVisible({ timeout: 30_000 });
  await expect(alert.getByTestId('other-customer')).toContainText('株式会社デモ大量取引');
  await expect(alert.getByTestId('other-customer')).toContainText('株式会社デモ商事');
  await shot(page, 'links-relink-other-customer-ja-1280');
  await expect(card.getByTestId('connection-status')).toHaveText('要再連携');
});

test('dates are typed and shown in the app’s language, counts always with separators (item 8)', async ({
  page,
}) => {
  await page.goto(app.url);
  await nav(page, '明細');
  const from = page.getByLabel('開始日');
  await expect(from).toHaveAttribute('placeholder', 'YYYY/MM/DD');
  await from.fill('2025/12/01');
  await expect(from).not.toHaveAttribute('aria-invalid', 'true');
  const count = page.getByTestId('statement-count');
  await expect(count).toHaveText(/^\d{1,3}(,\d{3})*件$/);
  await from.fill('2025/13/01');
  await expect(from).toHaveAttribute('aria-invalid', 'true');
  await from.fill('2025/12/01');
  await from.blur();

  // English: the same field reads and writes DD/MM/YYYY, whatever the browser's own locale.
  await nav(page, '設定');
  await page.getByLabel('言語').selectOption('en');
  await page.getByRole('navigation').getByRole('button', { name: 'Statements' }).click();
  const fromEn = page.getByLabel('From');
  await expect(fromEn).toHaveAttribute('placeholder', 'DD/MM/YYYY');
  await fromEn.fill('01/12/2025');
  await fromEn.blur();
  await expect(fromEn).toHaveValue('01/12/2025');
  await expect(page.getByTestId('statement-count')).toHaveText(/^\d{1,3}(,\d{3})* items?$/);
  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Language').selectOption('ja');
});

test('screenshots of 口座, 明細, 連携 and 設定 with the top bar, at 1280×800 and 800×600, in Japanese and English', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto(app.url);
  for (const lang of ['ja', 'en'] as const) {
    await nav(page, '設定');
    await page.getByLabel('言語').selectOption(lang);
    for (const size of [
      { width: 1280, height: 800 },
      { width: 800, height: 600 },
    ]) {
      await page.setViewportSize(size);
      const names =
        lang === 'ja' ? ['口座', '明細', '連携', '設定'] : ['Accounts', 'Statements', 'Links', 'Settings'];
      for (const name of names) {
        await nav(page, name);
        if (name === '設定' || name === 'Settings')
          await page
            .locator('[data-testid="settings-advanced"]:not([open]) > summary')
            .click()
            .catch(() => {});
        await page.waitForTimeout(300);
        await shot(page, `${name}-${lang}-${size.width}`);
      }
    }
    await nav(page, lang === 'ja' ? '設定' : 'Settings');
    await page.getByLabel(lang === 'ja' ? '言語' : 'Language').selectOption('ja');
  }
});

test('明細 keeps 残高 and 口座 keeps 明細件数 in an 800×600 window (item 5)', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 600 });
  await page.goto(app.url);
  await nav(page, '口座');
  const header = page.getByRole('columnheader', { name: '明細', exact: true }).first();
  await expect(header).toBeInViewport({ ratio: 1 });
  await expect(page.getByTestId('account-row').first().locator('td').last()).toBeInViewport({ ratio: 1 });
  await nav(page, '明細');
  await expect(page.getByRole('columnheader', { name: '残高' })).toBeInViewport({ ratio: 1 });
  await expect(page.getByTestId('statement-row').first().getByRole('cell').last()).toBeInViewport({
    ratio: 1,
  });
});

test('設定 keeps the bank profiles under 詳細設定, and 接続テスト says in words why a bank cannot be reached (item 13)', async ({
  page,
}) => {
  await page.goto(app.url);
  await nav(page, '設定');
  await expect(page.getByLabel('認可サーバーのURL').first()).toBeHidden();
  await expect(page.getByText('Issuer').first()).toBeHidden();
  await page.getByText('詳細設定', { exact: true }).click();
  const form = page.getByTestId('profile').last();
  await form.getByLabel('名称').fill('ない銀行');
  await form.getByLabel('認可サーバーのURL').fill('https://no-such-bank.invalid');
  await form.getByLabel('クライアントID').fill('bankdemo-desktop');
  await form.getByLabel('APIのURL', { exact: true }).fill('https://no-such-bank.invalid/api/v1');
  await form.getByRole('button', { name: '接続テスト' }).click();
  const report = form.getByTestId('profile-test');
  await expect(report.getByRole('listitem').first()).toContainText('この名前のサーバーが見つかりません');
  await expect(report).not.toContainText(/ENOTFOUND|getaddrinfo/);
  // The fields sit in a grid: every input of one row of it starts at the same height.
  const boxes = await form
    .locator('.profile-fields input, .profile-fields select')
    .evaluateAll((els) =>
      (els as unknown as Boxed[])
        .map((e) => e.getBoundingClientRect())
        .map((r) => [Math.round(r.left), Math.round(r.top)] as const),
    );
  const columns = new Set(boxes.map(([left]) => left)).size;
  for (let i = 0; i < boxes.length; i += columns) {
    const tops = boxes.slice(i, i + columns).map(([, top]) => top);
    expect(new Set(tops).size, `a row of fields starts at ${tops.join(', ')} px`).toBe(1);
  }
  await shot(page, 'settings-advanced-test-ja-1280');
});

test('the page loads its favicon, and nothing it asks for is missing (item 15)', async ({ page }) => {
  const missing: string[] = [];
  page.on('response', (res) => {
    if (res.status() === 404) missing.push(res.url());
  });
  await page.goto(app.url);
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', /favicon\.svg$/);
  const icon = await page.request.get(`${app.origin}/favicon.svg`);
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toContain('image/svg+xml');
  await page.waitForLoadState('networkidle');
  expect(missing).toEqual([]);
});

test('without a keychain service the notice says one thing and the way out: the repository’s keyring script (item 12)', async ({
  page,
}) => {
  const bare = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-nokeyring-'));
  const noKeyring = await startApp({
    dataDir: bare,
    issuer: bank.issuer,
    env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' },
  });
  try {
    await page.goto(noKeyring.url);
    await page.getByRole('button', { name: '口座を連携' }).first().click();
    await page
      .getByRole('dialog', { name: '口座を連携' })
      .getByRole('button', { name: '法人（WEB-FB）' })
      .click();
    const alert = page.locator('[role="alert"][data-code="KEYCHAIN_UNAVAILABLE"]');
    await expect(alert).toBeVisible({ timeout: 30_000 });
    await expect(alert.getByTestId('keychain-cause')).toContainText('scripts/with-test-keyring.sh');
    // The headline no longer tells a machine with no keychain to unlock it.
    await expect(alert.locator('.notice-message')).not.toContainText('ロックを解除');
    await shot(page, 'keychain-unavailable-ja-1280');
  } finally {
    await noKeyring.stop();
    fs.rmSync(bare, { recursive: true, force: true });
  }
});

test('when the app process ends, the tab says the app has stopped and how to start it, instead of retrying (item 11)', async ({
  page,
}) => {
  const stoppedSays = { ja: 'アプリは停止しています', en: 'The app has stopped' };
  for (const lang of ['ja', 'en'] as const) {
    const own = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-stopped-'));
    const shortLived = await startApp({ dataDir: own, issuer: bank.issuer });
    try {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(shortLived.url);
      await expect(page.getByRole('button', { name: '口座を連携' }).first()).toBeVisible();
      if (lang === 'en') {
        await nav(page, '設定');
        await page.getByLabel('言語').selectOption('en');
        await expect(page.getByRole('navigation').getByRole('button', { name: 'Settings' })).toBeVisible();
      }
      await shortLived.stop();
      const stopped = page.getByTestId('app-stopped');
      await expect(stopped).toBeVisible({ timeout: 15_000 });
      await expect(stopped.getByRole('heading')).toHaveText(stoppedSays[lang]);
      await expect(page).toHaveTitle(stoppedSays[lang]);
      await expect(stopped).toContainText('npm run start:browser');
      await expect(page.getByRole('button')).toHaveCount(0);
      for (const size of [
        { width: 1280, height: 800 },
        { width: 800, height: 600 },
      ]) {
        await page.setViewportSize(size);
        await shot(page, `stopped-${lang}-${size.width}`);
      }
    } finally {
      await shortLived.stop();
      fs.rmSync(own, { recursive: true, force: true });
    }
  }
});
