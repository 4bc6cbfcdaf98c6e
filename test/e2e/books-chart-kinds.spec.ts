import { core } from './support/core-call.ts';
import { linkCorp0001 } from './support/flows.ts';
import { expect, test } from './support/fixtures.ts';
import { debitOf } from '../support/entry-sides.ts';

/**
 * The chart of accounts (issue 21, item 14): 帳簿's first start asks 法人 or 個人事業主; the chosen
 * standard chart is the 勘定科目 list, switched later without losing a title in use; in English the
 * titles and tax categories read in English (the Japanese stays the data).
 */

test('帳簿 asks 法人 or 個人事業主 at its first start, and the chart switches later keeping titles in use', async ({
  app,
  bankCustomer,
  page,
}) => {
  await linkCorp0001(app, bankCustomer);
  const dir = '/tmp/shots/ux-books2';
  const choice = page.getByRole('region', { name: '勘定科目の種類を選んでください' });
  await app.navButton('books').click();
  await expect(choice).toBeVisible();
  await expect(page.getByRole('tablist')).toHaveCount(0);
  for (const [width, height] of [
    [1280, 800],
    [800, 600],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${dir}/chart-choice-ja-${width}x${height}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await choice.getByRole('button', { name: '個人事業主' }).click();
  await expect(page.getByRole('tablist')).toBeVisible();
  await page.getByRole('tab', { name: '勘定科目' }).click();
  await expect(page.getByRole('heading', { name: '勘定科目の種類: 個人事業主' })).toBeVisible();
  await expect(page.getByTestId('chart-equity')).toContainText('事業主貸');
  await expect(page.getByTestId('chart-equity')).toContainText('元入金');
  await expect(page.getByTestId('chart-expense')).not.toContainText('役員報酬');

  // An entry on 事業主貸, then the switch to 法人: 役員報酬 and 資本金 arrive, 事業主貸 stays (in use).
  const [line] = (await core(page, 'books:queue-query', { status: 'unreviewed', limit: 50 })).rows.filter(
    (l) => l.type === '2' && !l.transfer,
  );
  await core(page, 'books:lines-register', {
    lines: [{ accountId: line!.accountId, itemKey: line!.itemKey }],
    titleCode: 'owner_draw',
    taxCode: 'none',
  });
  await page.getByRole('button', { name: '法人の勘定科目に切り替える' }).click();
  await expect(page.getByText('使っている勘定科目は残ります')).toBeVisible();
  await page.getByRole('button', { name: '法人の勘定科目に切り替える' }).click();
  const said = page.getByTestId('chart-kind-said');
  await expect(said).toContainText('法人の勘定科目にしました。');
  await expect(said).toContainText('役員報酬');
  await expect(said).toContainText('使っているため残した勘定科目: 事業主貸。');
  await expect(page.getByRole('heading', { name: '勘定科目の種類: 法人' })).toBeVisible();
  await expect(page.getByTestId('chart-expense')).toContainText('役員報酬');
  await expect(page.getByTestId('chart-expense')).toContainText('外注費');
  await expect(page.getByTestId('chart-equity')).toContainText('資本金');
  await expect(page.getByTestId('chart-equity')).toContainText('事業主貸');
  await expect(page.getByTestId('chart-equity')).not.toContainText('事業主借');
  const entries = (await core(page, 'books:entries-query', { limit: 10 })).rows;
  expect(entries).toHaveLength(1);
  expect(entries[0]).toMatchObject({ amount: line!.amount });
  expect(debitOf(entries[0]!)).toMatchObject({ titleCode: 'owner_draw' });

  // In English: titles and tax categories by their English names; the data stays Japanese.
  await app.chooseLanguage('en');
  await app.goTo('books');
  await page.getByRole('tab', { name: 'Account titles' }).click();
  await expect(page.getByRole('heading', { name: 'Chart of accounts: Company (法人)' })).toBeVisible();
  const expense = page.getByTestId('chart-expense');
  await expect(expense).toContainText('Directors’ compensation');
  await expect(expense).toContainText('Outsourcing');
  await expect(expense).toContainText('Taxable purchases 10%');
  // The title column reads English; the package columns keep the names each package knows.
  const officer = expense.getByRole('row').filter({ hasText: 'Directors’ compensation' });
  await expect(officer.getByRole('cell').first()).toHaveText('Directors’ compensation');
  await expect(officer).toContainText('役員報酬');
  await expect(page.getByTestId('chart-equity')).toContainText('Owner’s drawings');
  for (const [width, height] of [
    [1280, 800],
    [800, 600],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.getByRole('heading', { name: 'Chart of accounts: Company (法人)' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${dir}/chart-titles-en-${width}x${height}.png` });
  }
  expect(
    (await core(page, 'books:chart-get', undefined)).titles.find((t) => t.code === 'officer_pay')!.name,
  ).toBe('役員報酬');
});

test('the chart choice in English', async ({ app, bankCustomer, page }) => {
  await linkCorp0001(app, bankCustomer);
  await app.chooseLanguage('en');
  await app.navButton('books').click();
  const choice = page.getByRole('region', { name: 'Which chart of accounts do you keep?' });
  await expect(choice).toBeVisible();
  for (const [width, height] of [
    [1280, 800],
    [800, 600],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${dir()}/chart-choice-en-${width}x${height}.png` });
  }
  await choice.getByRole('button', { name: 'Company (法人)' }).click();
  await page.getByRole('tab', { name: 'Account titles' }).click();
  await expect(page.getByTestId('chart-equity')).toContainText('Capital stock');
  await expect(page.getByTestId('chart-equity')).not.toContainText('Owner’s drawings');
});

const dir = () => '/tmp/shots/ux-books2';
