import { expect, test, type Page } from '@playwright/test';
import { E2E_SHELL } from '../../playwright.config.ts';
import { screen, totpNow } from './bank-e2e.ts';

/**
 * The desktop app through its browser shell: the real renderer and the real core, linking to the
 * real bank. The test is also the "system browser": it reads the URL the core asked to open and
 * goes through the bank's screens in a second page, as the customer would.
 */
const shell = `http://127.0.0.1:${E2E_SHELL.port}`;

async function openedUrls(page: Page): Promise<string[]> {
  return (await page.request.get(`${shell}/test-hook/opened-urls`)).json() as Promise<string[]>;
}

test('connect with WEBバンキング in the system browser, sync, and see balances', async ({
  page,
  context,
}, testInfo) => {
  await page.goto(`${shell}/?key=${E2E_SHELL.secret}`);
  await expect(page).toHaveURL(`${shell}/`);
  await expect(page.getByRole('heading', { name: 'デモ信用金庫 連携アプリ' })).toBeVisible();
  await expect(page.getByText('まず銀行口座を連携しましょう')).toBeVisible();
  await screen(page, testInfo, '30-app-empty');

  const before = (await openedUrls(page)).length;
  await page.getByRole('button', { name: '個人（WEBバンキング）で連携' }).click();
  await expect(page.getByText('ブラウザで認証を続けてください')).toBeVisible();
  await screen(page, testInfo, '31-app-waiting');

  await expect.poll(async () => (await openedUrls(page)).length).toBe(before + 1);
  const authorizationUrl = (await openedUrls(page)).at(-1)!;
  const bankTab = await context.newPage();
  await bankTab.goto(authorizationUrl);
  // 1000000002: the other browser tests log in as 1000000001, and a one-time password is good once.
  await bankTab.getByLabel('契約者ID').fill('1000000002');
  await bankTab.getByLabel('パスワード').fill('Demo-Pass-2');
  await bankTab.getByRole('button', { name: '認証' }).click();
  await bankTab.getByLabel('ワンタイムパスワード').fill(totpNow('KRSXG5CTMVRXEZLU'));
  await bankTab.getByRole('button', { name: '認証' }).click();
  await bankTab.getByLabel(/利用規定に同意しました/).check();
  await bankTab.getByRole('button', { name: '許可' }).click();
  await expect(bankTab.getByText('連携が完了しました。アプリに戻ってください。')).toBeVisible();
  await expect(bankTab).not.toHaveURL(/code=/);
  await screen(bankTab, testInfo, '33-browser-tab-done');
  await bankTab.close();

  await expect(page.locator('.connection')).toContainText('デモ信用金庫 WEBバンキング');
  await expect(page.locator('.connection .badge')).toHaveText('有効');
  await page.getByRole('button', { name: '同期' }).click();
  await expect(page.getByText(/前回の同期/)).toBeVisible({ timeout: 30_000 });
  const rows = page.locator('table.accounts tbody tr');
  await expect(rows.first()).toBeVisible();
  await expect(rows.first()).toContainText('￥');
  await expect(page.locator('table.accounts .total')).toContainText('￥');
  await screen(page, testInfo, '32-app-balances');
});

test('the bridge refuses calls without the session, from another origin, or under another host name', async ({
  request,
}) => {
  const call = (headers: Record<string, string>) =>
    request.post(`${shell}/bridge/invoke`, {
      headers: { 'content-type': 'application/json', ...headers },
      data: { channel: 'connections:list' },
    });
  const cookie = `bankdemo_shell=${E2E_SHELL.secret}`;
  expect((await call({ origin: shell })).status()).toBe(403);
  expect((await call({ origin: 'http://evil.example', cookie })).status()).toBe(403);
  expect((await call({ origin: shell, cookie, host: `rebound.example:${E2E_SHELL.port}` })).status()).toBe(
    403,
  );
  expect((await call({ origin: shell, cookie })).status()).toBe(200);
  expect((await request.get(`${shell}/bridge/events`)).status()).toBe(403);
});
