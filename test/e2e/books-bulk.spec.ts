import { core } from './support/core-call.ts';
import { openBooksOfCorp0001 } from './support/flows.ts';
import { expect, test } from './support/fixtures.ts';

/**
 * Issue 18 as the shop owner meets it: one title for several ticked lines keeps each line's own
 * 取引先 and 摘要 and is checked before it is written, a purchase category is not put on money
 * received, old bulk entries are marked in 登録済, the starter ｾﾞｲｷﾝ rule says 預り金, 自動登録 rules
 * leave an own-account transfer for 振替 (applied from ルール, without a sync), and the 仕訳帳
 * pages to the end of a long range.
 */

const PAYERS = [
  { remarks: 'ﾌﾘｺﾐ ﾃﾞﾓｻﾝｷﾞﾖｳ(ｶ', amount: 330_011 },
  { remarks: 'ﾌﾘｺﾐ ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ', amount: 550_013 },
  { remarks: 'ﾌﾘｺﾐ ﾀﾅｶ ﾀﾛｳ', amount: 136_017 },
];
const OLD_BULK = [
  { remarks: 'ﾌﾘｺﾐ ｻﾄｳ ｹﾝｼﾞ', amount: 77_019 },
  { remarks: 'ﾌﾘｺﾐ ｽｽﾞｷ ﾊﾅｺ', amount: 88_023 },
];
const TRANSFER = 'ﾌﾘｺﾐ ｶ)ﾃﾞﾓｼﾖｳｼﾞ';

test('the shop owner registers in bulk, finds old bulk entries, books ｾﾞｲｷﾝ and a transfer, and pages the 仕訳帳', async ({
  app,
  bankCustomer,
  qa,
  snap,
  page,
}) => {
  await qa.bookLines('CORP0001', 0, [
    ...[...PAYERS, ...OLD_BULK].map((p) => ({ transactionType: '1' as const, ...p })),
    { transactionType: '2', amount: 45_960, remarks: 'ｾﾞｲｷﾝ ｹﾞﾝｾﾝｼﾖﾄｸｾﾞｲ' },
    { transactionType: '2', amount: 250_000, remarks: TRANSFER },
  ]);
  await qa.bookLines('CORP0001', 1, [{ transactionType: '1', amount: 250_000, remarks: TRANSFER }]);
  await openBooksOfCorp0001(app, bankCustomer);
  const queue = page.getByTestId('review-queue');
  const panel = page.getByRole('complementary', { name: '登録' });
  const lineOf = (remarks: string) => queue.getByRole('option').filter({ hasText: remarks }).first();

  // Three deposits from different payers ticked, a fee line focused (its suggestion: 支払手数料).
  for (const p of PAYERS) await lineOf(p.remarks).getByRole('checkbox').check();
  await lineOf('ﾌﾘｺﾐﾃｽｳﾘﾖｳ').click();
  await expect(panel.getByTestId('bulk-scope')).toHaveText('科目・税区分のみ。取引先・摘要は各明細のまま');
  await expect(panel.getByLabel('勘定科目')).toHaveValue('');
  await panel.getByRole('button', { name: /この明細の推測を使う: 支払手数料/ }).click();
  await panel.getByRole('button', { name: /選択した3件を確認/ }).click();
  const check = page.getByTestId('bulk-confirm');
  await expect(check.getByTestId('bulk-1')).toHaveText(
    '入金 3件: 向きが合わないため登録しません（未処理のまま）',
  );
  await expect(check.getByRole('button', { name: '0件を登録する' })).toBeDisabled();
  await snap(app, '仕訳待ち: the check refuses 支払手数料 / 課対仕入10% for three 入金 lines');
  await check.getByRole('button', { name: '戻る' }).click();

  await panel.getByLabel('勘定科目').selectOption({ label: '売上高' });
  await panel.getByRole('button', { name: /選択した3件を確認/ }).click();
  await expect(check).toContainText('取引先各明細のまま');
  await expect(check.getByTestId('bulk-1')).toHaveText('入金 3件: 登録します');
  await snap(app, '仕訳待ち: the bulk check — 売上高 / 課税売上10% to 3 入金 lines, each keeps its 取引先');
  await check.getByRole('button', { name: '3件を登録する' }).click();
  await expect(page.getByRole('status').filter({ hasText: '3件を登録しました' })).toBeVisible();

  // What was written, line by line: the choice's title and tax, each line's own 取引先 and 摘要.
  const entries = (await core(page, 'books:entries-query', { limit: 1000 })).rows;
  for (const p of PAYERS) {
    const entry = entries.find((e) => e.memo === p.remarks);
    expect(entry).toMatchObject({
      amount: p.amount,
      lines: [
        { side: 'debit', titleCode: 'ordinary_deposit', taxCode: 'none', amount: p.amount },
        { side: 'credit', titleCode: 'sales', taxCode: 'sales10', amount: p.amount },
      ],
      counterparty: p.remarks.replace('ﾌﾘｺﾐ ', ''),
    });
    expect(entry!.ruleId).toBeUndefined();
  }
  expect(entries).toHaveLength(3);

  // Books written by the old bulk registration (one 取引先 copied onto every line) are marked.
  const unreviewed = (await core(page, 'books:queue-query', { status: 'unreviewed', limit: 500 })).rows;
  await core(page, 'books:lines-register', {
    lines: OLD_BULK.map((o) => unreviewed.find((l) => l.remarks === o.remarks)!).map((l) => ({
      accountId: l.accountId,
      itemKey: l.itemKey,
    })),
    titleCode: 'sales',
    taxCode: 'sales10',
    counterparty: 'ｻﾄｳ ｹﾝｼﾞ',
    memo: OLD_BULK[0]!.remarks,
  });
  await page.getByRole('button', { name: /^登録済/ }).click();
  await expect(queue.getByTestId('bulk-marked')).toHaveCount(1);
  await lineOf('88,023').click();
  await expect(panel.getByTestId('bulk-hint')).toContainText('取引先「ｻﾄｳ ｹﾝｼﾞ」');
  await expect(panel.getByTestId('bulk-hint')).toContainText('「ｽｽﾞｷ ﾊﾅｺ」');
  await snap(app, '登録済: an old bulk entry marked 取引先を確認, with the hint');
  await page.getByRole('button', { name: /^未処理 [\d,]+$/ }).click();

  // The starter rule ｾﾞｲｷﾝ: 預り金, and why.
  await lineOf('ｾﾞｲｷﾝ').click();
  await expect(panel.getByLabel('勘定科目')).toHaveValue('withholdings');
  await expect(panel.getByTestId('suggestion-note')).toContainText('源泉所得税');
  await snap(app, '仕訳待ち: ｾﾞｲｷﾝ suggested as 預り金 with the 源泉所得税 note');

  // 自動登録 ﾌﾘｺﾐ rules, applied now from ルール: the transfer is left for 振替.
  for (const [type, titleCode, taxCode] of [
    ['1', 'sales', 'sales10'],
    ['2', 'purchases', 'purchase10'],
  ] as const)
    await core(page, 'books:rules-save', {
      keyword: 'ﾌﾘｺﾐ',
      match: 'prefix',
      type,
      titleCode,
      taxCode,
      action: 'auto',
    });
  await page.getByRole('tab', { name: 'ルール' }).click();
  await page.getByRole('button', { name: '今すぐルールを適用' }).click();
  const applied = page.getByTestId('rules-applied');
  await expect(applied).toContainText(/振替の候補\d+件は自動登録せず/);
  await snap(app, 'ルール: 今すぐルールを適用 — registered, suggested, transfers held');
  const transfers = (await core(page, 'books:entries-query', { text: TRANSFER, limit: 1000 })).rows.filter(
    (e) => e.amount === 250_000 && e.memo === TRANSFER,
  );
  expect(transfers).toEqual([]);

  await page.getByRole('tab', { name: '仕訳待ち' }).click();
  const out = queue.getByRole('option').filter({ hasText: TRANSFER }).filter({ hasText: '-￥' });
  await expect(out).toContainText('振替として登録');
  await out.click();
  await panel.getByRole('button', { name: '振替として登録' }).click();
  await expect
    .poll(async () =>
      (await core(page, 'books:entries-query', { text: '口座振替', limit: 1000 })).rows.filter(
        (e) => e.source === 'transfer' && e.amount === 250_000,
      ),
    )
    .toHaveLength(1);

  // The 仕訳帳 pages to its last entry, with the count and the total of all of them.
  await page.getByRole('tab', { name: '仕訳帳' }).click();
  const { total, amount } = await core(page, 'books:entries-query', { limit: 1 });
  expect(total).toBeGreaterThan(500);
  await expect(page.getByTestId('journal-count')).toContainText(`${total.toLocaleString('ja-JP')}件`);
  await expect(page.getByTestId('journal-count')).toContainText(amount.toLocaleString('ja-JP'));
  await page.getByTestId('journal-pager').getByRole('button', { name: '最後' }).click();
  await expect(page.getByTestId('journal-pager')).toContainText(`/ ${total.toLocaleString('ja-JP')}件`);
  const [last] = (await core(page, 'books:entries-query', { offset: total - 1, limit: 1 })).rows;
  await expect(page.getByTestId('journal-table').locator('tbody tr').last()).toContainText(last!.memo);
  await snap(app, '仕訳帳: the last page of a long range, with count and total');
});
