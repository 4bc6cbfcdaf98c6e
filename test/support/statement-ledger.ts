import type { BankTransaction } from '../../main/connectors/bank-connector.ts';
import type { AppDatabase } from '../../main/store/app-database.ts';
import { AccountStore } from '../../main/store/account-store.ts';
import { decodeDay } from '../../main/store/day-columns.ts';
import { ConnectionStore } from '../../main/store/connection-store.ts';
import type { StatementQuery } from '../../main/store/statement-query.ts';
import { StatementWriter } from '../../main/store/statement-writer.ts';
import { ViewQueries } from '../../main/store/view-queries.ts';
import { addDays } from '../../shared/dates.ts';
import type { StatementPage } from '../../shared/ipc/contract.ts';
import { foldKana } from '../../shared/kana.ts';

/**
 * A small ledger for the 明細 queries' tests, written through the app's write path (the statement
 * writer, whose inserts the triggers follow) and deleted as the app deletes a link's data. Its
 * remarks are chosen so that searches take every way a search is counted (statement-search.ts):
 * ﾌﾘｺﾐ matches most remarks and leaves a handful, ﾀ matches most and leaves many, すずき matches a
 * handful, ｳ many but fewer than half.
 */
const FAMILY = ['ﾀﾅｶ', 'ﾀｶﾊｼ', 'ﾀﾑﾗ', 'ﾀｹﾀﾞ', 'ﾀﾆｸﾞﾁ', 'ｽｽﾞｷ', 'ｻﾄｳ', 'ｲﾄｳ'];
const GIVEN = ['ﾊﾅｺ', 'ｹﾝｼﾞ', 'ﾕｳｺ', 'ｼﾝｲﾁ', 'ｱｷﾗ', 'ﾒｸﾞﾐ', 'ﾋﾛｼ', 'ｻｸﾗ'];
const RECURRING = [
  'ｳﾘｱｹﾞ ｶ-ﾄﾞ',
  'ｳﾘｱｹﾞ QR',
  'ﾘｿｸ',
  'ﾌﾘｺﾐﾃｽｳﾘﾖｳ',
  'ｺｳｻﾞﾌﾘｶｴ ﾃﾞﾝｷﾘﾖｳｷﾝ',
  'ｺｳｻﾞﾌﾘｶｴ ｶﾞｽﾘﾖｳｷﾝ',
  'ATM',
  'ｷﾕｳﾖ ﾃﾞﾓｼﾖｳｼﾞ(ｶ',
  'ﾃｽﾄ*[ｱ]?',
  '',
];
const NAMES = FAMILY.flatMap((family) => GIVEN.map((given) => `ﾌﾘｺﾐ ${family} ${given}`));
const AMOUNTS = [0, 100, 500, 1_000, 3_000, 10_000, 12_345, 100_000, -500];

export const FIRST_DAY = '2026-01-01';

/** The app's stores over one database, as the core composes them. */
export function storesOf(db: AppDatabase) {
  return {
    connections: new ConnectionStore(db),
    accounts: new AccountStore(db),
    statements: new StatementWriter(db),
    views: new ViewQueries(db),
  };
}

/** A link with `count` accounts; returns their ids in the ledger. */
export function linkAccounts(db: AppDatabase, connectionId: string, count: number): number[] {
  const stores = storesOf(db);
  // The columns every released schema has (step 1's), so a ledger of an older version can be filled
  // too: the connection store writes today's columns.
  db.prepare(
    `INSERT INTO connections (id, profile_id, bank_name, issuer, channel, scopes, status, linked_at, expires_at)
     VALUES (?, 'local', 'デモ信用金庫', 'http://127.0.0.1:4010', 'corporate', '', 'active',
       '2026-01-01T00:00:00Z', '2026-04-01T00:00:00Z')`,
  ).run(connectionId);
  const accounts = Array.from({ length: count }, (_, n) => ({
    accountId: `${connectionId}-${n}`,
    accountTypeCode: '1',
    accountTypeName: '普通預金',
    currencyCode: 'JPY',
    servesStatements: true,
  }));
  return stores.accounts.upsert(connectionId, accounts).map((a) => a.id);
}

/**
 * Rows of one account over `days` days from `from` (0–9 a day, some days none), their itemKeys
 * from `firstKey` on, deterministic for a seed. Written in pages of 50 as a sync writes them.
 */
export function writeRows(
  db: AppDatabase,
  accountId: number,
  spec: { from: string; days: number; seed: number; firstKey: number },
): BankTransaction[] {
  let random = spec.seed;
  const next = () => (random = (random * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const rows: BankTransaction[] = [];
  for (let day = 0; day < spec.days; day++) {
    const date = addDays(spec.from, day);
    const count = Math.floor(next() * 10);
    for (let i = 0; i < count; i++) {
      const pick = next();
      rows.push({
        itemKey: String(spec.firstKey + rows.length).padStart(10, '0'),
        transactionDate: date,
        valueDate: date,
        transactionType: next() < 0.5 ? '1' : '2',
        amount: String(AMOUNTS[Math.floor(next() * AMOUNTS.length)]),
        remarks: pick < 0.4 ? RECURRING[Math.floor(pick * 25)] : NAMES[Math.floor(next() * NAMES.length)],
        balance: '0',
      });
    }
  }
  const writer = new StatementWriter(db);
  for (let start = 0; start < rows.length; start += 50) {
    writer.writePage(accountId, rows.slice(start, start + 50), { runDateFrom: spec.from, nextItemKey: null });
  }
  return rows;
}

/**
 * What the 明細 query must answer, computed the plain way: every matching row counted and summed,
 * the rows sorted and the page cut with LIMIT/OFFSET, the text tested as a substring with instr.
 */
export function naiveStatement(db: AppDatabase, query: StatementQuery): StatementPage {
  const text = foldKana(query.text ?? '');
  const conditions: Array<[string, string | number]> = [];
  if (query.accountId !== undefined) conditions.push(['account_id = ?', Number(query.accountId)]);
  if (query.dateFrom) conditions.push(['transaction_date >= ?', query.dateFrom]);
  if (query.dateTo) conditions.push(['transaction_date <= ?', query.dateTo]);
  if (query.type) conditions.push(['type = ?', query.type]);
  if (query.minAmount !== undefined) conditions.push(['amount >= ?', query.minAmount]);
  if (query.maxAmount !== undefined) conditions.push(['amount <= ?', query.maxAmount]);
  if (text) conditions.push(['instr(remarks_folded, ?) > 0', text]);
  const where = conditions.length ? `WHERE ${conditions.map(([sql]) => sql).join(' AND ')}` : '';
  const params = conditions.map(([, value]) => value);
  const totals = db
    .prepare(
      `SELECT count(*) AS total, coalesce(sum(amount) FILTER (WHERE type = '1'), 0) AS deposits,
         coalesce(sum(amount) FILTER (WHERE type = '2'), 0) AS withdrawals
       FROM transactions ${where}`,
    )
    .get(...params) as Omit<StatementPage, 'rows'>;
  const order = query.order === 'desc' ? 'DESC' : 'ASC';
  const rows = db
    .prepare(
      `SELECT CAST(account_id AS TEXT) AS accountId, item_key AS itemKey, transaction_date AS transactionDate,
         value_date AS valueDate, type, amount, remarks, balance
       FROM transactions ${where}
       ORDER BY transaction_date ${order}, account_id ${order}, seq ${order} LIMIT ? OFFSET ?`,
    )
    .all(...params, query.limit, query.offset) as StatementPage['rows'];
  return { ...totals, rows };
}

/** The stored totals of migration 12 and the remarks index, each as rows sorted the same way. */
export function storedTotals(db: AppDatabase) {
  return totalsOf(db, {
    byDayAndTerm: 'SELECT * FROM statement_totals',
    byDay: 'SELECT * FROM statement_day_totals',
    byTerm: 'SELECT * FROM statement_term_totals',
    terms: 'SELECT folded FROM remarks_terms',
  });
}

/** The same, recomputed from the rows. */
export function recomputedTotals(db: AppDatabase) {
  const rows = `transactions JOIN remarks_terms ON folded = remarks_folded`;
  return totalsOf(db, {
    byDayAndTerm: `SELECT transaction_date, id AS term_id, account_id, type, count(*) AS row_count,
      sum(amount) AS amount FROM ${rows} GROUP BY transaction_date, id, account_id, type`,
    byDay: `SELECT transaction_date, account_id, type, count(*) AS row_count, sum(amount) AS amount
      FROM transactions GROUP BY transaction_date, account_id, type`,
    byTerm: `SELECT id AS term_id, account_id, type, count(*) AS row_count, sum(amount) AS amount
      FROM ${rows} GROUP BY id, account_id, type`,
    terms: 'SELECT DISTINCT remarks_folded AS folded FROM transactions',
  });
}

function totalsOf<Name extends string>(
  db: AppDatabase,
  queries: Record<Name, string>,
): Record<Name, string[]> {
  const rowsOf = (sql: string) =>
    db
      .prepare(sql)
      .all()
      .map((row) => JSON.stringify(row))
      .sort();
  return Object.fromEntries(
    Object.entries<string>(queries).map(([name, sql]) => [name, rowsOf(sql)]),
  ) as Record<Name, string[]>;
}

/** The days' columns the ledger holds (migration 13), each row as [account, seq, type, amount, remark id]. */
export function storedDayColumns(db: AppDatabase): Record<string, number[][]> {
  const stored = db
    .prepare('SELECT transaction_date AS date, columns FROM statement_day_columns ORDER BY transaction_date')
    .all() as Array<{ date: string; columns: Buffer }>;
  return Object.fromEntries(
    stored.map(({ date, columns }) => {
      const day = decodeDay(date, columns);
      const rows = Array.from(day.amount, (amount, i) => [
        day.accountId[i]!,
        day.seq[i]!,
        day.type[i]!,
        amount,
        day.termId[i]!,
      ]);
      return [date, rows];
    }),
  );
}

/** The same, from the rows of the days the ledger holds columns of. */
export function dayColumnsOfTheRows(db: AppDatabase): Record<string, number[][]> {
  const rows = db
    .prepare(
      `SELECT t.transaction_date AS date, t.account_id, t.seq, CAST(t.type AS INTEGER), t.amount, r.id
       FROM transactions t JOIN remarks_terms r ON r.folded = t.remarks_folded
       WHERE t.transaction_date IN (SELECT transaction_date FROM statement_day_columns)
       ORDER BY t.transaction_date, t.account_id, t.seq`,
    )
    .raw()
    .all() as Array<[string, ...number[]]>;
  const days: Record<string, number[][]> = {};
  for (const [date, ...row] of rows) (days[date] ??= []).push(row);
  return days;
}
