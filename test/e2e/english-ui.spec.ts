import { expect, test } from './support/fixtures.ts';

/** The app in English: the whole link-and-sync path reads in English, and the choice persists. */

test('in English, a business customer links and the app speaks English throughout', async ({
  app,
  bankCustomer,
  snap,
}) => {
  await app.chooseLanguage('en');
  for (const screen of ['accounts', 'statements', 'links', 'settings'] as const) {
    await expect(app.navButton(screen)).toBeVisible();
  }
  await snap(app, 'Settings in English');
  await app.page.reload();
  await expect(app.heading()).toBeVisible();

  const bank = await bankCustomer.openBank(await app.startLink('corporate'));
  await snap(app, 'Continue in your browser');
  // The app asks the bank for its own language (ui_locales), so the customer never switches.
  await expect(bank.page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(bank.page.getByLabel('Customer ID')).toBeVisible();
  await bank.logInCorporate('CORP0001', 'Corp-Pass-1');
  await bank.allow();
  await app.expectLinkDialogClosed();
  await app.expectSyncFinished();

  await app.goTo('links');
  await expect(app.connectionStatus()).toHaveText(app.w('active'));
  await expect(app.connections()).toContainText(app.w('linked'));
  await expect(app.connections()).toContainText(app.w('expires'));
  await expect(app.connections()).toContainText(/(89|90) days left/);
  await snap(app, 'Links in English');
  await app.goTo('accounts');
  await expect(app.accountsTotal()).toContainText(app.w('total'));
  await snap(app, 'Accounts in English');
  await app.goTo('statements');
  await expect(app.page.getByTestId('statement-count')).toContainText('items');
  await snap(app, 'Statements in English');
});
