import type { Locator, Page } from '@playwright/test';
import type { QueueLine } from '../../shared/ipc/books-contract.ts';
import { core } from './support/core-call.ts';
import { linkCorp0001, openBooksOfCorp0001 } from './support/flows.ts';
import { expect, test } from './support/fixtures.ts';

/**
 * The review a shop owner does without help (issue 21, items 2, 4, 6 and 10): the queue says what
 * each line is at 800×600, searches, registers as suggested; a rule saved applies at once and says
 * so; 削除 asks; 出力 says what is left 未処理; nothing greyed or refused goes unexplained.
 */

const queueOf = (page: Page) => page.getByTestId('review-queue');
const panelOf = (page: Page) => page.getByRole('complementary', { name: '登録' });

/** The element's box lies inside the container's (nothing cut off at its right edge). */
async function expectInside(element: Locator, container: Locator): Promise<void> {
  const [box, outer] = [await element.boundingBox(), await container.boundingBox()];
  expect(box && outer).toBeTruthy();
  expect(box!.x + box!.width).toBeLessThanOrEqual(outer!.x + outer!.width + 0.5);
  // Not cut off inside itself either (the Node project has no DOM types: the two widths by name).
  const widths = await element.evaluate((e) => {
    const box = e as unknown as { scrollWidth: number; clientWidth: number };
    return [box.scrollWidth, box.clientWidth];
  });
  expect(widths[0]!).toBeLessThanOrEqual(widths[1]! + 1);
}

test('at 800×600 each queue line shows its date, remarks, amount and whole account, and the panel names the line', async ({
  app,
  bankCustomer,
  page,
}) => {
  await page.setViewportSize({ width: 800, height: 600 });
  await openBooksOfCorp0001(app, bankCustomer);
  const first = queueOf(page).getByRole('option').first();
  await expect(first).toBeVisible();
  const [line] = (await core(page, 'books:queue-query', { status: 'unreviewed', limit: 1 })).rows;
  for (const part of ['.date', '.remarks', '.num', '.account']) {
    await expect(first.locator(part)).toBeVisible();
    await expectInside(first.locator(part), queueOf(page));
  }
  await expect(first.locator('.remarks')).toHaveText(line!.remarks);
  await expect(first.locator('.account')).toHaveText(line!.accountLabel);
  await expect(first.locator('.account')).toContainText(/\d{4,}/);
  await first.click();
  const facts = panelOf(page).getByTestId('line-facts');
  await expect(facts).toContainText(line!.accountLabel);
  await expect(facts).toContainText(line!.date.replaceAll('-', '/').slice(0, 4));
  await expect(facts).toContainText(line!.remarks);
});

test('仕訳待ち searches the remarks and 候補どおりに登録 writes each line’s own suggestion', async ({
  app,
  bankCustomer,
  page,
}) => {
  await openBooksOfCorp0001(app, bankCustomer);
  await page.getByRole('searchbox', { name: '明細を検索' }).fill('てすうりょう');
  const found = await core(page, 'books:queue-query', {
    status: 'unreviewed',
    text: 'てすうりょう',
    limit: 100,
  });
  expect(found.rows.length).toBeGreaterThan(0);
  expect(found.total).toBeLessThan(found.counts.unreviewed);
  await expect(page.getByTestId('queue-found')).toHaveText(`${found.total.toLocaleString('ja')}件が一致`);
  await expect(queueOf(page).getByRole('option')).toHaveCount(found.rows.length);
  for (const option of await queueOf(page).getByRole('option').all())
    await expect(option.locator('.remarks')).toContainText('ﾃｽｳﾘﾖｳ');

  // Widen to every line with a suggestion on the first page, then register them as suggested.
  await page.getByRole('searchbox', { name: '明細を検索' }).fill('');
  const shown: QueueLine[] = (await core(page, 'books:queue-query', { status: 'unreviewed', limit: 100 }))
    .rows;
  const suggested = shown.filter((l) => l.suggestion && !l.transfer);
  expect(suggested.length).toBeGreaterThan(1);
  const button = page.getByTestId('register-suggested');
  await expect(button).toHaveText(`候補どおりに登録（このページの${suggested.length}件）`);
  await button.click();
  await expect(
    page.getByRole('status').filter({ hasText: `${suggested.length}件を登録しました` }),
  ).toBeVisible();
  const entries = (await core(page, 'books:entries-query', { limit: 1000 })).rows;
  const registered = (await core(page, 'books:queue-query', { status: 'registered', limit: 500 })).rows;
  expect(registered).toHaveLength(suggested.length);
  for (const line of suggested) {
    const review = registered.find((r) => r.itemKey === line.itemKey && r.accountId === line.accountId)!;
    const entry = entries.find((e) => e.id === review.entryId)!;
    const s = line.suggestion!;
    // A two-line entry: the bank's line and, on the other side, exactly the suggestion.
    expect(entry.lines).toHaveLength(2);
    const other = entry.lines.find((l) => l.side === (line.type === '1' ? 'credit' : 'debit'));
    expect(other).toEqual({
      side: line.type === '1' ? 'credit' : 'debit',
      titleCode: s.titleCode,
      taxCode: s.taxCode,
      amount: line.amount,
      ...(s.subTitle ? { subTitle: s.subTitle } : {}),
    });
    expect(entry).toMatchObject({
      date: line.date,
      amount: line.amount,
      counterparty: s.counterparty,
      memo: s.memo,
      ruleId: s.ruleId,
    });
  }
});

test('Enter with no 勘定科目 says why, and a greyed 登録 says what it waits for', async ({
  app,
  bankCustomer,
  page,
}) => {
  await openBooksOfCorp0001(app, bankCustomer);
  const bare = queueOf(page).getByRole('option').filter({ hasText: 'ｺｷﾞﾃ ｼﾊﾗｲ' }).first();
  await bare.click();
  const panel = panelOf(page);
  await expect(panel.getByRole('button', { name: '登録', exact: true })).toBeDisabled();
  await expect(panel.getByTestId('register-why-disabled')).toHaveText('勘定科目を選ぶと登録できます。');
  await queueOf(page).focus();
  await page.keyboard.press('Enter');
  await expect(panel.getByRole('alert')).toHaveText(/勘定科目を選んでください/);
  await panel.getByLabel('勘定科目').selectOption({ label: '買掛金' });
  await expect(panel.getByRole('alert')).toHaveCount(0);
});

test('a rule saved applies to the waiting lines at once and says so; 削除 asks; starter rules are marked', async ({
  app,
  bankCustomer,
  page,
}) => {
  await openBooksOfCorp0001(app, bankCustomer);
  const waiting = async () =>
    (await core(page, 'books:queue-query', { status: 'unreviewed', text: 'ｺｷﾞﾃ', limit: 500 })).rows.filter(
      (l: QueueLine) => l.type === '2',
    );
  const before = await waiting();
  expect(before.length).toBeGreaterThan(0);
  await page.getByRole('tab', { name: 'ルール' }).click();
  await expect(
    page.getByRole('row').filter({ hasText: 'ﾃﾞﾝｷﾘﾖｳｷﾝ' }).getByText('初期ルール', { exact: true }),
  ).toBeVisible();

  const form = page.getByRole('form', { name: '新しいルール' });
  await form.getByLabel('キーワード').fill('ｺｷﾞﾃ');
  await form.getByLabel('条件').selectOption({ label: '前方一致' });
  await form.getByRole('combobox', { name: '入出金' }).selectOption({ label: '出金' });
  await form.getByLabel('勘定科目').selectOption({ label: '買掛金' });
  await form.getByRole('radio', { name: '自動登録' }).check();
  await form.getByRole('button', { name: '保存' }).click();
  const saved = page.getByTestId('rule-saved');
  await expect(saved).toContainText('ルール「ｺｷﾞﾃ」を保存しました。');
  // Every such line is registered but the halves of own-account transfers, held for review (T).
  await expect(saved).toContainText('件を自動登録');
  const left = await waiting();
  expect(left.every((l) => l.transfer !== undefined)).toBe(true);
  await expect(saved).toContainText(`${(before.length - left.length).toLocaleString('ja')}件を自動登録`);
  const registered = (
    await core(page, 'books:queue-query', { status: 'registered', text: 'ｺｷﾞﾃ', limit: 500 })
  ).rows;
  expect(registered.length).toBe(before.length - left.length);

  const row = page.getByRole('row').filter({ hasText: 'ｺｷﾞﾃ' });
  await row.getByRole('button', { name: '削除' }).click();
  await expect(row).toContainText('ルール「ｺｷﾞﾃ」を削除しますか？');
  await row.getByRole('button', { name: 'やめる' }).click();
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: '削除' }).click();
  await row.getByRole('button', { name: '削除する' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'ｺｷﾞﾃ' })).toHaveCount(0);
});

test('出力 says how many lines of the period are 未処理, and an error clears the earlier success', async ({
  app,
  bankCustomer,
  page,
}) => {
  await openBooksOfCorp0001(app, bankCustomer);
  const [line] = (await core(page, 'books:queue-query', { status: 'unreviewed', limit: 1 })).rows;
  await core(page, 'books:lines-register', {
    lines: [{ accountId: line!.accountId, itemKey: line!.itemKey }],
    titleCode: 'misc_expense',
    taxCode: 'none',
  });
  await page.getByRole('tab', { name: '出力' }).click();
  await expect(page.getByTestId('export-unreviewed')).toBeVisible();
  await page.getByLabel('開始日').fill('2000-01-01');
  await page.getByLabel('終了日').fill('2099-12-31');
  const { unreviewed } = await core(page, 'books:queue-count', {
    dateFrom: '2000-01-01',
    dateTo: '2099-12-31',
  });
  expect(unreviewed).toBeGreaterThan(0);
  await expect(page.getByTestId('export-unreviewed')).toContainText(
    `未処理の明細が${unreviewed.toLocaleString('ja')}件あります`,
  );
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '出力する' }).click();
  await downloading;
  await expect(page.getByTestId('export-result')).toBeVisible();

  await page.getByLabel('開始日').fill('2099-12-31');
  await page.getByLabel('終了日').fill('2000-01-01');
  await page.getByRole('button', { name: '出力する' }).click();
  await expect(page.getByRole('alert')).toHaveAttribute('data-code', 'INVALID_ARGUMENT');
  await expect(page.getByTestId('export-result')).toHaveCount(0);
});

test('a 勘定科目 name taken is reported at the name field', async ({ app, bankCustomer, page }) => {
  await openBooksOfCorp0001(app, bankCustomer);
  await page.getByRole('tab', { name: '勘定科目' }).click();
  const form = page.getByRole('form', { name: '勘定科目を追加' });
  await form.getByLabel('名前').fill('通信費');
  await form.getByRole('button', { name: '勘定科目を追加' }).click();
  const problem = form.getByRole('alert');
  await expect(problem).toHaveAttribute('data-code', 'BOOKS_TITLE_EXISTS');
  await expect(problem).toContainText('別の名前にしてください');
  await expect(form.getByLabel('名前')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('名前')).toBeFocused();
  await form.getByLabel('名前').fill('外注費2');
  await expect(form.getByRole('alert')).toHaveCount(0);
});

test('screens at 1280×800 and 800×600, in Japanese and English', async ({ app, bankCustomer, page }) => {
  await linkCorp0001(app, bankCustomer);
  const dir = '/tmp/shots/ux-books';
  for (const lang of ['ja', 'en'] as const) {
    if (lang === 'en') await app.chooseLanguage('en');
    await app.goTo('books');
    for (const [width, height] of [
      [1280, 800],
      [800, 600],
    ] as const) {
      await page.setViewportSize({ width, height });
      const tabs = page.getByRole('tab');
      for (const [index, name] of ['queue', 'rules', 'export', 'chart'].entries()) {
        await tabs.nth([0, 1, 4, 5][index]!).click();
        if (name === 'queue') {
          await expect(queueOf(page).getByRole('option').first()).toBeVisible();
          await queueOf(page).getByRole('option').nth(1).click();
        }
        await page.screenshot({ path: `${dir}/${name}-${lang}-${width}x${height}.png`, fullPage: true });
      }
    }
  }
});
