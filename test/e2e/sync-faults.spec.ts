import { expect, test } from './support/fixtures.ts';
import { linkCorp0001 } from './support/flows.ts';

/** Faults the bank's API plays during a sync (QA API), and the sync completing once they clear. */

test('429 with Retry-After and 503 make the sync wait as the bank asks, then it completes', async ({
  app,
  bankCustomer,
  qa,
  snap,
}) => {
  await linkCorp0001(app, bankCustomer);
  const before = await app.statementTotal();
  await qa.bookDeposits('CORP0001', 3);
  // The bank's Retry-After is the subject here: the app must wait these seconds, not fail.
  await qa.scheduleFault({ status: 429, count: 1, retryAfter: 3 });
  await qa.scheduleFault({ status: 503, count: 1, retryAfter: 2 });

  await app.syncButton().click();
  await expect(app.page.getByText(app.w('waitingForBank'))).toBeVisible();
  await expect(app.progress()).toBeVisible();
  await snap(app, 'sync waiting as the bank asked');
  // Completed: the three rows booked at the bank arrived, once each.
  await expect.poll(() => app.statementCount()).toBe(before + 3);
  await app.expectSyncFinished();
  await expect(app.page.getByText(app.w('waitingForBank'))).toHaveCount(0);
  await expect(app.page.getByRole('alert')).toHaveCount(0);
  expect(await qa.pendingFaults()).toEqual([]);
  await snap(app, '明細 after the sync completed');
});

test('a 500 ends the sync with BANK_ERROR and 再試行; once the bank recovers, 再試行 completes it', async ({
  app,
  bankCustomer,
  qa,
  snap,
}) => {
  await linkCorp0001(app, bankCustomer);
  const before = await app.statementTotal();
  await qa.bookDeposits('CORP0001', 2);
  await qa.scheduleFault({ status: 500, count: 1 });

  await app.syncButton().click();
  const error = app.alert('BANK_ERROR');
  await expect(error).toBeVisible();
  await snap(app, 'BANK_ERROR with 再試行');
  expect(await qa.pendingFaults()).toEqual([]);
  // The 500 answered the run's first call (the account list): nothing of it was written.
  expect(await app.statementCount()).toBe(before);

  await error.getByRole('button', { name: app.w('retry') }).click();
  await expect(error).toHaveCount(0);
  await expect.poll(() => app.statementCount()).toBe(before + 2);
  await app.expectSyncFinished();
  await expect(app.page.getByRole('alert')).toHaveCount(0);
  await snap(app, '明細 after 再試行');
});

test('a 429 asking for longer than the app waits ends as RATE_LIMITED; 再試行 and 同期 are enabled when the bank allows, and 再試行 completes the sync', async ({
  app,
  bankCustomer,
  qa,
  snap,
}) => {
  await linkCorp0001(app, bankCustomer);
  const before = await app.statementTotal();
  await qa.bookDeposits('CORP0001', 1);
  // Longer than the 15 s the app waits by itself: the bank's Retry-After is the subject, so this
  // test takes that long.
  await qa.scheduleFault({ status: 429, count: 1, retryAfter: 17 });

  const pressed = Date.now();
  await app.syncButton().click();
  const error = app.alert('RATE_LIMITED');
  await expect(error).toBeVisible();
  const retry = error.getByRole('button', { name: app.w('retry') });
  await expect(retry).toBeDisabled();
  // 同期 is the same request: it waits for the bank's time too, rather than asking again at once.
  await expect(app.syncButton()).toBeDisabled();
  await snap(app, 'RATE_LIMITED: 再試行 and 同期 wait for the time the bank allows');
  expect(await app.statementCount()).toBe(before);

  await expect(retry).toBeEnabled({ timeout: 30_000 });
  await expect(app.syncButton()).toBeEnabled();
  expect(Date.now() - pressed).toBeGreaterThanOrEqual(15_000);
  await retry.click();
  await expect(error).toHaveCount(0);
  await expect.poll(() => app.statementCount()).toBe(before + 1);
  await app.expectSyncFinished();
  await snap(app, '明細 after 再試行 at the allowed time');
});
