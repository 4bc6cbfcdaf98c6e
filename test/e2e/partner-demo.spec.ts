import type { Page } from '@playwright/test';
import { E2E_BANK_TARGET } from './support/e2e-target.ts';
import { expect, test as e2e } from './support/fixtures.ts';

/**
 * The partner-onboarding demo at the bank (/partner-demo), walked as a presenter does: pick a partner
 * and a channel, go through the bank's login and consent in the same tab, then let the page play the
 * partner's server — token exchange, the API, refresh, revoke — and see the link in the QA console.
 * The demo is the root bank's (it answers this machine only, as its QA console does).
 */

const demo = `${E2E_BANK_TARGET.issuer}/partner-demo`;

async function startWalk(page: Page, partner: RegExp, channel: 'WEBバンキング' | 'WEB-FB'): Promise<void> {
  await page.goto(demo);
  const select = page.getByLabel('連携先 / Partner');
  const value = await select.locator('option', { hasText: partner }).getAttribute('value');
  await select.selectOption(value!);
  await page.getByRole('radio', { name: new RegExp(`^${channel}`) }).check();
  // The partner binds its tokens to a key unless the presenter unticks it.
  await expect(page.getByRole('checkbox', { name: /鍵で保護する（DPoP）/ })).toBeChecked();
  await page.getByRole('button', { name: /認可リクエストを作る/ }).click();
  await expect(page.locator('#step-1')).toContainText('code_challenge_method');
  await expect(page.locator('#step-1')).toContainText('S256');
}

async function walkAfterConsent(page: Page, snap: (p: Page, name: string) => Promise<void>): Promise<void> {
  await page.getByLabel(/利用規定に同意しました/).check();
  await page.getByRole('button', { name: '許可' }).click();
  await expect(page.getByTestId('callback-checks')).toHaveText(/state 一致 ✓.*iss\s+一致 ✓/s);
  await snap(page, 'demo 3: the callback with code, state and iss checked');

  await page.getByTestId('exchange').click();
  await expect(page.getByTestId('token-response-status')).toHaveText('HTTP 200');
  await expect(page.getByTestId('dpop-thumbprint')).toHaveText(/^[\w-]{43}$/);
  await expect(page.getByTestId('exchange-proof')).toContainText('"typ": "dpop+jwt"');
  await expect(page.getByTestId('exchange-proof')).toContainText('"htm": "POST"');
  await expect(page.getByTestId('token-response')).toContainText('"token_type": "DPoP"');
  await snap(page, 'demo 4: the token request with its DPoP proof decoded');
  const masked = await page.getByTestId('token-response').textContent();
  expect(masked).toContain('refresh_token_expires_in');
  // The page shows the tokens masked; トークンを表示 fetches the full ones, which the page never held.
  const accessMasked = /"access_token": "([^"]+)"/.exec(masked!)![1]!;
  expect(accessMasked).toContain('…');
  const revealed = page.getByTestId('token-response-revealed');
  await expect(revealed).toBeHidden();
  await snap(page, 'demo 5: the token response, tokens masked');
  await page.getByTestId('token-response-reveal').click();
  await expect(revealed).toHaveText(/"access_token": "[\w-]{43}"/);
  const access = /"access_token": "([\w-]{43})"/.exec((await revealed.textContent())!)![1]!;
  await snap(page, 'demo 5: the token response, tokens revealed');
  // Printed, the revealed tokens are not; the page as the bank serves it (what a save keeps) has none.
  await page.emulateMedia({ media: 'print' });
  await expect(revealed).toBeHidden();
  await expect(page.getByTestId('token-response')).toBeVisible();
  await snap(page, 'demo 5 printed: tokens masked even after revealing');
  await page.emulateMedia({ media: 'screen' });
  expect(await (await page.request.get(page.url())).text()).not.toContain(access);
  await page.getByTestId('token-response-reveal').click();
  await expect(revealed).toBeHidden();

  await page.getByTestId('call-api').click();
  for (const id of ['api-accounts', 'api-balances', 'api-transactions'])
    await expect(page.getByTestId(`${id}-status`)).toHaveText('HTTP 200');
  await expect(page.getByTestId('api-accounts')).toContainText('accountId');
  await expect(page.getByTestId('api-balances')).toContainText('withdrawableAmount');
  await expect(page.getByTestId('api-transactions')).toContainText('transactions');
  for (const id of ['api-accounts', 'api-balances', 'api-transactions']) {
    await expect(page.getByTestId(`${id}-proof`)).toContainText('"ath"');
    // The same token without the key, as a thief holds it: refused.
    await expect(page.getByTestId(`${id}-as-bearer-status`)).toHaveText('HTTP 401');
  }
  await snap(page, 'demo 6: accounts, balances and a page of transactions');
  await page.getByTestId('api-accounts-as-bearer').scrollIntoViewIfNeeded();
  await snap(page, 'demo 6: the proof beside the call, and the same token refused as Bearer');

  await page.getByTestId('refresh-button').click();
  await expect(page.getByTestId('refresh-status')).toHaveText('HTTP 200');
  await page.getByTestId('revoke-button').click();
  await expect(page.getByTestId('revoke-status')).toHaveText('HTTP 200');
  await expect(page.getByTestId('after-revoke-status')).toHaveText('HTTP 401');
  await snap(page, 'demo 7: refreshed, then revoked: the API refuses the old token');
}

e2e.describe('the partner-onboarding demo', () => {
  e2e(
    'walks 弥生 on WEBバンキング: PKCE request, password and one-time password, consent, tokens, API, refresh, revoke',
    async ({ page, rootQa, snap }) => {
      await startWalk(page, /弥生/, 'WEBバンキング');
      await snap(page, 'demo 1: the authorization request explained');
      await page.getByTestId('go-to-bank').click();
      await page.getByLabel('契約者ID').fill('1000000001');
      await page.getByLabel('ログインパスワード').fill('Demo-Pass-1');
      await snap(page, 'demo 2: the customer logs in at the bank');
      await page.getByRole('button', { name: '認証', exact: true }).click();
      await page.getByLabel('ワンタイムパスワード').fill(await rootQa.freshOtp('1000000001'));
      await page.getByRole('button', { name: '認証', exact: true }).click();
      await walkAfterConsent(page, snap);

      await page.getByTestId('see-in-qa').click();
      const row = page.locator('#links tr', { hasText: 'yayoi' }).first();
      await expect(row).toContainText('解除済み');
      await snap(page, 'the QA console shows the partner link revoked');
    },
  );

  e2e('walks freee on WEB-FB with ID and password to the API and back', async ({ page, snap }) => {
    await startWalk(page, /freee/, 'WEB-FB');
    await page.getByTestId('go-to-bank').click();
    await page.getByLabel('お客様ID').fill('CORP0001');
    await page.getByLabel('ログインパスワード').fill('Corp-Pass-1');
    await page.getByRole('button', { name: '認証', exact: true }).click();
    await walkAfterConsent(page, snap);

    // Printed, the walk keeps its steps and drops its buttons.
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByTestId('see-in-qa')).toBeHidden();
    await expect(page.getByTestId('api-accounts')).toBeVisible();
    await snap(page, 'demo printed: no buttons, tokens masked');
  });

  e2e(
    "refuses Zaim on WEB-FB with the bank's 未連携 page, and the demo shows no token",
    async ({ page, snap }) => {
      await startWalk(page, /Zaim/, 'WEB-FB');
      await page.getByTestId('go-to-bank').click();
      await expect(page.getByRole('heading', { name: 'このサービスはご利用いただけません' })).toBeVisible();
      await expect(page.getByRole('alert')).toContainText('未連携');
      await snap(page, 'the bank refuses Zaim on WEB-FB (未連携)');
      await page.getByRole('button', { name: '外部サービスの画面へ戻る' }).click();
      await expect(page.locator('#step-3')).toContainText('unauthorized_client');
      await expect(page.locator('#step-3')).toContainText('未連携');
      await expect(page.getByTestId('exchange')).toHaveCount(0);
      await snap(page, 'demo: the refusal explained, no token exchange');
    },
  );
});
