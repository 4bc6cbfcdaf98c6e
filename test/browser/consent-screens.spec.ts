import { expect, test } from '@playwright/test';
import * as oauth from 'openid-client';
import { clientCertificateFiles } from '../../simulator/pki/bank-pki.ts';
import { authorizationRequest, desktopClient, partnerClient } from '../support/consent-flow.ts';
import { startLoopbackReceiver, type LoopbackReceiver } from '../support/loopback-receiver.ts';
import { bank, qaPost, screen, totpNow } from './bank-e2e.ts';

let receiver: LoopbackReceiver;
test.beforeEach(async () => {
  receiver = await startLoopbackReceiver();
});
test.afterEach(async () => {
  await receiver.close();
});

async function startLink(channel: 'personal' | 'corporate', params: Record<string, string> = {}) {
  const config = await desktopClient(bank);
  const request = await authorizationRequest(config, receiver.redirectUri, { channel, ...params });
  return { config, request };
}

test('personal link: 契約者ID + password, then the one-time password, then consent; the app gets tokens', async ({
  page,
}, testInfo) => {
  const { config, request } = await startLink('personal');
  await page.goto(request.url.href);
  await expect(page.getByRole('heading', { name: 'APIサービス認証' })).toBeVisible();
  await screen(page, testInfo, '01-personal-login');

  await page.getByLabel('契約者ID').fill('1000000001');
  await page.getByLabel('パスワード').fill('Demo-Pass-1');
  await page.getByRole('button', { name: '認証' }).click();
  await expect(page.getByRole('heading', { name: 'ワンタイムパスワード認証' })).toBeVisible();
  await screen(page, testInfo, '02-personal-otp');

  await page.getByLabel('ワンタイムパスワード').fill(totpNow('JBSWY3DPEHPK3PXP'));
  await page.getByRole('button', { name: '認証' }).click();
  await expect(page.getByRole('heading', { name: 'アクセス許可' })).toBeVisible();
  await expect(page.locator('.operations')).toContainText('残高照会');
  await expect(page.locator('.operations')).toContainText('入出金明細照会');
  await expect(page.getByText('口座連携の有効期限は90日間です')).toBeVisible();
  await screen(page, testInfo, '03-consent');

  await page.getByLabel('しんきんインターネットバンキングAPIサービス利用規定に同意しました。').check();
  await page.getByRole('button', { name: '許可' }).click();
  const callback = await receiver.callback;
  await expect(page.getByText('連携が完了しました')).toBeVisible();

  const tokens = await oauth.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: request.verifier,
    expectedState: request.state,
  });
  expect(tokens.refresh_token).toBeTruthy();
  expect(tokens.scope?.split(' ').sort()).toEqual(['balances:read', 'transactions:read']);
});

test('corporate link with ID and password', async ({ page }, testInfo) => {
  const { config, request } = await startLink('corporate');
  await page.goto(request.url.href);
  await expect(page.getByRole('heading', { name: '電子証明書方式のお客さま' })).toBeVisible();
  await screen(page, testInfo, '04-corporate-login');
  await page.getByLabel('お客様ID').fill('CORP0001');
  await page.getByLabel('ログインパスワード').fill('Corp-Pass-1');
  await page.getByRole('button', { name: '認証', exact: true }).click();
  await expect(page.getByText('本店営業部 当座 5001002')).toBeVisible();
  await page.getByLabel(/利用規定に同意しました/).check();
  await page.getByRole('button', { name: '許可' }).click();
  const tokens = await oauth.authorizationCodeGrant(config, await receiver.callback, {
    pkceCodeVerifier: request.verifier,
    expectedState: request.state,
  });
  expect(tokens.access_token).toBeTruthy();
});

test('corporate link with the electronic certificate (電子証明書認証)', async ({ browser }, testInfo) => {
  const cert = clientCertificateFiles(bank.dataDir, 'CORP0002');
  const context = await browser.newContext({
    // The bank's TLS certificate is signed by its own demo CA, which Chromium does not know.
    ignoreHTTPSErrors: true,
    clientCertificates: [{ origin: bank.tlsOrigin, certPath: cert.certPath, keyPath: cert.keyPath }],
  });
  const page = await context.newPage();
  const { config, request } = await startLink('corporate');
  await page.goto(request.url.href);
  await page.getByRole('button', { name: '電子証明書認証' }).click();
  await expect(page.getByRole('heading', { name: 'アクセス許可' })).toBeVisible();
  await expect(page.getByText('港支店 当座 5002001')).toBeVisible();
  await screen(page, testInfo, '05-consent-after-certificate');
  await page.getByLabel(/利用規定に同意しました/).check();
  await page.getByRole('button', { name: '許可' }).click();
  const tokens = await oauth.authorizationCodeGrant(config, await receiver.callback, {
    pkceCodeVerifier: request.verifier,
    expectedState: request.state,
  });
  expect(tokens.refresh_token).toBeTruthy();
  await context.close();
});

test('電子証明書認証 without a certificate is refused with a way back', async ({ browser }, testInfo) => {
  // A certificate from a foreign CA is refused the same way; that case is covered over real TLS in
  // test/simulator/login-and-consent.test.ts, because Playwright's client-certificate proxy drops the
  // connection instead of passing the bank's answer on.
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  const { request } = await startLink('corporate');
  await page.goto(request.url.href);
  await page.getByRole('button', { name: '電子証明書認証' }).click();
  await expect(page.getByRole('heading', { name: '電子証明書を確認できません' })).toBeVisible();
  await screen(page, testInfo, '06-certificate-refused');
  await page.getByRole('link', { name: '認証画面に戻る' }).click();
  await expect(page.getByRole('heading', { name: 'ID・パスワード方式のお客さま' })).toBeVisible();
  await context.close();
});

test('キャンセル on the login screen returns access_denied to the app', async ({ page }) => {
  const { request } = await startLink('personal');
  await page.goto(request.url.href);
  await page.getByRole('button', { name: 'キャンセル' }).click();
  const callback = await receiver.callback;
  expect(callback.searchParams.get('error')).toBe('access_denied');
  expect(callback.searchParams.get('state')).toBe(request.state);
});

test('許可 without the terms box is refused and explained', async ({ page }, testInfo) => {
  const { request } = await startLink('corporate');
  await page.goto(request.url.href);
  await page.getByLabel('お客様ID').fill('CORP0001');
  await page.getByLabel('ログインパスワード').fill('Corp-Pass-1');
  await page.getByRole('button', { name: '認証', exact: true }).click();
  await page.getByRole('button', { name: '許可' }).click();
  await expect(page.getByRole('alert')).toContainText('利用規定への同意のチェックがありません');
  await screen(page, testInfo, '07-consent-terms-missing');
  await page.getByRole('button', { name: 'キャンセル' }).click();
  expect((await receiver.callback).searchParams.get('error')).toBe('access_denied');
});

test('five wrong passwords lock the customer; the QA API unlocks', async ({ page }, testInfo) => {
  const { request } = await startLink('corporate');
  await page.goto(request.url.href);
  for (let attempt = 1; attempt <= 5; attempt++) {
    await page.getByLabel('お客様ID').fill('CORP9000');
    await page.getByLabel('ログインパスワード').fill(`Wrong-${attempt}`);
    await page.getByRole('button', { name: '認証', exact: true }).click();
  }
  await expect(page.getByRole('alert')).toContainText('ご利用を停止しています');
  await screen(page, testInfo, '08-locked');
  expect((await qaPost('/qa/api/users/CORP9000/unlock')).status).toBe(200);
  await page.getByLabel('お客様ID').fill('CORP9000');
  await page.getByLabel('ログインパスワード').fill('Corp-Pass-9');
  await page.getByRole('button', { name: '認証', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'アクセス許可' })).toBeVisible();
});

test('a partner not connected to WEB-FB (未連携) gets a clear page, then unauthorized_client', async ({
  page,
}, testInfo) => {
  const zaim = await partnerClient(bank, 'zaim');
  const request = await authorizationRequest(zaim, `${bank.issuer}/qa/callback`, { channel: 'corporate' });
  await page.goto(request.url.href);
  await expect(page.getByRole('heading', { name: 'このサービスはご利用いただけません' })).toBeVisible();
  await screen(page, testInfo, '09-channel-refused');
  await page.getByRole('button', { name: '外部サービスの画面へ戻る' }).click();
  await expect(page.getByText('unauthorized_client', { exact: true })).toBeVisible();
  await screen(page, testInfo, '10-partner-callback');
});

test('the screens speak English with ui_locales=en', async ({ page }, testInfo) => {
  const { request } = await startLink('personal', { ui_locales: 'en' });
  await page.goto(request.url.href);
  await expect(page.getByRole('heading', { name: 'API service authentication' })).toBeVisible();
  await expect(page.getByLabel('Contract ID')).toBeVisible();
  await screen(page, testInfo, '11-personal-login-en');
});

test('the partner table and the terms', async ({ page }, testInfo) => {
  await page.goto('/partners');
  await expect(page.getByRole('cell', { name: '株式会社 Zaim' })).toBeVisible();
  await screen(page, testInfo, '12-partners');
  await page.goto('/terms');
  await expect(page.getByRole('heading', { name: '第3条（有効期間）' })).toBeVisible();
  await screen(page, testInfo, '13-terms');
});
