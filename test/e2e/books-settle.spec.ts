import type { Page } from '@playwright/test';
import { ruleAsSaved, type QueueLine } from '../../shared/ipc/books-contract.ts';
import { bankSide, core, entryOfLine } from './support/core-call.ts';
import { shoot } from './support/shots.ts';
import { openBooksOfCorp0001 } from './support/flows.ts';
import { expect, test } from './support/fixtures.ts';

/**
 * 消込 and compound rules (issue 22), as the shop owner uses them: a 売掛金 raised by a 振替伝票 is
 * settled by the customer's bank 入金 through the panel's proposal and is no longer open in 未消込;
 * a rule with a fixed 支払手数料 line registers compound entries on save. Every write is read back
 * from the core and compared line by line with what was chosen.
 */

/** A 振替伝票 raising a 売掛金 of `amount` for `counterparty`, typed in the form. */
async function raiseReceivable(page: Page, counterparty: string, amount: number, memo: string) {
  await page.getByRole('tab', { name: '仕訳帳' }).click();
  await page.getByRole('button', { name: '振替伝票を入力' }).click();
  const voucher = page.getByRole('dialog', { name: '振替伝票' });
  await voucher.getByLabel('取引日').fill('2026-01-05');
  await voucher.getByLabel('勘定科目 1').selectOption({ label: '売掛金' });
  await voucher.getByLabel('金額 1').fill(String(amount));
  await voucher.getByLabel('勘定科目 2').selectOption({ label: '売上高' });
  await voucher.getByLabel('金額 2').fill(String(amount));
  await voucher.getByLabel('取引先').fill(counterparty);
  await voucher.getByLabel('摘要').fill(memo);
  await voucher.getByRole('button', { name: '登録' }).click();
  await expect(page.getByRole('status').filter({ hasText: '振替伝票を登録しました' })).toBeVisible();
  const [entry] = (await core(page, 'books:entries-query', { text: memo, limit: 10 })).rows;
  expect(entry!.lines).toEqual([
    { side: 'debit', titleCode: 'receivables', taxCode: 'none', amount },
    { side: 'credit', titleCode: 'sales', taxCode: 'sales10', amount },
  ]);
  return entry!;
}

test('an open 売掛金 settled by the bank 入金 the panel proposes, and a rule with a fixed fee line', async ({
  app,
  bankCustomer,
  snap,
  page,
}) => {
  await openBooksOfCorp0001(app, bankCustomer);
  const { rows } = await core(page, 'books:queue-query', { status: 'unreviewed', limit: 500 });
  // A 入金 of a 取引先 whose remarks and amount no other waiting line has (the list is clicked by them).
  const payment = rows.find(
    (r) =>
      r.type === '1' &&
      r.counterparty !== '' &&
      r.amount > 1000 &&
      r.amount !== 33_000 &&
      rows.filter((o) => o.remarks === r.remarks && o.amount === r.amount).length === 1,
  )!;
  expect(payment).toBeDefined();

  // Two invoices of the customer: one of exactly the payment, one of another amount.
  const invoice = await raiseReceivable(page, payment.counterparty, payment.amount, '1月分 請求');
  const other = await raiseReceivable(page, payment.counterparty, 33_000, '1月分 追加');

  // 未消込 lists both, per 取引先.
  await page.getByRole('tab', { name: '試算表・元帳' }).click();
  await page.getByRole('radio', { name: '未消込（売掛金・買掛金）' }).check();
  const items = page.getByTestId('open-items-list').getByTestId('open-item');
  await expect(items).toHaveCount(2);
  await expect(page.getByTestId('open-items-counterparties')).toContainText(payment.counterparty);

  // The payment: the panel proposes settling the invoice of its amount.
  await page.getByRole('tab', { name: '仕訳待ち' }).click();
  await page
    .getByTestId('review-queue')
    .getByRole('option')
    .filter({ hasText: payment.remarks })
    .filter({ hasText: payment.amount.toLocaleString('ja-JP') })
    .first()
    .click();
  const panel = page.getByRole('complementary', { name: '登録' });
  const proposal = panel.getByTestId('settlement');
  await expect(proposal).toContainText('金額が一致します');
  await expect(proposal).toContainText('1月分 請求');
  await expect(proposal.getByTestId('settlement-lines')).toContainText(
    `貸方 売掛金 ￥${payment.amount.toLocaleString('ja-JP')}`,
  );
  await shoot(page, 'settle-proposal-ja', proposal);
  await snap(app, '仕訳待ち: the 入金 proposes settling the open 売掛金 of its amount');
  await proposal.getByRole('button', { name: '消込して登録' }).click();
  await expect(page.getByRole('status').filter({ hasText: '1件を登録しました' })).toBeVisible();

  const entry = await entryOfLine(page, payment);
  const bank = await bankSide(page, payment, 'debit');
  expect(entry.lines).toEqual([
    bank,
    { side: 'credit', titleCode: 'receivables', taxCode: 'none', amount: payment.amount },
  ]);
  expect(entry).toMatchObject({ date: payment.date, counterparty: payment.counterparty, source: 'bank' });
  const open = await core(page, 'books:open-items-get', { titleCode: 'receivables', includeSettled: true });
  expect(open.items.map((i) => [i.entryId, i.open, i.settledBy.map((s) => s.entryId)])).toEqual([
    [invoice.id, 0, [entry.id]],
    [other.id, 33_000, []],
  ]);

  // 未消込 no longer lists the invoice; with 消込済も表示 it is marked settled.
  await page.getByRole('tab', { name: '試算表・元帳' }).click();
  await page.getByRole('radio', { name: '未消込（売掛金・買掛金）' }).check();
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText('1月分 追加');
  await page.getByLabel('消込済も表示').check();
  await expect(items).toHaveCount(2);
  await expect(items.filter({ hasText: '1月分 請求' })).toContainText('消込済');
  await shoot(page, 'open-items-ja');
  await snap(app, '未消込: the invoice settled, the other still open');

  // A rule with a fixed fee line: every ｺｷﾞﾃ 出金 as 仕入高 less a 支払手数料 of ¥440.
  const waiting = async () =>
    (await core(page, 'books:queue-query', { status: 'unreviewed', text: 'ｺｷﾞﾃ', limit: 500 })).rows.filter(
      (l: QueueLine) => l.type === '2',
    );
  const before = await waiting();
  const fitting = before.filter((l) => !l.transfer && l.amount > 440);
  const tooSmall = before.filter((l) => !l.transfer && l.amount <= 440);
  expect(fitting.length).toBeGreaterThan(0);
  await page.getByRole('tab', { name: 'ルール' }).click();
  const form = page.getByRole('form', { name: '新しいルール' });
  await form.getByLabel('キーワード').fill('ｺｷﾞﾃ');
  await form.getByLabel('条件').selectOption({ label: '前方一致' });
  await form.getByRole('combobox', { name: '入出金' }).selectOption({ label: '出金' });
  await form.getByRole('combobox', { name: /^勘定科目/ }).selectOption({ label: '仕入高' });
  await form.getByRole('button', { name: '固定の行を追加' }).click();
  await expect(form.getByRole('button', { name: '保存' })).toBeDisabled();
  await form.getByLabel('固定の行 1 の位置').selectOption({ label: '科目から分ける' });
  await form.getByLabel('固定の行 1 の勘定科目').selectOption({ label: '支払手数料' });
  await form.getByLabel('固定の行 1 の金額').fill('440');
  await form.getByRole('radio', { name: '自動登録' }).check();
  await shoot(page, 'rule-fixed-lines-ja', form.getByTestId('rule-fixed-lines'));
  await form.getByRole('button', { name: '保存' }).click();
  const saved = page.getByTestId('rule-saved');
  await expect(saved).toContainText(`${fitting.length.toLocaleString('ja')}件を自動登録`);
  if (tooSmall.length > 0) await expect(saved).toContainText(`${tooSmall.length}件は固定の行の合計`);
  await snap(app, 'ルール: a rule with a fixed 支払手数料 line registered compound entries');
  const rule = (await core(page, 'books:rules-list', undefined)).find((r) => r.keyword === 'ｺｷﾞﾃ')!;
  expect(rule.fixedLines).toEqual([
    { place: 'title', titleCode: 'fees', taxCode: 'purchase10', amount: 440 },
  ]);
  const written = (await core(page, 'books:entries-query', { limit: 1000 })).rows.filter(
    (e) => e.ruleId === rule.id,
  );
  expect(written).toHaveLength(fitting.length);
  const byDateAmount = new Map(written.map((e) => [`${e.date}/${e.amount}`, e]));
  // Each account's 預金 (a 当座 is 当座預金), as the chart says.
  const { titles } = await core(page, 'books:chart-get', undefined);
  const bankTitle = (label: string) => titles.find((t) => t.bankAccounts.some((a) => a.name === label))!.code;
  for (const line of fitting)
    expect(byDateAmount.get(`${line.date}/${line.amount}`)!.lines).toEqual([
      { side: 'debit', titleCode: 'purchases', taxCode: 'purchase10', amount: line.amount - 440 },
      { side: 'debit', titleCode: 'fees', taxCode: 'purchase10', amount: 440 },
      {
        side: 'credit',
        titleCode: bankTitle(line.accountLabel),
        subTitle: line.accountLabel,
        taxCode: 'none',
        amount: line.amount,
      },
    ]);
  await shoot(page, 'rule-applied-ja', saved);

  // Fixed parts beyond a line's amount: the rule is not applied to it, and the message says so.
  const left = await waiting();
  expect(left.length).toBeGreaterThan(0);
  await core(page, 'books:rules-save', {
    ...ruleAsSaved(rule),
    fixedLines: [{ place: 'title', titleCode: 'fees', taxCode: 'purchase10', amount: 100_000_000 }],
  });
  await page.getByRole('button', { name: '今すぐルールを適用' }).click();
  const applied = page.getByTestId('rules-applied');
  await expect(applied).toContainText(
    `${left.length}件は固定の行の合計が明細の金額以上のため、ルールを適用せず仕訳待ちに残しました`,
  );
  expect((await waiting()).filter((l) => l.suggestion?.ruleId === rule.id)).toEqual([]);
  await shoot(page, 'rule-too-small-ja', applied);

  // The same screens in English, for review.
  if (process.env.SHOTS_DIR) {
    await app.chooseLanguage('en');
    await app.goTo('books');
    await page.getByRole('tab', { name: 'Reports' }).click();
    await page.getByRole('radio', { name: 'Open receivables & payables' }).check();
    await page.getByLabel('Show settled items too').check();
    await shoot(page, 'open-items-en');
    await page.getByRole('tab', { name: 'Rules' }).click();
    await page.getByRole('button', { name: 'Add a fixed line' }).click();
    await shoot(page, 'rule-fixed-lines-en', page.getByTestId('rule-fixed-lines'));
    const next = (await core(page, 'books:queue-query', { status: 'unreviewed', limit: 500 })).rows.find(
      (r) => r.type === '1' && r.counterparty !== '' && r.amount > 1000,
    );
    if (next) {
      await core(page, 'books:entries-add', {
        date: '2026-01-05',
        lines: [
          { side: 'debit', titleCode: 'receivables', taxCode: 'none', amount: next.amount + 5_000 },
          { side: 'credit', titleCode: 'sales', taxCode: 'sales10', amount: next.amount + 5_000 },
        ],
        counterparty: next.counterparty,
        memo: 'January invoice',
      });
      await page.getByRole('tab', { name: 'To review' }).click();
      await page
        .getByTestId('review-queue')
        .getByRole('option')
        .filter({ hasText: next.remarks })
        .first()
        .click();
      await expect(page.getByTestId('settlement')).toBeVisible();
      await shoot(page, 'settle-proposal-en', page.getByTestId('settlement'));
    }
  }
});
