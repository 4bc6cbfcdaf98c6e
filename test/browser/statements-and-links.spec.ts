import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../../main/store/app-database.ts';
import { foldKana } from '../../shared/kana.ts';
import { startApp, type RunningApp } from '../e2e/support/app-shell.ts';
import { desktopLinks } from '../support/test-bank.ts';
import { linkCorporateOverHttp } from '../support/unsynced-ledger.ts';
import { bank, qaPost, screen } from './bank-e2e.ts';

/**
 * Two WEB-FB links of one bank in an app of its own (a fresh ledger, the browser shell over the real
 * core, the bank Playwright started): the 連携 cards and 口座 tell them apart by customer and
 * accounts, 口座 totals each link alone, and 明細 — at CORP9000's 100,000 rows — fits an 800 px
 * window, totals what the filters match and sorts both ways. The customer's part at the bank goes
 * over plain HTTP: the bank's screens are tested elsewhere.
 */
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1280, height: 800 } });

let app: RunningApp;
let dataDir: string;
const yen = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

test.beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-links-app-'));
  app = await startApp({ dataDir, issuer: bank.issuer });
});
test.afterAll(async () => {
  await app?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function openedUrls(page: Page): Promise<string[]> {
  return (await page.request.get(`${app.origin}/test-hook/opened-urls`)).json() as Promise<string[]>;
}

/** 口座を連携 → 法人, then the customer logs in at the bank and consents. */
async function linkCorporate(page: Page, loginId: string, password: string) {
  const before = (await openedUrls(page)).length;
  await page.getByRole('main').getByRole('button', { name: '口座を連携' }).click();
  const dialog = page.getByRole('dialog', { name: '口座を連携' });
  await dialog.getByRole('button', { name: '法人（WEB-FB）' }).click();
  await expect.poll(async () => (await openedUrls(page)).length).toBe(before + 1);
  await linkCorporateOverHttp(bank, (await openedUrls(page)).at(-1)!, loginId, password);
  await expect(dialog).toBeHidden();
}

/** The rows of the app's ledger, read from its SQLite file: the reference the screen is checked against. */
function ledgerRows(): Array<{ date: string; type: string; amount: number; remarks: string }> {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db
      .prepare('SELECT transaction_date AS date, type, amount, remarks FROM transactions')
      .all() as Array<{ date: string; type: string; amount: number; remarks: string }>;
  } finally {
    db.close();
  }
}

test('a dialog keeps the keyboard within it: Tab and Shift+Tab go round its controls, Escape gives focus back', async ({
  page,
}) => {
  await page.goto(app.url);
  const opener = page.getByRole('main').getByRole('button', { name: '口座を連携' });
  await opener.click();
  const dialog = page.getByRole('dialog', { name: '口座を連携' });
  await expect(dialog.getByRole('button', { name: '個人（WEBバンキング）' })).toBeFocused();
  const focusInDialog = async () => (await dialog.locator(':focus').count()) === 1;
  const controls = await dialog.locator('button, select, input').count();
  for (let i = 0; i < controls + 2; i++) {
    await page.keyboard.press('Tab');
    expect(await focusInDialog(), `Tab ${i + 1} left the dialog`).toBe(true);
  }
  for (let i = 0; i < controls + 2; i++) {
    await page.keyboard.press('Shift+Tab');
    expect(await focusInDialog(), `Shift+Tab ${i + 1} left the dialog`).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
});

test('two WEB-FB links of one bank are told apart by customer and accounts, each with its own total', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await page.goto(app.url);
  await linkCorporate(page, 'CORP0001', 'Corp-Pass-1');
  const nav = page.getByRole('navigation');
  await nav.getByRole('button', { name: '連携' }).click();
  await linkCorporate(page, 'CORP9000', 'Corp-Pass-9');

  // Both links sync on their own after linking; 口座 shows each link's accounts under its customer.
  await nav.getByRole('button', { name: '口座' }).click();
  const groups = page.getByTestId('account-group');
  await expect(groups).toHaveCount(2);
  await expect(groups.filter({ hasText: '株式会社デモ大量取引' })).toContainText(/100,0\d\d件/, {
    timeout: 60_000,
  });
  for (const group of await groups.all()) {
    await expect(group.getByRole('heading')).toContainText('デモ信用金庫');
    await expect(group.getByRole('heading')).toContainText('WEB-FB');
    const balances = await group.locator('tbody td.num:nth-child(5)').allTextContents();
    expect(balances.length).toBeGreaterThan(0);
    const total = balances.reduce((n, b) => n + yen(b), 0);
    await expect(group.getByTestId('accounts-total')).toContainText(total.toLocaleString('ja-JP'));
  }
  await expect(page.getByTestId('accounts-total')).toHaveCount(2);
  await screen(page, testInfo, '60-accounts-by-link');

  await nav.getByRole('button', { name: '連携' }).click();
  const cards = page.getByTestId('connection');
  await expect(cards).toHaveCount(2);
  const holders = await page.getByTestId('connection-holder').allTextContents();
  expect(new Set(holders).size).toBe(2);
  expect(holders).toContain('株式会社デモ大量取引');
  for (const card of await cards.all())
    await expect(card.getByTestId('connection-accounts')).toContainText(/\*{4}\d{4}/);
  await screen(page, testInfo, '61-links-told-apart');

  // A row of 口座 opens that account's 明細.
  await nav.getByRole('button', { name: '口座' }).click();
  const shop = groups.filter({ hasText: '株式会社デモ大量取引' }).getByTestId('account-row').first();
  const shopCount = (await shop.locator('td').last().textContent())!;
  await shop.click();
  await expect(nav.getByRole('button', { name: '明細' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('statement-count')).toHaveText(shopCount);
});

test('明細 at 100,000 rows fits an 800 px window, totals the filtered rows and sorts by date either way', async ({
  page,
}, testInfo) => {
  await page.goto(app.url);
  await page.getByRole('navigation').getByRole('button', { name: '明細' }).click();
  const rows = ledgerRows();
  const count = page.getByTestId('statement-count');
  await expect(count).toHaveText(`${rows.length.toLocaleString('ja-JP')}件`);
  await expect(page.getByTestId('statement-row').first()).toBeVisible();
  // The page does not scroll: the list scrolls inside.
  expect(await page.evaluate('document.documentElement.scrollHeight')).toBeLessThanOrEqual(800);
  await screen(page, testInfo, '62-statements-800');

  const sumOf = (match: typeof rows) => ({
    count: match.length,
    deposits: match.filter((r) => r.type === '1').reduce((n, r) => n + r.amount, 0),
    withdrawals: match.filter((r) => r.type === '2').reduce((n, r) => n + r.amount, 0),
  });
  const expectTotals = async (expected: ReturnType<typeof sumOf>) => {
    await expect(count).toHaveText(`${expected.count.toLocaleString('ja-JP')}件`);
    await expect(page.getByTestId('statement-deposits')).toHaveText(
      `￥${expected.deposits.toLocaleString('ja-JP')}`,
    );
    await expect(page.getByTestId('statement-withdrawals')).toHaveText(
      `￥${expected.withdrawals.toLocaleString('ja-JP')}`,
    );
  };
  await expectTotals(sumOf(rows));
  // Typed one key at a time, as a user types: every keystroke asks, the last answer is shown.
  const remarks = page.getByLabel('摘要');
  await remarks.pressSequentially('ふりこみ');
  await expectTotals(sumOf(rows.filter((r) => foldKana(r.remarks).includes(foldKana('ふりこみ')))));
  await page.getByLabel('区分').selectOption('2');
  await expectTotals(
    sumOf(rows.filter((r) => r.type === '2' && foldKana(r.remarks).includes(foldKana('ふりこみ')))),
  );
  await screen(page, testInfo, '63-statements-filtered-totals');
  // Amounts with them (a scan of the days' columns, migration 13), then a range of amounts alone.
  const minAmount = page.getByLabel('最小金額');
  await minAmount.fill('10000');
  await expectTotals(
    sumOf(
      rows.filter(
        (r) => r.type === '2' && r.amount >= 10_000 && foldKana(r.remarks).includes(foldKana('ふりこみ')),
      ),
    ),
  );
  await screen(page, testInfo, '63-statements-amount-totals');
  await page.getByLabel('区分').selectOption('');
  await remarks.fill('');
  await page.getByLabel('最大金額').fill('50000');
  await expectTotals(sumOf(rows.filter((r) => r.amount >= 10_000 && r.amount <= 50_000)));
  await minAmount.fill('');
  await page.getByLabel('最大金額').fill('');

  // Newest first by default; oldest first on request.
  await page.getByLabel('区分').selectOption('');
  await remarks.fill('');
  const dates = rows.map((r) => r.date).sort();
  const firstDate = page.getByTestId('statement-row').first().locator('.date');
  const shown = (date: string) => `${Number(date.slice(0, 4))}/${date.slice(5, 7)}/${date.slice(8, 10)}`;
  await expect(firstDate).toContainText(shown(dates.at(-1)!).slice(5));
  await page.getByLabel('並び順').selectOption('asc');
  await expect(firstDate).toContainText(shown(dates[0]!).slice(5));

  // Kanji find nothing in the bank's kana: the empty result says so, in view without scrolling.
  await remarks.fill('電気');
  const empty = page.getByTestId('statement-empty');
  await expect(empty).toContainText('条件に合う明細はありません');
  await expect(empty).toContainText('漢字では見つかりません');
  await expect(empty).toBeInViewport();
  await screen(page, testInfo, '64-statements-kanji-hint');
});

test('再連携 names who must log in; a link disconnected with its data kept is marked, untotalled, and its data deleted on request', async ({
  page,
}, testInfo) => {
  await page.goto(app.url);
  const nav = page.getByRole('navigation');
  // CORP0001's link ends at the bank; the next sync finds it 要再連携.
  const [link] = (await desktopLinks(bank, 'CORP0001')).filter((l) => l.status === 'active').slice(-1);
  expect((await qaPost(`/qa/api/links/${link!.id}/expire`)).status).toBe(200);
  await page.getByRole('button', { name: '同期', exact: true }).click();
  await nav.getByRole('button', { name: '連携' }).click();
  const card = page.getByTestId('connection').filter({ hasNotText: '株式会社デモ大量取引' });
  await expect(card.getByTestId('connection-status')).toHaveText('要再連携', { timeout: 30_000 });
  const holder = (await card.getByTestId('connection-holder').textContent())!;
  const relink = page.getByRole('dialog', { name: '再連携' });
  // From the error's 再連携 as from the card's: the app names the customer before the bank opens.
  await page.getByRole('alert').getByRole('button', { name: '再連携' }).click();
  await expect(relink.getByTestId('relink-who')).toContainText(holder);
  await relink.getByRole('button', { name: 'キャンセル' }).click();
  await card.getByRole('button', { name: '再連携' }).click();
  await expect(relink.getByTestId('relink-who')).toContainText(holder);
  await screen(page, testInfo, '65-relink-who');
  await relink.getByRole('button', { name: 'キャンセル' }).click();
  await expect(relink).toBeHidden();

  await card.getByRole('button', { name: '連携解除' }).click();
  await page
    .getByRole('dialog', { name: '連携解除' })
    .getByRole('button', { name: 'データを残して解除' })
    .click();
  await expect(card.getByTestId('connection-status')).toHaveText('連携解除済み');

  await nav.getByRole('button', { name: '口座' }).click();
  const kept = page.getByTestId('account-group').filter({ hasText: holder });
  await expect(kept).toContainText('連携解除済み');
  await expect(kept.getByTestId('accounts-total')).toHaveCount(0);
  await expect(page.getByTestId('accounts-total')).toHaveCount(1);
  await screen(page, testInfo, '66-accounts-disconnected');

  await nav.getByRole('button', { name: '連携' }).click();
  await card.getByRole('button', { name: '保存データを削除' }).click();
  const confirm = page.getByRole('dialog', { name: '保存データを削除' });
  await expect(confirm).toContainText('元に戻せません');
  await expect(confirm).toContainText(holder);
  await screen(page, testInfo, '67-delete-kept-data');
  await confirm.getByRole('button', { name: '削除する' }).click();
  await expect(page.getByTestId('connection')).toHaveCount(1);
  await nav.getByRole('button', { name: '口座' }).click();
  await expect(page.getByTestId('account-group')).toHaveCount(1);
  await screen(page, testInfo, '68-links-after-delete');
});
