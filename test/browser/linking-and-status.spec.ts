import { expect, test, type Page } from '@playwright/test';
import { E2E_SHELL } from '../../playwright.config.ts';
import type { BankdemoBridge } from '../../shared/ipc/contract.ts';
import { bank, qaPost, screen } from './bank-e2e.ts';

/**
 * Linking cannot get stuck, and the status tells the truth — through the browser shell against the
 * real bank. Runs after desktop-browser-shell.spec.ts (files run in order, one worker), whose first
 * test leaves a personal link; these add CORP0001's corporate one.
 */
const shell = `http://127.0.0.1:${E2E_SHELL.port}`;
/** The page's window.bankdemo (the IPC contract the UI uses), for what a test must read from the core. */
type AppWindow = { bankdemo: BankdemoBridge };

async function openedUrls(page: Page): Promise<string[]> {
  return (await page.request.get(`${shell}/test-hook/opened-urls`)).json() as Promise<string[]>;
}

/** The app's one-shot callback address, as the core announces it to the UI (connect:waiting). */
function callbackAddress(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const off = (globalThis as unknown as AppWindow).bankdemo.subscribe((event) => {
          if (event.type === 'connect:waiting') {
            off();
            resolve(event.redirectUri);
          }
        });
      }),
  );
}

/**
 * CORP0001 logs in with its password and allows access in a tab of its own; the app's dialog then
 * closes without an error, and the one WEB-FB link is there (a second link of the same accounts
 * goes to the same connection).
 */
async function consentAsCorp0001(page: Page, authorizationUrl: string) {
  const bankTab = await page.context().newPage();
  await bankTab.goto(authorizationUrl);
  await bankTab.getByLabel('お客様ID').fill('CORP0001');
  await bankTab.getByLabel('ログインパスワード').fill('Corp-Pass-1');
  await bankTab.getByRole('button', { name: '認証', exact: true }).click();
  await bankTab.getByLabel(/利用規定に同意しました/).check();
  await bankTab.getByRole('button', { name: '許可' }).click();
  await expect(bankTab.getByText('連携が完了しました。アプリに戻ってください。')).toBeVisible();
  await bankTab.close();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByTestId('connection').filter({ hasText: 'WEB-FB' })).toHaveCount(1);
}

async function startCorporateLink(page: Page) {
  const before = (await openedUrls(page)).length;
  await page.getByRole('navigation').getByRole('button', { name: '連携' }).click();
  await page.getByRole('button', { name: '口座を連携' }).click();
  await page
    .getByRole('dialog', { name: '口座を連携' })
    .getByRole('button', { name: '法人（WEB-FB）' })
    .click();
  await expect.poll(async () => (await openedUrls(page)).length).toBe(before + 1);
  return (await openedUrls(page)).at(-1)!;
}

test('the waiting dialog names the bank and channel, shows the address it opened with コピー and もう一度開く, and the minutes left; a stray callback does not end the link', async ({
  page,
  context,
}, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: shell });
  await page.goto(`${shell}/?key=${E2E_SHELL.secret}`);
  const callback = callbackAddress(page);
  const opened = await startCorporateLink(page);
  const dialog = page.getByRole('dialog', { name: '口座を連携' });
  await expect(dialog.getByTestId('waiting-for')).toHaveText(
    'デモ信用金庫・法人（WEB-FB）の認証を待っています',
  );
  await expect(dialog.getByTestId('authorization-url')).toHaveValue(opened);
  await expect(dialog.getByTestId('minutes-left')).toHaveText(/^残り[45]分$/);
  await dialog.getByRole('button', { name: 'コピー' }).click();
  await expect(dialog.getByRole('button', { name: 'コピーしました' })).toBeVisible();
  expect(await page.evaluate('navigator.clipboard.readText()')).toBe(opened);
  await screen(page, testInfo, '40-app-waiting-with-address');

  // もう一度開く asks the core to open the same address again (through the shell's bank-only check).
  const count = (await openedUrls(page)).length;
  await dialog.getByRole('button', { name: 'もう一度開く' }).click();
  await expect.poll(async () => (await openedUrls(page)).slice(count)).toEqual([opened]);

  // A request with another state to the app's callback port: refused with a page, and the wait goes on.
  const strayTab = await context.newPage();
  const stray = await strayTab.goto(`${await callback}?code=not-for-this-flow&state=someone-else`);
  expect(stray!.status()).toBe(400);
  await expect(strayTab.getByRole('heading')).toHaveText(
    'このアクセスは、アプリが待っている連携のものではないため受け付けませんでした。',
  );
  await screen(strayTab, testInfo, '41-browser-tab-stray-callback');
  await strayTab.close();
  await expect(dialog.getByText('ブラウザで認証を続けてください')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);

  await consentAsCorp0001(page, opened);
});

test('a reload mid-link brings the waiting dialog back; キャンセル works; a new link then works', async ({
  page,
}, testInfo) => {
  await page.goto(`${shell}/?key=${E2E_SHELL.secret}`);
  const first = await startCorporateLink(page);
  const dialog = page.getByRole('dialog', { name: '口座を連携' });
  await expect(dialog.getByTestId('authorization-url')).toHaveValue(first);

  await page.reload();
  await expect(dialog.getByTestId('waiting-for')).toHaveText(
    'デモ信用金庫・法人（WEB-FB）の認証を待っています',
  );
  await expect(dialog.getByTestId('authorization-url')).toHaveValue(first);
  await screen(page, testInfo, '42-app-waiting-after-reload');
  await dialog.getByRole('button', { name: 'キャンセル' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('alert')).toHaveCount(0);

  // Not CONNECT_IN_PROGRESS: the cancelled wait is over in the core too.
  const second = await startCorporateLink(page);
  expect(second).not.toBe(first);
  await expect(dialog.getByTestId('authorization-url')).toHaveValue(second);
  await consentAsCorp0001(page, second);
});

test('a sync where one link failed is never a green 新しい明細, even when another link synced after it; 設定 shows the log file, each field’s help, and 接続テスト in Japanese', async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  await page.goto(`${shell}/?key=${E2E_SHELL.secret}`);
  // A link an earlier test left waiting would hold its dialog over the screen.
  await page.evaluate(() =>
    (globalThis as unknown as AppWindow).bankdemo.invoke('connections:cancel', undefined),
  );
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const last = page.getByTestId('sync-last');
  await expect(page.getByRole('button', { name: '同期', exact: true })).toBeEnabled({ timeout: 30_000 });
  // The next API call answers 500: the link that asks first fails at once, the other syncs on after it.
  await qaPost('/qa/api/faults', { status: 500, count: 1 });
  try {
    await page.getByRole('button', { name: '同期', exact: true }).click();
    await expect(page.getByRole('alert')).toHaveAttribute('data-code', 'BANK_ERROR', { timeout: 30_000 });
    await expect(page.getByRole('progressbar')).toHaveCount(0, { timeout: 30_000 });
    await expect(last).toContainText(/前回の同期.*失敗 1件/);
    await expect(last.locator('.result-ok')).toHaveCount(0);
    await screen(page, testInfo, '43-app-sync-one-link-failed');
  } finally {
    await fetch(`${bank.issuer}/qa/api/faults`, { method: 'DELETE' });
  }
  await page.getByRole('button', { name: '同期', exact: true }).click();
  await expect(last).toContainText(/前回の同期.*新しい明細/, { timeout: 30_000 });
  await expect(last.locator('.result-error')).toHaveCount(0);

  await page.getByRole('navigation').getByRole('button', { name: '設定' }).click();
  await expect(page.getByTestId('log-file')).toHaveText(/logs[/\\]bankdemo\.log$/);
  await page.getByTestId('settings-advanced').getByText('詳細設定', { exact: true }).click();
  const builtIn = page.getByTestId('profile').first();
  await expect(builtIn.getByLabel('認可サーバーのURL')).toHaveAccessibleDescription(/Issuer/);
  // 接続テスト says what it found in the UI's language.
  await builtIn.getByRole('button', { name: '接続テスト' }).click();
  const report = builtIn.getByTestId('profile-test');
  await expect(report).toContainText('接続できました');
  await expect(report).toContainText('を 401 で拒否しました');
  await expect(report).toContainText('API は デモ信用金庫（/api/v1） の形式で応答しています');
  await screen(page, testInfo, '44-app-settings-log-and-help');
});
