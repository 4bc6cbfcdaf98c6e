import { expect, test, type Page } from '@playwright/test';
import { E2E_SHELL } from '../../playwright.config.ts';
import { bank, qaPost, screen, totpNow } from './bank-e2e.ts';

/**
 * The desktop app through its browser shell: the real renderer and the real core, linking to the
 * real bank. The test is also the "system browser": it reads the URL the core asked to open and
 * goes through the bank's screens in a second page, as the customer would.
 */
const shell = `http://127.0.0.1:${E2E_SHELL.port}`;

async function openedUrls(page: Page): Promise<string[]> {
  return (await page.request.get(`${shell}/test-hook/opened-urls`)).json() as Promise<string[]>;
}

test('connect with WEBバンキング in the system browser, sync, and see balances and statements', async ({
  page,
  context,
}, testInfo) => {
  const nav = page.getByRole('navigation');
  await page.goto(`${shell}/?key=${E2E_SHELL.secret}`);
  await expect(page).toHaveURL(`${shell}/`);
  await expect(page.getByRole('heading', { name: 'デモ信用金庫 連携アプリ' })).toBeVisible();
  await expect(nav.getByRole('button', { name: '口座' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByText('まず銀行口座を連携しましょう')).toBeVisible();
  await screen(page, testInfo, '30-app-empty');

  const before = (await openedUrls(page)).length;
  await page.getByRole('button', { name: '口座を連携' }).click();
  const dialog = page.getByRole('dialog', { name: '口座を連携' });
  await dialog.getByRole('button', { name: '個人（WEBバンキング）' }).click();
  await expect(dialog.getByText('ブラウザで認証を続けてください')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'キャンセル' })).toBeEnabled();
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
  await expect(dialog).toBeHidden();

  await nav.getByRole('button', { name: '連携' }).click();
  const connection = page.getByTestId('connection');
  await expect(connection).toContainText('デモ信用金庫');
  await expect(connection).toContainText('WEBバンキング');
  await expect(connection).toContainText('残高照会・入出金明細照会');
  await expect(connection).toContainText(/残り\d+日/);
  await expect(connection.getByTestId('connection-status')).toHaveText('有効');

  await page.getByRole('button', { name: '同期', exact: true }).click();
  await expect(page.getByText(/前回の同期/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('alert')).toHaveCount(0);
  await nav.getByRole('button', { name: '口座' }).click();
  const rows = page.getByTestId('accounts-table').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  await expect(rows.first()).toContainText('￥');
  await expect(rows.first()).toContainText(/\*{4}\d{4}/);
  await expect(page.getByTestId('accounts-total')).toContainText('￥');
  await screen(page, testInfo, '32-app-balances');

  await nav.getByRole('button', { name: '明細' }).click();
  await expect(page.getByTestId('statement-count')).toHaveText(/^[\d,]+件$/);
  await expect(page.getByTestId('statement-row').first()).toContainText('￥');
  await page.getByLabel('区分').selectOption('2');
  await expect(page.getByTestId('statement-row').first()).toBeVisible();
  await screen(page, testInfo, '34-app-statements');
});

// The tests below use the link the first test made (the tests of a file run in order, one worker).
test('the statement list: virtualized, half-width and full-width kana alike, filters by type', async ({
  page,
}) => {
  await page.goto(`${shell}/?key=${E2E_SHELL.secret}`);
  await page.getByRole('navigation').getByRole('button', { name: '明細' }).click();
  const count = page.getByTestId('statement-count');
  await expect(count).toHaveText(/^[\d,]+件$/);
  const total = Number((await count.textContent())!.replace(/\D/g, ''));
  await expect(page.getByTestId('statement-row').first()).toBeVisible();
  // Only the rows in view (and a few around them) are in the page.
  expect(total).toBeGreaterThan(200);
  expect(await page.getByTestId('statement-row').count()).toBeLessThan(100);

  // The bank writes ﾃﾞﾓｶ-ﾄﾞ in half-width kana; the user may type it any way.
  const remarks = page.getByLabel('摘要');
  await remarks.fill('ﾃﾞﾓ');
  await expect(page.getByTestId('statement-row').first()).toContainText('ﾃﾞﾓ');
  await expect(count).toHaveText(/^[\d,]+件$/);
  const halfWidth = await count.textContent();
  expect(halfWidth).not.toBe(`${total.toLocaleString('ja-JP')}件`);
  for (const typed of ['デモ', 'でも']) {
    await remarks.fill(typed);
    await expect(page.getByTestId('statement-row').first()).toContainText('ﾃﾞﾓ');
    await expect(count).toHaveText(halfWidth!);
  }
  // Its long vowel is a hyphen-minus (ｶ-ﾄﾞ); カード, typed with ー, finds the same rows.
  const all = `${total.toLocaleString('ja-JP')}件`;
  await remarks.fill('');
  await expect(count).toHaveText(all);
  await remarks.fill('ｶ-ﾄﾞ');
  await expect(count).not.toHaveText(all);
  await expect(page.getByTestId('statement-row').first()).toContainText('ｶ-ﾄﾞ');
  const asPrinted = await count.textContent();
  await remarks.fill('カード');
  await expect(page.getByTestId('statement-row').first()).toContainText('ｶ-ﾄﾞ');
  await expect(count).toHaveText(asPrinted!);

  await remarks.fill('');
  await page.getByLabel('区分').selectOption('1');
  await expect(count).toHaveText(/^[\d,]+件$/);
  await expect(count).not.toHaveText(`${total.toLocaleString('ja-JP')}件`);
  await expect(page.getByTestId('statement-row').first().locator('.deposit')).toContainText('￥');
  await expect(page.getByTestId('statement-row').first().locator('.withdrawal')).toHaveText('');
});

test('キャンセル in the connect dialog ends the wait without an error', async ({ page }) => {
  await page.goto(`${shell}/?key=${E2E_SHELL.secret}`);
  await page.getByRole('navigation').getByRole('button', { name: '連携' }).click();
  await page.getByRole('button', { name: '口座を連携' }).click();
  const dialog = page.getByRole('dialog', { name: '口座を連携' });
  await dialog.getByRole('button', { name: '法人（WEB-FB）' }).click();
  await expect(dialog.getByText('ブラウザで認証を続けてください')).toBeVisible();
  await dialog.getByRole('button', { name: 'キャンセル' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('alert')).toHaveCount(0);
  // The core is free again: a new link can start at once.
  await page.getByRole('button', { name: '口座を連携' }).click();
  await dialog.getByRole('button', { name: '法人（WEB-FB）' }).click();
  await expect(dialog.getByText('ブラウザで認証を続けてください')).toBeVisible();
  await dialog.getByRole('button', { name: 'キャンセル' }).click();
  await expect(dialog).toBeHidden();
});

test('a bank that stays unavailable: the wait it asked for, then the error in words with 再試行 from the time it allows', async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  await page.goto(`${shell}/?key=${E2E_SHELL.secret}`);
  // More 503s (Retry-After 2 s) than the core's attempts: the run ends as BANK_UNAVAILABLE.
  await qaPost('/qa/api/faults', { status: 503, count: 6, retryAfter: 2 });
  try {
    await page.getByRole('button', { name: '同期', exact: true }).click();
    await expect(page.getByText(/銀行の指示で待機中/)).toBeVisible({ timeout: 15_000 });
    const alert = page.getByRole('alert');
    await expect(alert).toHaveAttribute('data-code', 'BANK_UNAVAILABLE', { timeout: 60_000 });
    await expect(alert).toContainText('銀行のサービスに接続できません');
    await expect(alert).toContainText('以降に再試行できます');
    await expect(page.getByText(/前回の同期.*失敗/)).toBeVisible();
    await screen(page, testInfo, '35-app-bank-unavailable');
    const retry = alert.getByRole('button', { name: '再試行' });
    await expect(retry).toBeEnabled({ timeout: 10_000 });
    await retry.click();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(page.getByText(/前回の同期.*新しい明細/)).toBeVisible({ timeout: 30_000 });
  } finally {
    await fetch(`${bank.issuer}/qa/api/faults`, { method: 'DELETE' });
  }
});

test('the UI switches to English and back, and keeps the choice', async ({ page }) => {
  const nav = page.getByRole('navigation');
  await page.goto(`${shell}/?key=${E2E_SHELL.secret}`);
  await nav.getByRole('button', { name: '設定' }).click();
  await page.getByLabel('言語').selectOption('en');
  await expect(page.getByRole('heading', { name: 'BankDemo' })).toBeVisible();
  await expect(nav.getByRole('button', { name: 'Settings' })).toHaveAttribute('aria-current', 'page');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'BankDemo' })).toBeVisible();
  await nav.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Language').selectOption('ja');
  await expect(page.getByRole('heading', { name: 'デモ信用金庫 連携アプリ' })).toBeVisible();
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
