import type { Page } from '@playwright/test';
import type { AppPage } from './support/app-page.ts';
import type { BankCustomer } from './support/bank-customer.ts';
import { core } from './support/core-call.ts';
import { linkCorp0001 } from './support/flows.ts';
import { expect, test } from './support/fixtures.ts';

/**
 * Whose books (issue 21, item 1): a linked account left out of the books (帳簿に含める off, on
 * 帳簿 → 勘定科目) has no line in 仕訳待ち and is no 補助科目; 口座 marks it, 明細's 「すべての口座」
 * says its totals include it; ticked again, its lines wait again. Real bank, real app.
 */

const queueOf = (page: Page) => page.getByTestId('review-queue');

/** CORP0001 linked and synced; its 当座 as 勘定科目 lists it under 当座預金. */
async function linkedChecking(app: AppPage, bankCustomer: BankCustomer, page: Page) {
  await linkCorp0001(app, bankCustomer);
  const { titles } = await core(page, 'books:chart-get', undefined);
  return titles.find((t) => t.code === 'checking_deposit')!.bankAccounts[0]!;
}

test('an account left out of the books leaves 仕訳待ち, is marked on 口座 and 明細, and comes back when included', async ({
  app,
  bankCustomer,
  page,
}) => {
  const checking = await linkedChecking(app, bankCustomer, page);
  const before = await core(page, 'books:queue-query', { status: 'unreviewed', limit: 500 });
  expect(before.rows.some((l) => l.accountLabel === checking.name)).toBe(true);
  const accounts = await core(page, 'accounts:list', undefined);
  const checkingView = accounts.find((a) => a.accountTypeName.includes('当座'))!;
  const checkingWaiting = (
    await core(page, 'books:queue-query', { status: 'unreviewed', accountId: checkingView.id, limit: 1 })
  ).total;

  await app.goTo('books');
  await page.getByRole('tab', { name: '勘定科目' }).click();
  const box = page.getByRole('checkbox', { name: `帳簿に含める ${checking.bankLabel}` });
  await expect(box).toBeChecked();
  // A controlled checkbox: it turns once the core has answered.
  await box.click();
  await expect(page.getByTestId('in-books-said')).toHaveText(
    `「${checking.bankLabel}」を帳簿から外しました。この口座の明細は仕訳待ちに表示されません。`,
  );
  await expect(box).not.toBeChecked();
  const row = page.getByTestId('bank-account-row').filter({ hasText: checking.bankLabel });
  await expect(row.locator('.badge-out-of-books')).toHaveText('帳簿に含めない');

  await page.getByRole('tab', { name: '仕訳待ち' }).click();
  await expect(queueOf(page).getByRole('option').first()).toBeVisible();
  await expect(page.getByRole('button', { name: /^未処理/ })).toContainText(
    (before.counts.unreviewed - checkingWaiting).toLocaleString('ja'),
  );
  for (const option of await queueOf(page).getByRole('option').all())
    await expect(option.locator('.account')).not.toContainText(checking.name);

  await app.goTo('accounts');
  const accountRow = page.getByTestId('account-row').filter({ hasText: checkingView.maskedNumber });
  await expect(accountRow.locator('.badge-out-of-books')).toHaveText('帳簿に含めない');
  await app.goTo('statements');
  await expect(page.getByTestId('all-accounts-out-of-books')).toContainText(checkingView.maskedNumber);
  await expect(page.getByTestId('all-accounts-out-of-books')).toContainText('帳簿に含めない口座');

  await app.goTo('books');
  await page.getByRole('tab', { name: '勘定科目' }).click();
  await page.getByRole('checkbox', { name: `帳簿に含める ${checking.bankLabel}` }).click();
  await expect(page.getByTestId('in-books-said')).toHaveText(
    `「${checking.bankLabel}」を帳簿に含めました。未処理の明細${checkingWaiting.toLocaleString('ja')}件が仕訳待ちに戻りました。`,
  );
  await app.goTo('statements');
  await expect(page.getByTestId('all-accounts-out-of-books')).toHaveCount(0);
  const after = await core(page, 'books:queue-query', { status: 'unreviewed', limit: 500 });
  expect(after.counts).toEqual(before.counts);
});

test('口座と帳簿 with an account left out, at 1280×800 and 800×600, in Japanese and English', async ({
  app,
  bankCustomer,
  page,
}) => {
  const checking = await linkedChecking(app, bankCustomer, page);
  await core(page, 'books:accounts-update', { bankAccountId: checking.bankAccountId, inBooks: false });
  await page.reload();
  await expect(app.heading()).toBeVisible();
  const dir = '/tmp/shots/ux-books2';
  for (const lang of ['ja', 'en'] as const) {
    if (lang === 'en') await app.chooseLanguage('en');
    for (const [width, height] of [
      [1280, 800],
      [800, 600],
    ] as const) {
      await page.setViewportSize({ width, height });
      await app.goTo('books');
      await page.getByRole('tab', { name: lang === 'en' ? 'Account titles' : '勘定科目' }).click();
      await page.getByTestId('bank-sub-titles').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${dir}/in-books-chart-${lang}-${width}x${height}.png` });
      await app.goTo('accounts');
      await page.screenshot({
        path: `${dir}/in-books-accounts-${lang}-${width}x${height}.png`,
        fullPage: true,
      });
      await app.goTo('statements');
      await page.screenshot({ path: `${dir}/in-books-statements-${lang}-${width}x${height}.png` });
    }
  }
});
