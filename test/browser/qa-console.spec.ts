import { expect, test } from '@playwright/test';
import { authorizationRequest, consentAsCorporate, desktopClient } from '../support/consent-flow.ts';
import { bank, screen } from './bank-e2e.ts';

test.describe.configure({ mode: 'serial' });

test('a tester drives the QA console: live codes, unlock, faults, maintenance, links, posts, reset', async ({
  page,
}, testInfo) => {
  // A link to act on, made through the real consent flow.
  const request = await authorizationRequest(await desktopClient(bank), 'http://127.0.0.1:46000/callback', {
    channel: 'corporate',
  });
  await consentAsCorporate(bank, request);

  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto('/qa');
  await expect(page.getByRole('heading', { name: 'QAコンソール' })).toBeVisible();
  const otp = page.locator('[data-otp-login="1000000001"]');
  await expect(otp).toHaveText(/^\d{6}$/);
  await expect(page.locator('[data-otp-remaining="1000000001"]')).toHaveText(/あと\d+秒/);
  await screen(page, testInfo, '20-qa-console');

  const locked = page.locator('tr[data-login-id="1000000003"]');
  await expect(locked.locator('.status')).toContainText('ロック中');
  await locked.getByRole('button', { name: '解除' }).click();
  await expect(locked.locator('.status')).toHaveText('利用可');

  await page.locator('[data-form="status-fault"] select[name="status"]').selectOption('429');
  await page.locator('[data-form="status-fault"] input[name="count"]').fill('2');
  await page.getByRole('button', { name: 'エラーを注入' }).click();
  await expect(page.locator('.pending')).toContainText('次の 2 回: HTTP 429（Retry-After 2秒）');
  const faults = (await (await fetch(`${bank.issuer}/qa/api/faults`)).json()) as {
    faults: { status: number }[];
  };
  expect(faults.faults[0]!.status).toBe(429);
  await page.getByRole('button', { name: 'すべて解除' }).click();
  await expect(page.locator('.pending')).toHaveCount(0);

  await page.getByRole('button', { name: 'メンテナンスを開始' }).click();
  await expect(page.locator('#maintenance-state')).toContainText('実施中');
  const during = await fetch(`${bank.issuer}/api/v1/accounts`);
  expect(during.status).toBe(503);
  await page.getByRole('button', { name: 'メンテナンスを終了' }).click();
  await expect(page.locator('#maintenance-state')).toHaveText('停止中');

  const link = page.locator('#links tbody tr').first();
  await expect(link.locator('.status')).toHaveText('有効');
  await link.getByRole('button', { name: '期限切れにする' }).click();
  await expect(page.locator('#links tbody tr').first().locator('.status')).toHaveText('期限切れ');

  await page.locator('[data-form="post-transactions"] select').selectOption('002019000001');
  await page.getByRole('button', { name: '取引を追加' }).click();
  await expect(page.locator('#audit tbody tr').first()).toContainText('post transactions');
  await screen(page, testInfo, '21-qa-console-after-actions');

  await page.getByRole('button', { name: '初期状態に戻す' }).click();
  // A reset regenerates two years of statements (CORP9000's ~100,000 rows): seconds on a busy machine.
  await expect(page.getByText('まだ連携はありません。')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('tr[data-login-id="1000000003"] .status')).toContainText('ロック中');
});
