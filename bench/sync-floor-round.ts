import { openAppDatabase } from '../main/store/app-database.ts';
import { HISTORY_DAYS } from '../main/sync/sync-window.ts';
import { addDays, jstDate } from '../shared/dates.ts';
import type { ApiDialect } from '../shared/bank/oauth.ts';
import { sampleRss } from './rss-sampler.ts';
import type { RoundResult } from './sync-round.ts';

/**
 * bench:sync's floors: the least any client could do for the same first sync — fetch the same
 * pages, insert the same rows with one prepared statement and one transaction per page — with no
 * validation, cursor, retry or events. In either dialect: the token header and the accounts served
 * with a statement are the only differences it knows. Two kinds:
 * - `physical`: the rows into a plain table with only its primary key — no index, trigger or search
 *   column: what fetching and storing the rows costs, the target's measure;
 * - `schema`: the rows into the app's own `transactions`, its indexes and triggers included: what
 *   the schema costs written row by row, as every writer but the sync writes it.
 * Usage: node bench/sync-floor-round.ts <dataDir> <apiBase> <accessToken> <dialect> <kind>
 */
export type FloorKind = 'physical' | 'schema';

interface FloorAccount {
  accountId: string;
  accountTypeCode: string;
}
interface FloorPage {
  hasNext: boolean;
  nextItemKey?: string;
  transactions?: Array<{
    itemKey: string;
    transactionDate: string;
    valueDate: string;
    transactionType: string;
    amount: string;
    remarks?: string;
    balance: string;
  }>;
}
/** One floor round: the same pages fetched and inserted with nothing else around them. */
async function floorRound(
  dataDir: string,
  apiBase: string,
  token: string,
  dialect: ApiDialect,
  kind: FloorKind,
): Promise<RoundResult> {
  const db = openAppDatabase(dataDir);
  db.exec(`CREATE TABLE plain_rows (
    account_id INTEGER NOT NULL, item_key TEXT NOT NULL, seq INTEGER NOT NULL,
    transaction_date TEXT NOT NULL, value_date TEXT NOT NULL, type TEXT NOT NULL,
    amount INTEGER NOT NULL, remarks TEXT NOT NULL, balance INTEGER NOT NULL,
    PRIMARY KEY (account_id, item_key)
  ) WITHOUT ROWID`);
  db.prepare(
    `INSERT INTO connections (id, profile_id, bank_name, issuer, channel, scopes, status, linked_at, expires_at)
     VALUES ('floor', 'local', 'floor', '', 'corporate', '', 'active', '', '')`,
  ).run();
  const headers: Record<string, string> =
    dialect === 'gmo-aozora' ? { 'x-access-token': token } : { authorization: `Bearer ${token}` };
  const memory = sampleRss();
  const started = performance.now();
  const listed = (await (await fetch(`${apiBase}/accounts`, { headers })).json()) as {
    accounts: FloorAccount[];
  };
  // GMO serves statements of 普通 (01/02) only.
  const accounts = listed.accounts.filter(
    (a) => dialect !== 'gmo-aozora' || ['01', '02'].includes(a.accountTypeCode),
  );
  // The schema floor writes the same row as the app's, the search column and its indexes
  // included, filling that column with the remarks as they came (the same size): folding them is
  // the app's own work.
  const insert =
    kind === 'schema'
      ? db.prepare(
          `INSERT OR IGNORE INTO transactions
             (account_id, item_key, seq, transaction_date, value_date, type, amount, remarks, remarks_folded, balance)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
      : db.prepare(
          `INSERT OR IGNORE INTO plain_rows
             (account_id, item_key, seq, transaction_date, value_date, type, amount, remarks, balance)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        );
  const searchColumn = kind === 'schema';
  const dateFrom = addDays(jstDate(Date.now()), -(HISTORY_DAYS - 1));
  let rows = 0;
  let seq = 0;
  for (const [index, account] of accounts.entries()) {
    db.prepare(
      `INSERT INTO accounts (id, connection_id, bank_account_id, branch_name, account_type_name, account_number, account_name)
       VALUES (?, 'floor', ?, '', '', '', '')`,
    ).run(index + 1, account.accountId);
    let next: string | undefined;
    do {
      const query = new URLSearchParams({
        accountId: account.accountId,
        dateFrom,
        ...(next ? { nextItemKey: next } : {}),
      });
      const page = (await (
        await fetch(`${apiBase}/accounts/transactions?${query}`, { headers })
      ).json()) as FloorPage;
      const transactions = page.transactions ?? [];
      db.transaction(() => {
        for (const t of transactions) {
          const remarks = t.remarks ?? '';
          const [amount, balance] = [Number(t.amount), Number(t.balance)];
          // The schema floor's table has a search column beside the remarks; the plain one has not.
          const text = searchColumn ? [remarks, remarks] : [remarks];
          insert.run(
            index + 1,
            t.itemKey,
            ++seq,
            t.transactionDate,
            t.valueDate,
            t.transactionType,
            amount,
            ...text,
            balance,
          );
        }
      })();
      rows += transactions.length;
      next = page.hasNext ? page.nextItemKey : undefined;
    } while (next);
  }
  const ms = performance.now() - started;
  db.close();
  return { ms, rows, ...memory.stop() };
}

const [dataDir, apiBase, token, dialect, kind] = process.argv.slice(2) as [
  string,
  string,
  string,
  ApiDialect,
  FloorKind,
];
process.stdout.write(JSON.stringify(await floorRound(dataDir, apiBase, token, dialect, kind)));
