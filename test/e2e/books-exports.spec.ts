import fs from 'node:fs';
import type { Download, Page } from '@playwright/test';
import type { JournalEntryView, QueueLine } from '../../shared/ipc/books-contract.ts';
import { BUILT_IN_TITLES } from '../../main/books/chart.ts';
import { decodeCp932 } from '../../main/books/export/cp932.ts';
import { parseCsv } from '../../main/books/export/csv.ts';
import { carried, chartLookup } from '../../main/books/export/export-entry.ts';
import { parseExportFile } from '../../main/books/export/export-file.ts';
import { qaPost } from '../support/test-bank.ts';
import { core } from './support/core-call.ts';
import { openBooksOfCorp0001 } from './support/flows.ts';
import { expect, test } from './support/fixtures.ts';

/**
 * The exports as a shop owner meets them: a bank remark and a typed 摘要 that Excel would run as
 * formulas, exported to 弥生 and read back as the journal has them; the 補助科目 each bank account
 * goes by; a year too big for one 弥生 file, split and explained; the fiscal year from 設定.
 */

async function allEntries(page: Page): Promise<JournalEntryView[]> {
  const rows: JournalEntryView[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page1 = await core(page, 'books:entries-query', { offset, limit: 1000 });
    rows.push(...page1.rows);
    if (rows.length >= page1.total) return rows;
  }
}

const TRIGGER = /^[=+\-@\t\r]/u;

test('formulas in a bank remark and a typed 摘要 reach 弥生 guarded, and read back as the user sees them; a big year is split and explained', async ({
  qa,
  app,
  page,
  bankCustomer,
  snap,
}) => {
  // The big year: 1,100 lines registered, two files written and read back — three times the time.
  test.slow();
  // The bank prints a remark a spreadsheet would run, on CORP0001's 普通.
  const accountId = (await qa.user('CORP0001')).accounts[0]!;
  const posted = await qaPost(qa, `/qa/api/accounts/${accountId}/transactions`, {
    items: [{ transactionType: '1', amount: 12_345, remarks: '-SUM(1,2)' }],
  });
  expect(posted.ok).toBe(true);

  // 設定: the fiscal year starts in April.
  await app.goTo('settings');
  await page.getByLabel('会計年度の開始月').selectOption({ label: '4月' });
  await expect(page.getByLabel('会計年度の開始月')).toHaveValue('4');
  await snap(app, '設定: the fiscal year starts in April');

  await openBooksOfCorp0001(app, bankCustomer);

  // 勘定科目: each bank account's 補助科目, short and unique.
  await page.getByRole('tab', { name: '勘定科目' }).click();
  const bankSubs = page.getByTestId('bank-sub-titles');
  await expect(bankSubs).toContainText('デモ信用金庫 本店営業部 普通預金 5001001');
  await expect(bankSubs.getByRole('textbox').first()).toHaveValue('本店営業部 5001001');
  await snap(app, '勘定科目: the 補助科目 of each bank account, in 桁');

  // The remark's line, registered as it is: its 摘要 is the bank's remark.
  await page.getByRole('tab', { name: '仕訳待ち' }).click();
  const queue = page.getByTestId('review-queue');
  const panel = page.getByRole('complementary', { name: '登録' });
  await queue.getByRole('option').filter({ hasText: '-SUM(1,2)' }).first().click();
  await expect(panel.getByLabel('摘要')).toHaveValue('-SUM(1,2)');
  await panel.getByLabel('勘定科目').selectOption({ label: '売上高' });
  await panel.getByRole('button', { name: '登録', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: '1件を登録しました' })).toBeVisible();

  // Another line with a typed 摘要 and 取引先 that start as formulas; the 摘要 is wider than 弥生's 64 桁.
  const typedMemo = `=1+1 ${'ｱ'.repeat(70)}`;
  await queue.getByRole('option').filter({ hasText: 'ﾌﾘｺﾐﾃｽｳﾘﾖｳ' }).first().click();
  await panel.getByLabel('勘定科目').selectOption({ label: '支払手数料' });
  await panel.getByLabel('取引先').fill('@ｶ)ﾃｽﾄ');
  await panel.getByLabel('摘要').fill(typedMemo);
  await panel.getByRole('button', { name: '登録', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: '1件を登録しました' })).toBeVisible();

  // The app shows the text as the user wrote it.
  await page.getByRole('tab', { name: '仕訳帳' }).click();
  await expect(page.getByTestId('journal-table')).toContainText('-SUM(1,2)');
  await expect(page.getByTestId('journal-table')).toContainText('=1+1');

  // More than one 弥生 file holds (1,000 lines): 1,100 more lines booked through the core.
  const unreviewed: QueueLine[] = [];
  for (let offset = 0; unreviewed.length < 1100; offset += 500) {
    const rows = (await core(page, 'books:queue-query', { status: 'unreviewed', offset, limit: 500 })).rows;
    unreviewed.push(...rows.filter((l) => l.type === '2'));
    if (rows.length < 500) break;
  }
  for (let i = 0; i < 1100; i += 550)
    await core(page, 'books:lines-register', {
      lines: unreviewed.slice(i, i + 550).map((l) => ({ accountId: l.accountId, itemKey: l.itemKey })),
      titleCode: 'misc_expense',
      taxCode: 'purchase10',
    });

  // 出力: the period offers the fiscal years from April; the whole journal to 弥生.
  await page.getByRole('tab', { name: '出力' }).click();
  await expect(page.getByTestId('export-period')).toContainText(/年度（\d{4}-04-01〜\d{4}-03-31）/);
  await expect(page.getByText('会計年度は4月始まりです')).toBeVisible();
  await page.getByLabel('開始日').fill('2000-01-01');
  await page.getByLabel('終了日').fill('2099-12-31');
  const downloads: Download[] = [];
  page.on('download', (d) => downloads.push(d));
  await page.getByRole('button', { name: '出力する' }).click();
  const result = page.getByTestId('export-result');
  await expect(result).toContainText('個のファイルに分けて出力しました');
  await expect(page.getByTestId('export-split')).toContainText('1MB・1,000行');
  await expect(result.locator('[data-code="BOOKS_FIELD_CUT"]').first()).toContainText('切り捨てられる部分');
  await expect.poll(() => downloads.length).toBe(2);
  await snap(app, '出力: a 弥生 export split in two, with the text 弥生 would cut');

  const names = downloads.map((d) => d.suggestedFilename());
  expect(names).toEqual([expect.stringMatching(/^yayoi-1of2-/), expect.stringMatching(/^yayoi-2of2-/)]);
  const files = await Promise.all(downloads.map(async (d) => fs.readFileSync((await d.path())!)));
  // No 摘要 or 仕訳メモ cell starts as a formula; the guarded ones carry OWASP's quote.
  const text = files.map((f) => decodeCp932(f)).join('');
  for (const cell of parseCsv(text).flat()) expect(cell).not.toMatch(TRIGGER);
  expect(text).toContain(`"'-SUM(1,2)"`);
  expect(text).toContain(`"'=1+1 `);
  expect(text).toContain(`"'@ｶ)ﾃｽﾄ"`);
  // Read back in the files' order, they are the journal's entries, as the app shows them.
  const entries = await allEntries(page);
  const back = files.flatMap((f) => parseExportFile('yayoi', f, chartLookup(BUILT_IN_TITLES)));
  expect(back).toEqual(entries.map(carried));
  expect(entries.find((e) => e.memo === '-SUM(1,2)')).toBeDefined();
  expect(entries.find((e) => e.memo === typedMemo)?.counterparty).toBe('@ｶ)ﾃｽﾄ');
});
