import type { Page } from '@playwright/test';
import { core } from './support/core-call.ts';
import { linkCorp0001 } from './support/flows.ts';
import { expect, test } from './support/fixtures.ts';

/**
 * Review that learns (issue 21, item 4): a waiting line no rule speaks for shows what lines of the
 * same remarks were registered as — 「過去の登録「…」: 売上高 ×1」 — the panel is prefilled with it and
 * says so, and 候補どおりに登録 leaves it alone: only the user registers it.
 */

const queueOf = (page: Page) => page.getByTestId('review-queue');
const panelOf = (page: Page) => page.getByRole('complementary', { name: '登録' });

test('a line like one registered before shows what it was registered as, prefilled, never registered by itself', async ({
  app,
  bankCustomer,
  qa,
  page,
}) => {
  // Remarks of this run only: the bank is shared by the suite.
  const digits = String(Date.now() % 100_000).padStart(5, '0');
  const remarks = `ﾌﾘｺﾐ ｶ)ｶﾞｸｼﾕｳｼﾔ${digits}`;
  await qa.bookLines('CORP0001', 0, [
    { transactionType: '1', amount: 33_000, remarks },
    { transactionType: '1', amount: 44_000, remarks },
    { transactionType: '1', amount: 55_000, remarks },
  ]);
  await linkCorp0001(app, bankCustomer);
  const lines = (await core(page, 'books:queue-query', { status: 'unreviewed', text: digits, limit: 10 }))
    .rows;
  expect(lines).toHaveLength(3);
  expect(lines.every((l) => !l.suggestion && !l.learned)).toBe(true);
  await core(page, 'books:lines-register', {
    lines: [{ accountId: lines[0]!.accountId, itemKey: lines[0]!.itemKey }],
    titleCode: 'sales',
    taxCode: 'sales10',
  });

  await app.goTo('books');
  await page.getByRole('searchbox', { name: '明細を検索' }).fill(digits);
  const options = queueOf(page).getByRole('option');
  await expect(options).toHaveCount(2);
  for (const option of await options.all())
    await expect(option.locator('.suggestion')).toHaveText(`過去の登録「${remarks}」: 売上高 ×1`);
  await expect(page.getByTestId('register-suggested')).toBeDisabled();
  await options.first().click();
  const panel = panelOf(page);
  await expect(panel.getByTestId('suggestion-reason')).toContainText(`過去の登録「${remarks}」: 売上高 ×1`);
  await expect(panel.getByTestId('suggestion-reason')).toContainText('自動では登録されず');
  await expect(panel.getByLabel('勘定科目')).toHaveValue('sales');
  const entries = (await core(page, 'books:entries-query', { limit: 1000 })).total;
  expect(entries).toBe(1);

  const dir = '/tmp/shots/ux-books2';
  for (const lang of ['ja', 'en'] as const) {
    if (lang === 'en') {
      await app.chooseLanguage('en');
      await app.goTo('books');
      await page.getByRole('searchbox', { name: 'Search lines' }).fill(digits);
      await expect(options).toHaveCount(2);
      await options.first().click();
    }
    for (const [width, height] of [
      [1280, 800],
      [800, 600],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: `${dir}/learned-${lang}-${width}x${height}.png`, fullPage: true });
    }
  }
  expect((await core(page, 'books:entries-query', { limit: 1000 })).total).toBe(1);
});
