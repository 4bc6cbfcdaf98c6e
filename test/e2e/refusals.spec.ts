import { expect, test } from './support/fixtures.ts';

/** Linking that does not happen: the customer cancels, refuses the terms, or is locked out. */

test('キャンセル on the bank’s login screen ends the link as cancelled; nothing is linked', async ({
  app,
  bankCustomer,
  snap,
}) => {
  const bank = await bankCustomer.openBank(await app.startLink('personal'));
  await bank.cancel();

  await app.expectLinkDialogClosed();
  await expect(app.alert('CANCELLED')).toBeVisible();
  await snap(app, 'app after キャンセル at the login screen');
  await app.goTo('links');
  await expect(app.connections()).toHaveCount(0);
});

test('キャンセル on the consent screen ends the link as cancelled; the bank makes no link', async ({
  app,
  bankCustomer,
  qa,
  snap,
}) => {
  const linksBefore = (await qa.appLinks('CORP0001')).length;
  const bank = await bankCustomer.openBank(await app.startLink('corporate'));
  await bank.logInCorporate('CORP0001', 'Corp-Pass-1');
  await bank.cancel();

  await app.expectLinkDialogClosed();
  await expect(app.alert('CANCELLED')).toBeVisible();
  await snap(app, 'app after キャンセル at consent');
  await app.goTo('links');
  await expect(app.connections()).toHaveCount(0);
  expect((await qa.appLinks('CORP0001')).length).toBe(linksBefore);
});

test('許可 without the terms box is refused and explained; the app keeps waiting until the customer agrees', async ({
  app,
  bankCustomer,
  snap,
}) => {
  const bank = await bankCustomer.openBank(await app.startLink('corporate'));
  await bank.logInCorporate('CORP0001', 'Corp-Pass-1');
  await bank.allowWithoutTerms();
  await app.expectWaitingForBrowser();
  await snap(app, 'app still waiting after the refusal');

  await bank.allow();
  await app.expectLinkDialogClosed();
  await app.goTo('links');
  await expect(app.connectionStatus()).toHaveText(app.w('active'));
});

test('five wrong passwords lock the customer out, even with the right one after; the app cancels its wait', async ({
  app,
  bankCustomer,
  qa,
  snap,
}) => {
  // CORP9000 is used by no other test; whatever happens here, it is unlocked afterwards.
  const loginId = 'CORP9000';
  test.info().annotations.push({ type: 'bank user', description: loginId });
  try {
    const bank = await bankCustomer.openBank(await app.startLink('corporate'));
    for (let attempt = 1; attempt <= 4; attempt++) {
      await bank.submitCorporatePassword(loginId, `Wrong-Pass-${attempt}`);
    }
    expect(await qa.user(loginId)).toMatchObject({ locked: false, failedAttempts: 4 });
    await bank.submitCorporatePassword(loginId, 'Wrong-Pass-5');
    await bank.expectLockedOut();
    expect((await qa.user(loginId)).locked).toBe(true);
    await bank.submitCorporatePassword(loginId, 'Corp-Pass-9');
    await bank.expectLockedOut();

    await app.expectWaitingForBrowser();
    await app
      .linkDialog()
      .getByRole('button', { name: app.w('cancel') })
      .click();
    await app.expectLinkDialogClosed();
    await snap(app, 'app after cancelling the wait');
    await app.goTo('links');
    await expect(app.connections()).toHaveCount(0);
  } finally {
    await qa.unlock(loginId);
  }
});
