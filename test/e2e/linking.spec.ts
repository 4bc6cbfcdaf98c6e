import { expect, test } from './support/fixtures.ts';

/** Linking an account through the bank's own screens, then the data it brings into the app. */

const YEN = /[¥￥][\d,]+/;

test('a personal customer links with password and one-time password; balances and statements are shown', async ({
  app,
  bankCustomer,
  snap,
}) => {
  await snap(app, 'app before any link');
  const url = await app.startLink('personal', { fromEmptyState: true });
  await snap(app, 'app waits for the browser');

  const bank = await bankCustomer.openBank(url);
  await bank.logInPersonal('1000000001', 'Demo-Pass-1');
  await bank.allow();

  await app.expectLinkDialogClosed();
  await app.expectSyncFinished();
  await app.goTo('links');
  await expect(app.connections()).toHaveCount(1);
  await expect(app.connections()).toContainText('WEBバンキング');
  await expect(app.connections()).toContainText('残高照会');
  await expect(app.connections()).toContainText('入出金明細照会');
  await expect(app.connections()).toContainText(app.w('linked'));
  await expect(app.connections()).toContainText(/残り(89|90)日/);
  await expect(app.connectionStatus()).toHaveText(app.w('active'));
  await snap(app, '連携: the new link, active');

  await app.goTo('accounts');
  await expect(app.accountRows().first()).toContainText(YEN);
  await expect(app.accountsTotal()).toContainText(app.w('total'));
  await expect(app.accountsTotal()).toContainText(YEN);
  await snap(app, '口座: balances and total');

  await app.goTo('statements');
  await expect(app.statementRows().first()).toBeVisible();
  expect(await app.statementCount()).toBeGreaterThan(0);
  await snap(app, '明細: the statements');
});

test('a business customer links with ID and password (WEB-FB); its accounts and balances are shown', async ({
  app,
  bankCustomer,
  snap,
}) => {
  const bank = await bankCustomer.openBank(await app.startLink('corporate'));
  await bank.logInCorporate('CORP0001', 'Corp-Pass-1');
  await bank.allow();

  await app.expectLinkDialogClosed();
  await app.expectSyncFinished();
  await app.goTo('links');
  await expect(app.connections()).toContainText('WEB-FB');
  await expect(app.connectionStatus()).toHaveText(app.w('active'));
  // The bank offers DPoP: the link's tokens are bound to the app's own key (issue 25).
  await expect(app.connections().getByTestId('connection-key')).toHaveText(/鍵で保護|Key-protected/);
  await snap(app, '連携: the business link, key-protected');
  await app.goTo('accounts');
  await expect(app.accountRows().filter({ hasText: '****1002' })).toContainText(YEN);
  await snap(app, '口座: the business accounts');
});

test('a business customer links with the electronic certificate (電子証明書認証)', async ({
  app,
  bankCustomer,
  qa,
  snap,
}) => {
  const linksBefore = (await qa.appLinks('CORP0002')).length;
  const bank = await bankCustomer.openBank(await app.startLink('corporate'), { certificateOf: 'CORP0002' });
  await bank.logInWithCertificate();
  await expect(bank.page.getByText('港支店 当座 5002001')).toBeVisible();
  await bank.allow();

  await app.expectLinkDialogClosed();
  await app.expectSyncFinished();
  await app.goTo('accounts');
  await expect(app.accountRows().filter({ hasText: '****2001' })).toContainText(YEN);
  await snap(app, '口座: the account linked by certificate');
  // The bank recorded the link for the certificate's owner, who has no password login at all.
  expect((await qa.appLinks('CORP0002')).length).toBe(linksBefore + 1);
});
