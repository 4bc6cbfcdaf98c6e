import { addDays, endOfPreviousMonth, type JstDate } from '../../shared/dates.ts';
import type { SqlPort, SqlQueries } from '../db/sql-port.ts';
import type { MaybePromise } from '../maybe-promise.ts';
import {
  generateDay,
  OPENING_BALANCE,
  type AccountProfile,
  type DayTransaction,
} from './history-generator.ts';
import { seededRandom } from './seeded-random.ts';

/**
 * Every account's history starts on this fixed day, so a seed gives the same statement on any
 * machine; the API serves only the last two years of it.
 */
export const HISTORY_START: JstDate = '2024-07-01';
const SERVED_HISTORY_DAYS = 730;

interface LedgerRow {
  seq: number;
  transactionDate: JstDate;
  valueDate: JstDate;
  type: '1' | '2';
  amount: number;
  remarks: string;
  balance: number;
}

export interface BalanceFacts {
  balance: number;
  previousDayBalance: number;
  previousMonthBalance: number;
}

export interface LedgerStore {
  /**
   * Generates every account's transactions up to and including `today`; when this process knows it
   * has (one process on SQLite), returns at once, without a promise.
   */
  ensureThrough(today: JstDate): MaybePromise<void>;
  /** The earliest date the API serves on `today`. */
  servedFrom(today: JstDate): JstDate;
  /**
   * Balances on `today`, which must have been generated (`ensureThrough`); from memory, without a
   * promise, once read on a process that owns its SQLite file.
   */
  balances(accountId: string, today: JstDate): MaybePromise<BalanceFacts>;
  /** The sequence numbers of the first and last rows dated within the range, or undefined if none. */
  seqRange(
    accountId: string,
    dateFrom: JstDate,
    dateTo: JstDate,
  ): Promise<{ first: number; last: number } | undefined>;
  rows(accountId: string, fromSeq: number, toSeq: number, limit: number): Promise<LedgerRow[]>;
  /**
   * Books transactions dated `today` after everything already there. Refuses (returns the message) a
   * withdrawal larger than the balance: the account cannot go negative.
   */
  post(accountId: string, today: JstDate, items: DayTransaction[]): Promise<LedgerRow[] | string>;
  /** Forgets every transaction; the next `ensureThrough` regenerates the seeded history. */
  reset(): Promise<void>;
  /** Generates the history of accounts added since (a QA-defined customer's) up to `today`. */
  generateNewAccounts(today: JstDate): Promise<void>;
}

interface AccountRow {
  id: string;
  profile: AccountProfile;
  customerId: string;
  typeCode: string;
  position: number;
}

/** Where each account's own-account transfers arrive: the same customer's first 普通 (01) account. */
function receivers(all: readonly AccountRow[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of all) {
    const to = all
      .filter((b) => b.customerId === a.customerId && b.typeCode === '01' && b.id !== a.id)
      .sort((x, y) => x.position - y.position)[0];
    if (to) out.set(a.id, to.id);
  }
  return out;
}

/** Rows written per INSERT while generating: one prepared statement on SQLite, few round trips on PostgreSQL. */
const BATCH = { sqlite: 1, postgres: 500 } as const;
const TRANSACTION_COLUMNS = 9;

type State = { openingBalance: number; generatedThrough: JstDate; lastSeq: number; balance: number };
type TransactionValues = [string, number, JstDate, JstDate, '1' | '2', number, string, number, number];

const STATE_OF =
  'SELECT opening_balance AS "openingBalance", generated_through AS "generatedThrough", last_seq AS "lastSeq", balance FROM ledger_state WHERE account_id = ?';
const PAGE = `
  SELECT seq, transaction_date AS "transactionDate", value_date AS "valueDate", type, amount, remarks, balance
  FROM transactions WHERE account_id = ? AND seq >= ? AND seq <= ? ORDER BY seq LIMIT ?`;
const UPDATE_STATE =
  'UPDATE ledger_state SET generated_through = ?, last_seq = ?, balance = ? WHERE account_id = ?';
const insertSql = (rows: number): string =>
  `INSERT INTO transactions (account_id, seq, transaction_date, value_date, type, amount, remarks, balance, posted)
   VALUES ${Array.from({ length: rows }, () => `(${Array(TRANSACTION_COLUMNS).fill('?').join(', ')})`).join(', ')}`;

/** Collects rows and writes them `size` at a time. */
function batchWriter(tx: SqlQueries, size: number) {
  let pending: TransactionValues[] = [];
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const rows = pending;
    pending = [];
    await tx.run(insertSql(rows.length), rows.flat());
  };
  return {
    async add(values: TransactionValues): Promise<void> {
      pending.push(values);
      if (pending.length >= size) await flush();
    },
    flush,
  };
}

/**
 * The bank's statements in its database. History is generated day by day from the seed, lazily up to
 * today, so a bank left running gains each new day's transactions; QA-posted rows follow the generated
 * ones. Generating and posting hold the 'ledger' lock, so bank processes sharing a database never
 * write the same rows twice; on such a database nothing about balances is kept in memory.
 */
export function createLedgerStore(sql: SqlPort, seed: string): LedgerStore {
  const ACCOUNTS =
    'SELECT id, profile, customer_id AS "customerId", account_type_code AS "typeCode", position FROM accounts ORDER BY id';
  let generatedThrough: JstDate | undefined;
  let accountCount: number | undefined;

  const append = async (
    write: ReturnType<typeof batchWriter>,
    accountId: string,
    state: State,
    date: JstDate,
    items: DayTransaction[],
    posted: boolean,
  ) => {
    for (const t of items) {
      state.lastSeq += 1;
      state.balance += t.type === 'deposit' ? t.amount : -t.amount;
      await write.add([
        accountId,
        state.lastSeq,
        date,
        date,
        t.type === 'deposit' ? '1' : '2',
        t.amount,
        t.remarks,
        state.balance,
        posted ? 1 : 0,
      ]);
    }
  };

  /**
   * Day by day, every account: a transfer between a customer's own accounts (当座 → 普通) leaves
   * one and arrives in the other on the same day, so the day of every account is made before the
   * arrivals are booked. An arrival whose account had that day generated before (a data folder
   * made before transfers had two halves) is not booked: the rows a folder has are never changed
   * nor reordered.
   */
  const generateThrough = (today: JstDate) =>
    sql.transaction(async (tx) => {
      const all = await tx.all<AccountRow>(ACCOUNTS);
      accountCount = all.length;
      const states = new Map<string, State>();
      for (const { id, profile } of all) {
        let state = await tx.get<State>(STATE_OF, [id]);
        if (!state) {
          const opening = OPENING_BALANCE[profile];
          state = {
            openingBalance: opening,
            generatedThrough: addDays(HISTORY_START, -1),
            lastSeq: 0,
            balance: opening,
          };
          await tx.run(
            'INSERT INTO ledger_state (account_id, opening_balance, generated_through, last_seq, balance) VALUES (?, ?, ?, ?, ?)',
            [id, opening, state.generatedThrough, 0, opening],
          );
        }
        states.set(id, state);
      }
      const receiverOf = receivers(all);
      const write = batchWriter(tx, BATCH[sql.dialect]);
      const from = [...states.values()].reduce(
        (min, s) => (s.generatedThrough < min ? s.generatedThrough : min),
        today,
      );
      for (let date = addDays(from, 1); date <= today; date = addDays(date, 1)) {
        const madeNow = new Set<string>();
        const arrivals = new Map<string, DayTransaction[]>();
        for (const { id, profile } of all) {
          const state = states.get(id)!;
          if (state.generatedThrough >= date) continue;
          const day = generateDay(profile, date, state.balance, seededRandom(seed, id, date));
          await append(write, id, state, date, day, false);
          state.generatedThrough = date;
          madeNow.add(id);
          const to = receiverOf.get(id);
          for (const t of day)
            if (t.transferIn && to)
              arrivals.set(to, [
                ...(arrivals.get(to) ?? []),
                { type: 'deposit', amount: t.amount, remarks: t.transferIn },
              ]);
        }
        for (const [to, items] of arrivals)
          if (madeNow.has(to)) await append(write, to, states.get(to)!, date, items, false);
      }
      await write.flush();
      for (const [id, state] of states) {
        await tx.run(UPDATE_STATE, [state.generatedThrough, state.lastSeq, state.balance, id]);
        currentBalance.set(id, state.balance);
      }
    }, 'ledger');

  /** On a shared database another process may have generated, or reset, since this one last looked. */
  const generatedEverywhereThrough = async (today: JstDate): Promise<boolean> => {
    if (accountCount === undefined) return false;
    const row = await sql.get<{ n: number; through: JstDate | null }>(
      'SELECT COUNT(*) AS n, MIN(generated_through) AS through FROM ledger_state',
    );
    return row !== undefined && row.n === accountCount && row.through !== null && row.through >= today;
  };

  const stateOf = async (accountId: string): Promise<State> => (await sql.get<State>(STATE_OF, [accountId]))!;

  const balanceOn = async (accountId: string, date: JstDate): Promise<number> => {
    const row = await sql.get<{ balance: number }>(
      `SELECT balance FROM transactions WHERE account_id = ? AND transaction_date <= ?
       ORDER BY transaction_date DESC, seq DESC LIMIT 1`,
      [accountId, date],
    );
    return row?.balance ?? (await stateOf(accountId)).openingBalance;
  };

  // Balances are read on every balance call: closing balances of earlier days never change, so they
  // are worked out once a day; the current balance is the ledger state's, kept here as it changes.
  // On a shared database another process posts and resets, so neither is kept.
  const closings = new Map<string, { today: JstDate; previousDay: number; previousMonth: number }>();
  const currentBalance = new Map<string, number>();
  const remember = !sql.shared;

  const readBalances = async (accountId: string, today: JstDate): Promise<BalanceFacts> => {
    let closing = remember ? closings.get(accountId) : undefined;
    if (closing?.today !== today) {
      closing = {
        today,
        previousDay: await balanceOn(accountId, addDays(today, -1)),
        previousMonth: await balanceOn(accountId, endOfPreviousMonth(today)),
      };
      if (remember) closings.set(accountId, closing);
    }
    let balance = remember ? currentBalance.get(accountId) : undefined;
    if (balance === undefined) {
      balance = (await stateOf(accountId)).balance;
      if (remember) currentBalance.set(accountId, balance);
    }
    return {
      balance,
      previousDayBalance: closing.previousDay,
      previousMonthBalance: closing.previousMonth,
    };
  };

  return {
    ensureThrough(today) {
      if (remember && generatedThrough !== undefined && generatedThrough >= today) return;
      return (async () => {
        if (!remember && (await generatedEverywhereThrough(today))) return;
        await generateThrough(today);
        generatedThrough = today;
      })();
    },

    servedFrom: (today) => addDays(today, -(SERVED_HISTORY_DAYS - 1)),

    balances(accountId, today) {
      const closing = remember ? closings.get(accountId) : undefined;
      const balance = remember ? currentBalance.get(accountId) : undefined;
      if (closing?.today === today && balance !== undefined) {
        return {
          balance,
          previousDayBalance: closing.previousDay,
          previousMonthBalance: closing.previousMonth,
        };
      }
      return readBalances(accountId, today);
    },

    async seqRange(accountId, dateFrom, dateTo) {
      // Ordered LIMIT 1 rather than MIN/MAX: the index then seeks to the row instead of scanning the range.
      const first = (
        await sql.get<{ seq: number }>(
          `SELECT seq FROM transactions WHERE account_id = ? AND transaction_date >= ?
           ORDER BY transaction_date, seq LIMIT 1`,
          [accountId, dateFrom],
        )
      )?.seq;
      const last = (
        await sql.get<{ seq: number }>(
          `SELECT seq FROM transactions WHERE account_id = ? AND transaction_date <= ?
           ORDER BY transaction_date DESC, seq DESC LIMIT 1`,
          [accountId, dateTo],
        )
      )?.seq;
      return first !== undefined && last !== undefined && first <= last ? { first, last } : undefined;
    },

    rows(accountId, fromSeq, toSeq, limit) {
      return sql.all<LedgerRow>(PAGE, [accountId, fromSeq, toSeq, limit]);
    },

    post(accountId, today, items) {
      return sql.transaction(async (tx): Promise<LedgerRow[] | string> => {
        const state = (await tx.get<State>(STATE_OF, [accountId]))!;
        let balance = state.balance;
        for (const t of items) {
          balance += t.type === 'deposit' ? t.amount : -t.amount;
          if (balance < 0) return 'a withdrawal would take the balance below zero';
        }
        const firstSeq = state.lastSeq + 1;
        const write = batchWriter(tx, BATCH[sql.dialect]);
        await append(write, accountId, state, today, items, true);
        await write.flush();
        await tx.run(UPDATE_STATE, [state.generatedThrough, state.lastSeq, state.balance, accountId]);
        if (remember) currentBalance.set(accountId, state.balance);
        return tx.all<LedgerRow>(PAGE, [accountId, firstSeq, state.lastSeq, items.length]);
      }, 'ledger');
    },

    async generateNewAccounts(today) {
      await generateThrough(today);
      generatedThrough = today;
    },

    async reset() {
      await sql.transaction(async (tx) => {
        await tx.run('DELETE FROM transactions');
        await tx.run('DELETE FROM ledger_state');
      }, 'ledger');
      generatedThrough = undefined;
      closings.clear();
      currentBalance.clear();
    },
  };
}
