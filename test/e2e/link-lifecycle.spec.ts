import { expect, test } from './support/fixtures.ts';
import { linkCorp0001 } from './support/flows.ts';

/** A link's life after it is made: it expires and is re-linked, or the user disconnects it. */

test('a link expired at the bank turns 要再連携 with its data kept; 再連携 revives the same connection and history', async ({
  app,
  bankCustomer,
  qa,
  snap,
}) => {
  await linkCorp0001(app, bankCustomer);
  const history = await app.statementTotal();
  expect(history).toBeGreaterThan(0);

  const expired = await qa.expireLink((await qa.newestAppLink('CORP0001')).id);
  expect(expired.status).toBe('expired');
  await app.syncButton().click();
  await expect(app.alert('CONSENT_EXPIRED')).toBeVisible();
  await expect(app.alert('CONSENT_EXPIRED').getByRole('button', { name: app.w('relink') })).toBeVisible();
  await snap(app, 'the expired link reported with 再連携');
  await app.goTo('links');
  await expect(app.connectionStatus()).toHaveText(app.w('relinkNeeded'));
  await snap(app, '連携: 要再連携');
  await app.goTo('statements');
  await expect.poll(() => app.statementCount()).toBe(history);
  // Business goes on at the bank while the link is down; 再連携 must bring it in after the history.
  await qa.bookDeposits('CORP0001', 4);

  await app.goTo('links');
  const url = await app.authorizationUrlOpenedBy(async () => {
    await app
      .connections()
      .getByRole('button', { name: app.w('relink'), exact: true })
      .click();
    // The app first says who must log in at the bank: the customer who holds the link's accounts.
    const who = app.page.getByRole('dialog', { name: app.w('relink') });
    await expect(who.getByTestId('relink-who')).toContainText('株式会社デモ商事');
    await snap(app, '再連携: who must log in');
    await who.getByRole('button', { name: app.w('relinkStart') }).click();
  });
  const bank = await bankCustomer.openBank(url);
  await bank.logInCorporate('CORP0001', 'Corp-Pass-1');
  await bank.allow();

  await expect(app.connectionStatus()).toHaveText(app.w('active'));
  await expect(app.connections()).toHaveCount(1);
  await app.expectSyncFinished();
  await expect(app.alert('CONSENT_EXPIRED')).toHaveCount(0);
  await snap(app, '連携: active again after 再連携');
  await app.goTo('statements');
  await expect.poll(() => app.statementCount()).toBe(history + 4);
  const newest = await qa.newestAppLink('CORP0001');
  expect(newest.id).not.toBe(expired.id);
  expect(newest.status).toBe('active');
});

test('連携解除 keeping the data revokes the link at the bank; the accounts stay, marked 連携解除済み', async ({
  app,
  bankCustomer,
  qa,
  snap,
}) => {
  await linkCorp0001(app, bankCustomer);
  const link = await qa.newestAppLink('CORP0001');
  expect(link.status).toBe('active');

  await app.goTo('links');
  await app
    .connections()
    .getByRole('button', { name: app.w('disconnect'), exact: true })
    .click();
  const dialog = app.page.getByRole('dialog', { name: app.w('disconnect') });
  await expect(dialog).toBeVisible();
  await snap(app, '連携解除: keep the data?');
  await dialog.getByRole('button', { name: app.w('disconnectKeepData') }).click();
  await expect(dialog).toBeHidden();
  await expect(app.connectionStatus()).toHaveText(app.w('disconnected'));
  await snap(app, '連携: 連携解除済み');

  await expect
    .poll(async () => (await qa.appLinks('CORP0001')).find((l) => l.id === link.id)?.status)
    .toBe('revoked');
  await app.goTo('accounts');
  await expect(app.accountRows().filter({ hasText: '****1002' })).toBeVisible();
});

test('a link the QA console sets to expire in 5 days shows まもなく期限切れ, its new end and the warning after the next sync', async ({
  app,
  bankCustomer,
  qa,
  snap,
}) => {
  await linkCorp0001(app, bankCustomer);
  await app.goTo('links');
  await expect(app.connectionStatus()).toHaveText(app.w('active'));

  const moved = await qa.expireLinkIn((await qa.newestAppLink('CORP0001')).id, 5);
  expect(moved.status).toBe('active');
  expect(Date.parse(moved.expiresAt!) - Date.now()).toBeGreaterThan(5 * 86400_000 - 60_000);
  // The bank dropped the link's access tokens: the app's next call refreshes and learns the new end.
  await app.syncButton().click();
  await app.expectSyncFinished();
  await expect(app.connectionStatus()).toHaveText(app.w('expiring'));
  // 有効期限 is the day the bank moved the end to (JST).
  const endJst = new Date(Date.parse(moved.expiresAt!) + 9 * 3600_000).toISOString().slice(0, 10);
  await expect(app.connections()).toContainText(endJst.replaceAll('-', '/'));
  // Counted from now, not from the screen's last clock tick (which would say 6).
  await expect(app.connections()).toContainText(/残り5日|5 days left/);
  await expect(app.connections().getByText(/有効期限が近づいています|expires soon/)).toBeVisible();
  await snap(app, '連携: まもなく期限切れ after expire-in 5 days');
});
