import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { TransactionView } from '../../shared/ipc/contract.ts';
import { core } from './support/core-call.ts';
import { linkCorp0001 } from './support/flows.ts';
import { expect, test } from './support/fixtures.ts';

/**
 * The books' reports as an owner and their accountant walk them: opening balances entered (and a
 * difference refused), lines registered, the 残高試算表 balancing, the 総勘定元帳 of the bank
 * account with its running balance, and both saved as CSV and read back.
 */

const yenOf = (text: string) => Number(text.replace(/[^\d-]/g, '').replace(/(?!^)-/g, ''));
const cells = async (page: Page, testId: string) =>
  (await page.getByTestId(testId).allTextContents()).map(yenOf);

test('opening balances → register → 試算表 balances → 元帳 runs its balance → CSV read back', async ({
  app,
  bankCustomer,
  snap,
  page,
}, testInfo) => {
  // Linking, a sync and 300 registrations; with SHOTS_DIR, 24 screenshots besides.
  test.setTimeout(process.env.SHOTS_DIR ? 360_000 : 180_000);
  await linkCorp0001(app, bankCustomer);

  // The bank's balance before its first line, per account: what the books start from.
  const { accounts } = await core(page, 'reports:reconciliation-get', undefined);
  const opening: ((typeof accounts)[number] & { first: TransactionView; amount: number })[] = [];
  for (const a of accounts) {
    const first = (await core(page, 'statements:query', { accountId: a.accountId, order: 'asc', limit: 1 }))
      .rows[0]!;
    opening.push({
      ...a,
      first,
      amount: first.balance - (first.type === '1' ? first.amount : -first.amount),
    });
  }
  const year = opening.map((o) => o.first.transactionDate.slice(0, 4)).sort()[0]!;
  const capital = opening.reduce((s, o) => s + o.amount, 0);

  await app.goTo('books');
  await page.getByRole('tab', { name: '試算表・元帳' }).click();
  await page.getByRole('radio', { name: '期首残高' }).check();
  await page.getByLabel('帳簿を始める年度').fill(year);
  for (const o of opening)
    await page
      .getByLabel(`${o.titleCode === 'checking_deposit' ? '当座預金' : '普通預金'} ${o.label} 借方`)
      .fill(String(o.amount));
  await page.getByLabel('資本金 貸方').fill(String(capital - 1));
  await expect(page.getByText('借方と貸方の合計が ￥1 違います。')).toBeVisible();
  await page.getByRole('button', { name: '期首残高を保存' }).click();
  await expect(page.getByRole('alert')).toContainText('期首残高の借方合計と貸方合計が一致しません');
  expect((await core(page, 'reports:opening-balances-get', undefined)).asOf).toBeNull();
  await page.getByLabel('資本金 貸方').fill(String(capital));
  await expect(page.getByText('借方と貸方の合計が一致しています。')).toBeVisible();
  await page.getByRole('button', { name: '期首残高を保存' }).click();
  await expect(page.getByText(`期首残高（${year}-01-01）を保存しました。`)).toBeVisible();
  await snap(app, '期首残高: entered and balanced');

  // Register the first account's first 300 lines: 入金 as 売上高, 出金 as 雑費 (one call each;
  // a bulk choice books only the lines whose direction it fits).
  const queue = await core(page, 'books:queue-query', { status: 'unreviewed', offset: 0, limit: 300 });
  const refs = queue.rows.map((l) => ({ accountId: l.accountId, itemKey: l.itemKey }));
  const sales = await core(page, 'books:lines-register', {
    lines: refs,
    titleCode: 'sales',
    taxCode: 'sales10',
  });
  const misc = await core(page, 'books:lines-register', {
    lines: refs,
    titleCode: 'misc_expense',
    taxCode: 'purchase10',
  });
  expect(sales.created + misc.created).toBe(refs.length);

  // The 試算表 over everything from the start: it balances, and its totals say so.
  await page.getByRole('radio', { name: '残高試算表' }).check();
  await page.getByLabel('開始日').fill(`${year}-01-01`);
  await page.getByLabel('終了日').fill('2099-12-31');
  await expect(page.getByTestId('trial-status')).toHaveText('借方と貸方の合計が一致しています。');
  const table = page.getByTestId('trial-table');
  await expect(table).toContainText('貸借対照表');
  await expect(table).toContainText('損益計算書');
  await expect(table).toContainText('売上高');
  expect(await cells(page, 'total-debit')).toEqual(await cells(page, 'total-credit'));
  await snap(app, '残高試算表: B/S and P/L, balanced');

  // CSV of the 試算表: UTF-8 with a BOM; its total rows agree with the screen's.
  const trialCsv = await download(page, 'CSVで保存', testInfo.outputPath());
  expect([...trialCsv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const trialRows = trialCsv
    .toString('utf8')
    .slice(1)
    .trimEnd()
    .split('\r\n')
    .map((l) => l.split(','));
  expect(trialRows[0]).toEqual(['区分', '勘定科目', '貸借', '前月繰越', '借方', '貸方', '残高']);
  const [debitTotal, creditTotal] = trialRows.slice(-2);
  expect(debitTotal![6]).toBe(creditTotal![6]);
  expect(Number(debitTotal![6])).toBe((await cells(page, 'total-debit'))[0]);

  // The 元帳 of the bank account, opened from its row: each balance follows from the one before.
  const bankTitle = opening[0]!.titleCode === 'checking_deposit' ? '当座預金' : '普通預金';
  await table.getByRole('button', { name: bankTitle }).click();
  await page.getByLabel('補助科目').selectOption(opening[0]!.label);
  const ledger = page.getByTestId('ledger-table');
  await expect(ledger.locator('tbody tr').nth(1)).toBeVisible();
  const rows: string[][] = [];
  for (const tr of await ledger.locator('tbody tr').all())
    rows.push(await tr.locator('td').allTextContents());

  let balance = yenOf(rows[0]!.at(-1)!);
  expect(balance).toBe(opening[0]!.amount);
  for (const row of rows.slice(1)) {
    balance += yenOf(row[3]! || '0') - yenOf(row[4]! || '0');
    expect(yenOf(row[5]!)).toBe(balance);
  }
  await snap(app, '総勘定元帳: the bank account, running balance');

  const ledgerCsv = await download(page, 'CSVで保存', testInfo.outputPath());
  const ledgerRows = ledgerCsv
    .toString('utf8')
    .slice(1)
    .trimEnd()
    .split('\r\n')
    .map((l) => l.split(','));
  expect(ledgerRows[0]).toEqual(['日付', '相手科目', '取引先', '摘要', '借方', '貸方', '残高']);
  expect(Number(ledgerRows[1]![6])).toBe(opening[0]!.amount);
  expect(Number(ledgerRows.at(-1)![6])).toBe(yenOf(await page.getByTestId('ledger-closing').innerText()));
  expect(ledgerRows.length).toBe(
    2 +
      (
        await core(page, 'reports:ledger-query', {
          titleCode: opening[0]!.titleCode,
          subTitle: opening[0]!.label,
          dateFrom: `${year}-01-01`,
          dateTo: '2099-12-31',
          offset: 0,
          limit: 1,
        })
      ).total +
      1,
  );

  // 残高照合: registered lines and opening balances agree with the bank; nothing unexplained.
  await page.getByRole('radio', { name: '残高照合' }).check();
  await expect(page.getByTestId('reconcile-account').first()).toContainText('一致');
  await snap(app, '残高照合: every account matches');

  // 月次推移: B/S titles apart from P/L titles, the signs explained, and every month on screen at
  // 800×600 as at 1280×800 — none cut off or behind a scroll bar.
  for (const size of [
    { width: 1280, height: 800 },
    { width: 800, height: 600 },
  ]) {
    await page.setViewportSize(size);
    await page.getByRole('tab', { name: '月次推移' }).click();
    await expect(page.getByTestId('monthly-signs')).toContainText('資産・費用は借方−貸方');
    await expect(page.getByTestId('monthly-table-pl').first()).toContainText('売上高');
    await expect(page.getByTestId('monthly-table-bs').first()).not.toContainText('売上高');
    const months = page.getByTestId('monthly-table-pl').locator('thead th.num');
    const headers = (await months.allTextContents()).filter((h) => h !== '合計');
    expect(headers).toHaveLength(12);
    for (const box of await Promise.all((await months.all()).map((m) => m.boundingBox())))
      expect(box!.x + box!.width).toBeLessThanOrEqual(size.width);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('tab', { name: '試算表・元帳' }).click();

  // Opening balances ¥1,000 above the bank's: 口座 shows the difference from the first day, with its lines.
  const saved = await core(page, 'reports:opening-balances-get', undefined);
  await core(page, 'reports:opening-balances-save', {
    asOf: saved.asOf,
    rows: saved.rows.map((r) =>
      r.subTitle === opening[0]!.label
        ? { ...r, debit: r.debit + 1000 }
        : r.titleCode === 'capital'
          ? { ...r, credit: r.credit + 1000 }
          : r,
    ),
  });
  await app.goTo('accounts');
  const notice = page.getByTestId('reconcile-notice');
  await expect(notice).toContainText(`${opening[0]!.label}: 差額 -￥1,000（`);
  await expect(notice.locator('tbody tr').first()).toBeVisible();
  await snap(app, '口座: the difference 残高照合 found, with the lines around it');
  await notice.getByRole('button', { name: '帳簿の残高照合を開く' }).click();
  await expect(page.getByRole('radio', { name: '残高照合' })).toBeChecked();
  await expect(page.getByTestId('reconcile-account').first()).toContainText('差額 -￥1,000');

  if (process.env.SHOTS_DIR) await screenshots(app.page, process.env.SHOTS_DIR);
});

async function download(page: Page, button: string, dir: string): Promise<Buffer> {
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  const file = await downloading;
  const to = path.join(dir, file.suggestedFilename());
  await file.saveAs(to);
  return fs.readFileSync(to);
}

/** The new screens at 1280×800 and 800×600 in both languages, for a person to look at. */
async function screenshots(page: Page, dir: string) {
  fs.mkdirSync(dir, { recursive: true });
  const words = {
    ja: {
      tab: '試算表・元帳',
      monthly: '月次推移',
      views: ['残高試算表', '総勘定元帳', '残高照合', '期首残高'],
    },
    en: {
      tab: 'Reports',
      monthly: 'Monthly',
      views: ['Trial balance', 'General ledger', 'Bank reconciliation', 'Opening balances'],
    },
  };
  for (const lang of ['ja', 'en'] as const) {
    await core(page, 'settings:update', { language: lang });
    await page.reload();
    for (const size of [
      { width: 1280, height: 800 },
      { width: 800, height: 600 },
    ]) {
      await page.setViewportSize(size);
      await page
        .getByRole('navigation')
        .getByRole('button', { name: lang === 'ja' ? '口座' : 'Accounts' })
        .click();
      await page.getByTestId('reconcile-notice').waitFor();
      await page.screenshot({ path: path.join(dir, `accounts-${lang}-${size.width}.png`), fullPage: true });
      await page
        .getByRole('navigation')
        .getByRole('button', { name: lang === 'ja' ? '帳簿' : 'Books' })
        .click();
      await page.getByRole('tab', { name: words[lang].monthly }).click();
      await page.getByTestId('monthly-signs').waitFor();
      await page.screenshot({ path: path.join(dir, `monthly-${lang}-${size.width}.png`), fullPage: true });
      await page.getByRole('tab', { name: words[lang].tab }).click();
      for (const [i, view] of words[lang].views.entries()) {
        await page.getByRole('radio', { name: view }).check();
        await page.waitForTimeout(500);
        const name = ['trial', 'ledger', 'reconcile', 'opening'][i];
        await page.screenshot({ path: path.join(dir, `${name}-${lang}-${size.width}.png`), fullPage: true });
      }
    }
  }
}
