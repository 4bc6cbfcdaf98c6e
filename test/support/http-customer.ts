import { HttpBrowser } from './http-browser.ts';
import {
  openAuthorization,
  submitConsent,
  submitOtp,
  submitPassword,
  type BankAddress,
} from './consent-flow.ts';
import { qaOtp } from './test-bank.ts';

export interface BankLogin {
  bank: BankAddress;
  loginId: string;
  password: string;
  /** WEBバンキング: a one-time password after the password (from the bank's QA API). */
  otp?: boolean;
}

/**
 * The customer at the bank's screens over plain HTTP, then the browser following the bank's
 * redirect to the app's loopback callback: an openExternal for tests where several banks and
 * customers take turns, and the screens themselves are not what is tested.
 */
export async function consentOverHttp(login: BankLogin, url: string): Promise<void> {
  const browser = new HttpBrowser();
  const first = await openAuthorization(browser, login.bank, new URL(url));
  let page = await submitPassword(browser, login.bank, first, login.loginId, login.password);
  if (login.otp) page = await submitOtp(browser, login.bank, page, await qaOtp(login.bank, login.loginId));
  const done = await submitConsent(browser, login.bank, page);
  if (!done.location) throw new Error(`the bank did not send the browser back (status ${done.status})`);
  await fetch(done.location, { redirect: 'manual' });
}
