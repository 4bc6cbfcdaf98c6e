import path from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../../main/store/app-database.ts';
import { HttpBrowser } from './http-browser.ts';
import { openAuthorization, submitConsent, submitPassword, type BankAddress } from './consent-flow.ts';
import { startTestCore, type TestCore } from './test-client-core.ts';

/**
 * A corporate customer going through the bank's screens over plain HTTP (no Chromium), then the
 * browser following the bank's redirect to the app's loopback callback: an openExternal for
 * benchmarks and long tests, where the customer's part is not what is being tested.
 */
export async function linkCorporateOverHttp(
  bank: BankAddress,
  url: string,
  loginId: string,
  password: string,
): Promise<void> {
  const browser = new HttpBrowser();
  const login = await openAuthorization(browser, bank, new URL(url));
  const consent = await submitPassword(browser, bank, login, loginId, password);
  const done = await submitConsent(browser, bank, consent);
  if (!done.location) throw new Error(`the bank did not send the browser back (status ${done.status})`);
  await fetch(done.location, { redirect: 'manual' });
}

/** The app's core with `loginId`'s corporate link made (over HTTP, as above); not synced yet. */
export async function startLinkedCore(
  bank: BankAddress,
  loginId: string,
  password: string,
): Promise<TestCore> {
  let done: Promise<unknown> = Promise.resolve();
  const app = await startTestCore(bank, {
    openExternal: async (url) => {
      done = linkCorporateOverHttp(bank, url, loginId, password);
    },
  });
  await app.call('connections:connect', { channel: 'corporate' });
  await done;
  return app;
}

/**
 * Copies a linked app's ledger to `target` with its statement emptied and every sync cursor reset:
 * the link and the accounts are there, the first sync is still to run.
 */
export async function copyAsUnsynced(dataDir: string, target: string): Promise<void> {
  const source = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  await source.backup(path.join(target, DATABASE_FILE));
  source.close();
  const copy = new Database(path.join(target, DATABASE_FILE));
  copy.exec(`DELETE FROM transactions;
    UPDATE accounts SET run_date_from = NULL, next_item_key = NULL, synced_through = NULL, last_synced_at = NULL, next_seq = 1;`);
  copy.close();
}
