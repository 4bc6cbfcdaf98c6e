import type { AppPage } from './app-page.ts';
import type { BankCustomer } from './bank-customer.ts';

/**
 * The scene most tests start from: CORP0001 linked by ID and password (WEB-FB) and its first sync
 * done. Tests whose subject is the linking itself write the steps out instead.
 */
export async function linkCorp0001(app: AppPage, bankCustomer: BankCustomer): Promise<void> {
  const bank = await bankCustomer.openBank(await app.startLink('corporate'));
  await bank.logInCorporate('CORP0001', 'Corp-Pass-1');
  await bank.allow();
  await app.expectLinkDialogClosed();
  await app.expectSyncFinished();
}

/** That scene, then 帳簿 opened: where the books' tests start. */
export async function openBooksOfCorp0001(app: AppPage, bankCustomer: BankCustomer): Promise<void> {
  await linkCorp0001(app, bankCustomer);
  await app.goTo('books');
}
