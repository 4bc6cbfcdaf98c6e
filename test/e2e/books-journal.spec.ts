import fs from 'node:fs';
import type { Download, Page } from '@playwright/test';
import type { ExportTarget, JournalEntryView } from '../../shared/ipc/books-contract.ts';
import { BUILT_IN_TITLES } from '../../main/books/chart.ts';
import { carried, chartLookup, type ParsedEntry } from '../../main/books/export/export-entry.ts';
import { parseExportFile } from '../../main/books/export/export-file.ts';
import { bankSide, core, entryOfLine } from './support/core-call.ts';
import { shoot } from './support/shots.ts';
import { openBooksOfCorp0001 } from './support/flows.ts';
import { expect, test } from './support/fixtures.ts';

/**
 * The journal that keeps its history (issue 22), as the shop owner uses it: a 売掛金 raised by a
 * 振替伝票, the customer's payment short by the transfer fee booked as one compound entry with the
 * 差額 the panel suggests, then an entry corrected with a reason and its history shown, and the
 * exports of all three vendors written with these entries and read back (freee's compound entries
 * in its 仕訳 file). Every write is read back from the core and compared line by line with what
 * was chosen.
 */

/** Exports a range to a target through the 出力 panel; every file it downloads, read back. */
async function exportAndReadBack(
  page: Page,
  target: ExportTarget,
  radio: RegExp,
  range: { from: string; to: string },
  labels = { from: '開始日', to: '終了日', run: '出力する' },
): Promise<{ files: string[]; entries: ParsedEntry[] }> {
  await page.getByRole('radio', { name: radio }).check();
  await page.getByLabel(labels.from, { exact: true }).fill(range.from);
  await page.getByLabel(labels.to, { exact: true }).fill(range.to);
  const downloads: Download[] = [];
  const collect = (d: Download) => downloads.push(d);
  page.on('download', collect);
  await page.getByRole('button', { name: labels.run }).click();
  const result = page.getByTestId('export-result');
  await expect(result).toBeVisible();
  // A single 弥生 or MF file is named in the message; freee's files are listed with their import.
  const listed = await result.locator('li[data-format]').count();
  await expect.poll(() => downloads.length).toBe(Math.max(listed, 1));
  page.off('download', collect);
  const entries: ParsedEntry[] = [];
  for (const d of downloads)
    entries.push(
      ...parseExportFile(target, fs.readFileSync((await d.path())!), chartLookup(BUILT_IN_TITLES)),
    );
  return { files: downloads.map((d) => d.suggestedFilename()), entries };
}

test('a short payment booked with its fee, a 振替伝票, and a correction kept in the history', async ({
  app,
  bankCustomer,
  snap,
  page,
}) => {
  await openBooksOfCorp0001(app, bankCustomer);

  // A 入金 from a customer: its 売掛金 (¥440 more than arrived) is raised by a 振替伝票 first.
  const { rows } = await core(page, 'books:queue-query', { status: 'unreviewed', limit: 500 });
  const payment = rows.find((r) => r.type === '1' && r.counterparty !== '' && r.amount > 1000)!;
  expect(payment).toBeDefined();
  const receivable = payment.amount + 440;

  await page.getByRole('tab', { name: '仕訳帳' }).click();
  await page.getByRole('button', { name: '振替伝票を入力' }).click();
  const voucher = page.getByRole('dialog', { name: '振替伝票' });
  await voucher.getByLabel('取引日').fill('2026-01-05');
  await voucher.getByLabel('勘定科目 1').selectOption({ label: '売掛金' });
  await voucher.getByLabel('金額 1').fill(String(receivable));
  await voucher.getByLabel('勘定科目 2').selectOption({ label: '売上高' });
  await voucher.getByLabel('金額 2').fill(String(receivable - 1));
  await expect(voucher.getByRole('note')).toContainText('差額 ￥1');
  await expect(voucher.getByRole('button', { name: '登録' })).toBeDisabled();
  await voucher.getByLabel('金額 2').fill(String(receivable));
  await voucher.getByLabel('取引先').fill(payment.counterparty);
  await voucher.getByLabel('摘要').fill('1月分 請求');
  await shoot(page, 'journal-voucher-ja');
  await voucher.getByRole('button', { name: '登録' }).click();
  await expect(page.getByRole('status').filter({ hasText: '振替伝票を登録しました' })).toBeVisible();
  const [invoice] = (await core(page, 'books:entries-query', { text: '1月分 請求', limit: 10 })).rows;
  expect(invoice).toMatchObject({ date: '2026-01-05', source: 'manual', counterparty: payment.counterparty });
  expect(invoice!.lines).toEqual([
    { side: 'debit', titleCode: 'receivables', taxCode: 'none', amount: receivable },
    { side: 'credit', titleCode: 'sales', taxCode: 'sales10', amount: receivable },
  ]);

  // The payment: the panel sees it is ¥440 short of that 売掛金 and offers the split.
  await page.getByRole('tab', { name: '仕訳待ち' }).click();
  const queue = page.getByTestId('review-queue');
  const line = queue
    .getByRole('option')
    .filter({ hasText: payment.remarks })
    .filter({ hasText: payment.amount.toLocaleString('ja-JP') })
    .first();
  await line.click();
  const panel = page.getByRole('complementary', { name: '登録' });
  await expect(panel.getByTestId('settlement')).toContainText('￥440');
  await panel.getByRole('button', { name: /差額 ￥440 を支払手数料にする/ }).click();
  const split = panel.getByTestId('entry-lines');
  await expect(split.getByTestId('fixed-line')).toContainText(payment.amount.toLocaleString('ja-JP'));
  await expect(split.getByTestId('entry-totals')).toContainText(
    `借方計 ￥${receivable.toLocaleString('ja-JP')} ／ 貸方計 ￥${receivable.toLocaleString('ja-JP')}`,
  );
  await shoot(page, 'register-split-ja');
  await snap(app, '仕訳待ち: a short payment split into 普通預金 + 支払手数料 / 売掛金');
  await panel.getByRole('button', { name: '登録', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: '1件を登録しました' })).toBeVisible();

  const entry = await entryOfLine(page, payment);
  const bank = await bankSide(page, payment, 'debit');
  expect(entry.lines).toEqual([
    bank,
    { side: 'debit', titleCode: 'fees', taxCode: 'purchase10', amount: 440 },
    { side: 'credit', titleCode: 'receivables', taxCode: 'none', amount: receivable },
  ]);
  expect(entry).toMatchObject({ date: payment.date, amount: receivable, counterparty: payment.counterparty });
  // The split kept the proposal's 売掛金, so it is linked to the invoice it settles (消込).
  const settled = await core(page, 'books:open-items-get', {
    titleCode: 'receivables',
    includeSettled: true,
  });
  expect(settled.items.find((i) => i.entryId === invoice!.id)).toMatchObject({
    open: 0,
    settledBy: [{ entryId: entry.id, amount: receivable }],
  });
  // 登録済 shows what was booked, not 「ルールなし」.
  await page.getByRole('button', { name: /^登録済/ }).click();
  await expect(
    queue.getByRole('option').filter({ hasText: payment.remarks }).filter({ hasText: '支払手数料・売掛金' }),
  ).toHaveCount(1);

  // 修正: the 振替伝票's date and 摘要 corrected with a reason; the history shows before and after.
  await page.getByRole('tab', { name: '仕訳帳' }).click();
  await page.getByLabel('取引先', { exact: true }).fill(payment.counterparty);
  const invoiceRow = page.getByTestId('journal-entry').filter({ hasText: '1月分 請求' });
  await invoiceRow.getByRole('button', { name: '修正' }).click();
  const editor = page.getByRole('dialog', { name: `仕訳 ${invoice!.id} の修正` });
  await editor.getByLabel('取引日').fill('2026-01-06');
  await editor.getByLabel('摘要').fill('1月分 請求（訂正）');
  await expect(editor.getByRole('button', { name: '修正を登録' })).toBeDisabled();
  await editor.getByLabel('理由（必須）').fill('請求日の誤り');
  await shoot(page, 'journal-correct-ja');
  await editor.getByRole('button', { name: '修正を登録' }).click();
  await expect(page.getByRole('status').filter({ hasText: '仕訳を修正しました' })).toBeVisible();
  const corrected = page.getByTestId('journal-entry').filter({ hasText: '1月分 請求（訂正）' });
  await expect(corrected.getByTestId('corrected-badge')).toHaveText('修正 1回');
  await corrected.getByRole('button', { name: '履歴' }).click();
  const history = page.getByRole('dialog', { name: `仕訳 ${invoice!.id} の履歴` });
  const versions = history.getByTestId('history-version');
  await expect(versions).toHaveCount(2);
  await expect(versions.nth(0)).toContainText('1 登録');
  await expect(versions.nth(1)).toContainText('2 修正');
  await expect(versions.nth(1)).toContainText('請求日の誤り');
  await expect(versions.nth(1)).toContainText('摘要: 1月分 請求 → 1月分 請求（訂正）');
  await shoot(page, 'journal-history-ja');
  await snap(app, '仕訳帳: an entry’s history, before and after');
  const kept = await core(page, 'books:entry-history-get', { id: invoice!.id });
  expect(kept.map((v) => [v.version, v.change, v.reason, v.date, v.memo])).toEqual([
    [1, 'registered', '', '2026-01-05', '1月分 請求'],
    [2, 'corrected', '請求日の誤り', '2026-01-06', '1月分 請求（訂正）'],
  ]);
  expect(kept[1]!.lines).toEqual(invoice!.lines);
  await history.getByRole('button', { name: '閉じる' }).click();
  await shoot(page, 'journal-ja');

  // 出力: the three vendors' files hold the 振替伝票 (as corrected) and the compound entry, every
  // line read back as the journal has it; freee's go to its 仕訳 file, as the panel says.
  const dates = [payment.date, '2026-01-06'].sort();
  const range = { from: dates[0]!, to: dates[1]! };
  const journal = (
    await core(page, 'books:entries-query', { dateFrom: range.from, dateTo: range.to, limit: 1000 })
  ).rows as JournalEntryView[];
  expect(journal.map((e) => e.id)).toEqual(expect.arrayContaining([invoice!.id, entry.id]));
  const byId = (entries: ParsedEntry[]) =>
    [...entries].sort((a, b) => a.date.localeCompare(b.date) || a.memo.localeCompare(b.memo));
  await page.getByRole('tab', { name: '出力' }).click();
  for (const [target, radio] of [
    ['yayoi', /弥生会計/],
    ['mf', /マネーフォワード/],
    ['freee', /freee会計/],
  ] as const) {
    const { files, entries } = await exportAndReadBack(page, target, radio, range);
    // No own-account transfer among these: every entry of the range is in every target's files.
    expect(byId(entries), target).toEqual(byId(journal.map(carried)));
    const compound = entries.find((e) => e.lines.length === 3)!;
    expect(compound.lines, target).toEqual(entry.lines);
    expect(compound).toMatchObject({ date: payment.date, counterparty: payment.counterparty });
    if (target === 'freee') expect(files).toContain(`freee-journal-${range.from}_${range.to}.csv`);
  }
  await expect(page.getByTestId('export-import-hint')).toContainText('freee-journal-');
  await expect(page.getByTestId('export-result').locator('li[data-format="freee-journal"]')).toContainText(
    '仕訳インポート（振替伝票）で取り込む',
  );
  await expect(page.getByTestId('export-result')).not.toContainText('除外');
  // The dates typed stay after the export (its progress re-renders the screen).
  await expect(page.getByLabel('開始日', { exact: true })).toHaveValue(range.from.replaceAll('-', '/'));
  await shoot(page, 'export-freee-ja', page.getByTestId('export-result'));
  await snap(app, '出力: freee’s compound entries in its 仕訳 file, each file with its import');

  // The same screens in English, for review.
  if (process.env.SHOTS_DIR) {
    await app.chooseLanguage('en');
    await app.goTo('books');
    await page.getByRole('tab', { name: 'Export' }).click();
    await exportAndReadBack(page, 'freee', /freee/, range, { from: 'From', to: 'To', run: 'Export' });
    await expect(page.getByTestId('export-import-hint')).toContainText('freee-journal-');
    await shoot(page, 'export-freee-en', page.getByTestId('export-result'));
    await page.getByRole('tab', { name: 'Journal' }).click();
    await shoot(page, 'journal-en');
    const row = page.getByTestId('journal-entry').filter({ hasText: '1月分 請求（訂正）' });
    await row.getByRole('button', { name: 'History' }).click();
    await shoot(page, 'journal-history-en');
    await page.getByRole('button', { name: 'Close' }).click();
    await row.getByRole('button', { name: 'Correct' }).click();
    await page.getByLabel('Reason (required)').fill('typo');
    await shoot(page, 'journal-correct-en');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('tab', { name: 'To review' }).click();
    const other = (await core(page, 'books:queue-query', { status: 'unreviewed', limit: 50 })).rows.find(
      (r) => r.type === '1',
    );
    if (other) {
      await page
        .getByTestId('review-queue')
        .getByRole('option')
        .filter({ hasText: other.remarks })
        .first()
        .click();
      await page.getByRole('button', { name: 'Split into lines (compound entry)' }).click();
      await shoot(page, 'register-split-en');
    }
  }
});
