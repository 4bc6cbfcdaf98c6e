import { expect, test } from './support/fixtures.ts';

/** Bank profiles (設定): a bank the user adds is tried with 接続テスト, then offered when linking. */

test('a bank profile added in 設定 passes 接続テスト and is offered in 銀行 when linking; the connection bears its name', async ({
  app,
  bankCustomer,
  qa,
  snap,
}) => {
  const page = app.page;
  // The worker's namespace of the shared bank, added as a bank of its own.
  const issuer = qa.issuer;
  // One profile (the built-in bank): the dialog asks no bank.
  await app.linkAccountButton().click();
  await expect(app.linkDialog()).toBeVisible();
  await expect(app.linkDialog().getByLabel(app.w('bank'))).toHaveCount(0);
  await app
    .linkDialog()
    .getByRole('button', { name: app.w('cancel') })
    .click();
  await app.expectLinkDialogClosed();

  await app.goTo('settings');
  // A shop owner never sees an issuer or a client id: the bank profiles wait under 詳細設定.
  await expect(page.getByTestId('profile').first()).toBeHidden();
  await expect(page.getByText('Issuer', { exact: false }).first()).toBeHidden();
  await page.getByText(app.w('advanced'), { exact: true }).click();
  const form = page.getByTestId('profile').last();
  await form.getByLabel(app.w('profileName')).fill('E2E信用金庫');
  await form.getByLabel(app.w('clientId')).fill('bankdemo-desktop');
  // Nothing listens on port 9: the test names the step that failed and skips the rest.
  await form.getByLabel(app.w('issuer'), { exact: true }).fill('http://127.0.0.1:9');
  await form.getByLabel(app.w('apiBase'), { exact: true }).fill('http://127.0.0.1:9/api/v1');
  await form.getByRole('button', { name: app.w('testConnection') }).click();
  const report = form.getByTestId('profile-test');
  // discovery, pkce, api, dialect and key-binding: one line each, run or not.
  await expect(report.getByRole('listitem')).toHaveCount(5);
  await expect(report.getByRole('listitem').first()).toContainText('✗');
  // Why, in words — never the system's own message (`bad port`, `connect ECONNREFUSED …`).
  await expect(report.getByRole('listitem').first()).toContainText(/URLとネットワークを確認|check the URL/);
  await expect(report).not.toContainText(/ECONNREFUSED|getaddrinfo|bad port|connect /);
  await snap(app, '接続テスト of an address where no bank answers');

  await form.getByLabel(app.w('issuer'), { exact: true }).fill(issuer);
  await form.getByLabel(app.w('apiBase'), { exact: true }).fill(`${issuer}/api/v1`);
  await form.getByRole('button', { name: app.w('testConnection') }).click();
  for (const step of await report.getByRole('listitem').all()) await expect(step).toContainText('✓');
  // The bank binds tokens to the app's key: the last step says the link will be 鍵で保護.
  await expect(report.getByRole('listitem').last()).toContainText('鍵で保護');
  await snap(app, '接続テスト of the bank: discovery, PKCE, the API answer, its dialect and DPoP');
  await form.getByRole('button', { name: app.w('save') }).click();
  // The built-in bank, the saved profile, and an empty form for the next one.
  await expect(page.getByTestId('profile')).toHaveCount(3);
  await expect(page.getByTestId('profile').nth(1).getByLabel(app.w('profileName'))).toHaveValue(
    'E2E信用金庫',
  );

  const url = await app.authorizationUrlOpenedBy(async () => {
    await app.goTo('links');
    await app.linkAccountButton().click();
    await app.linkDialog().getByLabel(app.w('bank')).selectOption('E2E信用金庫');
    await snap(app, '口座を連携 asks which bank');
    await app
      .linkDialog()
      .getByRole('button', { name: app.w('corporate'), exact: true })
      .click();
    await app.expectWaitingForBrowser();
  });
  expect(url.startsWith(`${issuer}/`)).toBe(true);
  const bank = await bankCustomer.openBank(url);
  await bank.logInCorporate('CORP0001', 'Corp-Pass-1');
  await bank.allow();

  await app.expectLinkDialogClosed();
  await expect(app.connections()).toHaveCount(1);
  await expect(app.connections()).toContainText('E2E信用金庫');
  await expect(app.connectionStatus()).toHaveText(app.w('active'));
  await snap(app, '連携 through the added profile');
});
