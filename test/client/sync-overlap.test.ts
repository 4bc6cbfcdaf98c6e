import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../main/store/app-database.ts';
import { addDays, jstDate } from '../../shared/dates.ts';
import type { ApiDialect } from '../../shared/bank/oauth.ts';
import type { AppEvent } from '../../shared/ipc/contract.ts';
import {
  bankStatement,
  ledgerAccounts,
  ledgerStatement,
  type StatementLine,
} from '../support/bank-statement.ts';
import { GMO_TEST_BANK, qaPost, startTestBank, type TestBank } from '../support/test-bank.ts';
import { startTestCore, type TestCore } from '../support/test-client-core.ts';
import { linkCorporateOverHttp } from '../support/unsynced-ledger.ts';

/**
 * Where an incremental sync starts (main/sync/sync-window.ts), against the real simulator over
 * HTTP in both dialects: within the hour after it asked the whole 3-day overlap, the app asks only
 * from the last day its ledger has; a row the bank booked meanwhile with an earlier date comes in
 * at the next whole check — at the latest an hour later, or, as here, at the first sync of an app
 * that started again — once, whatever the itemKeys look like.
 *
 * The simulator books new rows dated today only, so the row booked late is made from the app's
 * side: the rows of the day before the last are taken out of the app's ledger after the first
 * sync, which leaves the app exactly where it would be had the bank booked them after that sync.
 */
const LOGIN = 'LATEPOST';
const PASSWORD = 'Late-Post-1';

/** The bank's statement and the app's ledger as sets of lines, whatever order they arrived in. */
const byKey = (lines: StatementLine[]) => [...lines].sort((a, b) => a.itemKey.localeCompare(b.itemKey));

const runsAskedFrom = (events: AppEvent[]) => [
  ...new Set(events.flatMap((e) => (e.type === 'sync:progress' ? [e.dateFrom] : []))),
];

describe.each<ApiDialect>(['bankdemo', 'gmo-aozora'])('the sync overlap, %s dialect', (dialect) => {
  let bank: TestBank;
  let app: TestCore;
  beforeAll(async () => {
    bank = await startTestBank(dialect === 'gmo-aozora' ? GMO_TEST_BANK : {});
    // A shop's takings, ~140 lines every day (statement size `large`): every day of the overlap has rows.
    const defined = await qaPost(bank, '/qa/api/customers', {
      loginId: LOGIN,
      channel: 'corporate',
      password: PASSWORD,
      accounts: [{ accountTypeCode: '01', statementSize: 'large' }],
    });
    expect(defined.status).toBe(201);
    let linked: Promise<void> = Promise.resolve();
    app = await startTestCore(bank, {
      dialect,
      openExternal: async (url) => {
        linked = linkCorporateOverHttp(bank, url, LOGIN, PASSWORD);
      },
    });
    await app.call('connections:connect', { channel: 'corporate' });
    await linked;
  }, 120_000);
  afterAll(async () => {
    await app?.dispose();
    await bank?.dispose();
  });

  it('asks from the last day within the hour, and the next whole check fetches a row booked late with an earlier date, once', async () => {
    await app.call('sync:run', {});
    const [account] = ledgerAccounts(app.dataDir);
    const bankAccountId = account!.bankAccountId;
    const today = jstDate(Date.now());
    expect(byKey(ledgerStatement(app.dataDir, bankAccountId))).toEqual(
      byKey(bankStatement(bank, bankAccountId)),
    );

    // The bank books two lines today; the rows of yesterday it booked "late" (out of the app's ledger).
    const lateDay = addDays(today, -1);
    const db = new Database(path.join(app.dataDir, DATABASE_FILE));
    const late = db
      .prepare('DELETE FROM transactions WHERE account_id = ? AND transaction_date = ? RETURNING item_key')
      .pluck()
      .all(Number(account!.id), lateDay) as string[];
    db.close();
    expect(late.length).toBeGreaterThan(0);
    expect((await qaPost(bank, `/qa/api/accounts/${bankAccountId}/transactions`, { count: 2 })).status).toBe(
      200,
    );

    // Within the hour: from the last day the ledger has (today), so today's two new lines only.
    let from = app.events.length;
    let [outcome] = await app.call('sync:run', {});
    expect(outcome!.accounts).toEqual([{ accountId: account!.id, newTransactions: 2 }]);
    expect(runsAskedFrom(app.events.slice(from))).toEqual([today]);
    const keys = new Set(ledgerStatement(app.dataDir, bankAccountId).map((l) => l.itemKey));
    expect(late.filter((k) => keys.has(k))).toEqual([]);

    // The app started again (it keeps when it last asked the whole overlap in memory only): its
    // first sync asks the whole overlap, three days before the last whole check ended (today).
    await app.restart();
    from = app.events.length;
    [outcome] = await app.call('sync:run', {});
    expect(outcome!.accounts).toEqual([{ accountId: account!.id, newTransactions: late.length }]);
    expect(runsAskedFrom(app.events.slice(from))).toEqual([addDays(today, -3)]);
    const ledger = ledgerStatement(app.dataDir, bankAccountId);
    expect(byKey(ledger)).toEqual(byKey(bankStatement(bank, bankAccountId)));
    expect(new Set(ledger.map((l) => l.itemKey)).size).toBe(ledger.length);

    // And the next one, within the hour of that check, asks from the last day again.
    from = app.events.length;
    [outcome] = await app.call('sync:run', {});
    expect(outcome!.accounts).toEqual([{ accountId: account!.id, newTransactions: 0 }]);
    expect(runsAskedFrom(app.events.slice(from))).toEqual([today]);
  }, 180_000);
});
