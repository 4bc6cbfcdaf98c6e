import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createConnector } from '../../main/connectors/connector-factory.ts';
import { AccountStore } from '../../main/store/account-store.ts';
import { openAppDatabase, type AppDatabase } from '../../main/store/app-database.ts';
import { ConnectionStore, type ConnectionRecord } from '../../main/store/connection-store.ts';
import { StatementWriteThread } from '../../main/store/statement-write-thread.ts';
import { SyncStateStore } from '../../main/store/sync-state-store.ts';
import type { SyncCursor } from '../../main/sync/sync-window.ts';
import { syncConnection, type SyncStores } from '../../main/sync/sync-engine.ts';
import type { ApiDialect } from '../../shared/bank/oauth.ts';
import type { GmoTransaction } from '../../simulator/api/gmo/gmo-schema.ts';
import type { SyncOutcome } from '../../shared/ipc/contract.ts';
import { fixture, startSpecFixtureBank, type SpecFixtureBank } from './spec-fixture-bank.ts';

/**
 * A bank that answers what a hostile one would, on loopback (spec-fixture-bank.ts), and the app's
 * sync engine over a real SQLite ledger file syncing from it through the dialect's real connector.
 * Its clock stands at 2026-11-30 12:00 JST unless a test moves it; the fixtures' pages end that day.
 */
export interface HostileSync {
  dialect: ApiDialect;
  bank: SpecFixtureBank;
  db: AppDatabase;
  dataDir: string;
  /** The bank's id of the one account whose statement it serves. */
  accountId: string;
  /** A statement page in the dialect's shape; `rows` numbered from `first`. */
  page(over: Partial<PageFields>, rows?: Row[]): Record<string, unknown>;
  /** One sync of the link; `at` moves the app's clock. */
  run(options?: { token?: string; at?: string }): Promise<SyncOutcome>;
  cursor(): SyncCursor;
  statement(): Array<{ itemKey: string; amount: number; remarks: string }>;
  close(): Promise<void>;
}

interface PageFields {
  dateFrom: string;
  dateTo: string;
  hasNext: boolean;
  nextItemKey: string | undefined;
}

/**
 * A statement row as a page of either dialect carries it: GMO's row (a hostile bank may leave the
 * remarks out, as GMO does), with the item key both dialects' connectors page by.
 */
export type Row = GmoTransaction & { itemKey: string };

const TODAY_NOON = '2026-11-30T03:00:00Z';

/** A row of the statement: the n-th 入金 of 100 yen on 2026-11-02. */
export const row = (n: number, over: Partial<Row> = {}): Row => ({
  itemKey: String(n).padStart(10, '0'),
  transactionDate: '2026-11-02',
  valueDate: '2026-11-02',
  transactionType: '1',
  amount: '100',
  remarks: 'ﾌﾘｺﾐ ﾀﾅｶ ﾐﾕｷ',
  balance: String(100 * n),
  ...over,
});

const DIALECTS: Record<ApiDialect, { base: string; prefix: string }> = {
  bankdemo: { base: '/api/v1', prefix: 'bankdemo' },
  'gmo-aozora': { base: '/ganb/api/corporation/v1', prefix: 'gmo-aozora' },
};

export async function startHostileSync(dialect: ApiDialect): Promise<HostileSync> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-hostile-'));
  const db = openAppDatabase(dataDir);
  // The writer the app syncs through: long runs written on its thread, a run's last write here.
  const statements = new StatementWriteThread(db);
  const stores: SyncStores = {
    connections: new ConnectionStore(db),
    accounts: new AccountStore(db),
    syncState: new SyncStateStore(db),
    statements,
  };
  const connection: ConnectionRecord = {
    id: 'c1',
    profileId: dialect,
    bankName: dialect === 'bankdemo' ? 'デモ信用金庫' : 'GMOあおぞらネット銀行',
    issuer: 'https://bank.example',
    channel: 'corporate',
    scopes: ['balances:read', 'transactions:read'],
    status: 'active',
    linkedAt: '2026-11-01T00:00:00.000Z',
  };
  stores.connections.insert(connection);
  const bank = await startSpecFixtureBank(DIALECTS[dialect].base);
  let template: Record<string, unknown>;
  if (dialect === 'bankdemo') {
    const demo = fixture<Record<string, Record<string, unknown>>>('bankdemo/pages.json');
    bank.script('/accounts', { body: demo.accounts });
    bank.script('/accounts/balances', { body: demo.balances });
    template = demo.transactions!;
  } else {
    const body = (name: string) => fixture<{ body: Record<string, unknown> }>(name).body;
    bank.script('/accounts', { body: body('gmo-aozora/accounts.json') });
    bank.script('/accounts/balances', { body: body('gmo-aozora/balances.json') });
    template = body('gmo-aozora/transactions-page-2.json');
  }
  const accountId = template.accountId as string;
  const account = () => stores.accounts.of('c1').find((a) => a.bankAccountId === accountId)!;

  return {
    dialect,
    bank,
    db,
    dataDir,
    accountId,
    page(over, rows = [row(1)]) {
      const page: Record<string, unknown> = {
        ...template,
        dateFrom: '2026-11-01',
        dateTo: '2026-11-30',
        hasNext: false,
        transactions: rows,
        ...over,
      };
      if (page.nextItemKey === undefined) delete page.nextItemKey;
      if (dialect === 'gmo-aozora') page.count = String(rows.length);
      return page;
    },
    run({ token = 'access-token-of-the-link', at = TODAY_NOON } = {}) {
      const api = createConnector(dialect, {
        apiBase: bank.apiBase,
        tokens: { accessToken: async () => token },
      });
      return syncConnection(connection, api, { stores, emit: () => {}, now: () => Date.parse(at) });
    },
    cursor: () => stores.syncState.cursor(account().id),
    statement: () =>
      db
        .prepare(
          'SELECT item_key AS itemKey, amount, remarks FROM transactions WHERE account_id = ? ORDER BY seq',
        )
        .all(account().id) as Array<{ itemKey: string; amount: number; remarks: string }>,
    async close() {
      await bank.close();
      await statements.close();
      db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The statement requests the bank received, as the query each asked. */
export const statementRequests = (bank: SpecFixtureBank) =>
  bank.requests.filter((r) => r.path === '/accounts/transactions').map((r) => r.query);
