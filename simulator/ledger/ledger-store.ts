import { addDays, endOfPreviousMonth, type JstDate } from '../../shared/dates.ts';
import type { BankDatabase } from '../db/database.ts';
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

export interface LedgerRow {
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

export type LedgerStore = ReturnType<typeof createLedgerStore>;

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

/**
 * The bank's statements in SQLite. History is generated day by day from the seed, lazily up to today,
 * so a bank left running gains each new day's transactions; QA-posted rows follow the generated ones.
 */
export function createLedgerStore(db: BankDatabase, seed: string) {
  const accounts = db.prepare(
    'SELECT id, profile, customer_id AS customerId, account_type_code AS typeCode, position FROM accounts ORDER BY id',
  );
  const stateOf = db.prepare(
    'SELECT opening_balance AS openingBalance, generated_through AS generatedThrough, last_seq AS lastSeq, balance FROM ledger_state WHERE account_id = ?',
  );
  const insertState = db.prepare(
    'INSERT INTO ledger_state (account_id, opening_balance, generated_through, last_seq, balance) VALUES (?, ?, ?, ?, ?)',
  );
  const updateState = db.prepare(
    'UPDATE ledger_state SET generated_through = ?, last_seq = ?, balance = ? WHERE account_id = ?',
  );
  const insertRow = db.prepare(`
    INSERT INTO transactions (account_id, seq, transaction_date, value_date, type, amount, remarks, balance, posted)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const balanceAt = db.prepare(`
    SELECT balance FROM transactions WHERE account_id = ? AND transaction_date <= ?
    ORDER BY transaction_date DESC, seq DESC LIMIT 1`);
  // Ordered LIMIT 1 rather than MIN/MAX: the index then seeks to the row instead of scanning the range.
  const firstSeqFrom = db.prepare(`
    SELECT seq FROM transactions WHERE account_id = ? AND transaction_date >= ?
    ORDER BY transaction_date, seq LIMIT 1`);
  const lastSeqThrough = db.prepare(`
    SELECT seq FROM transactions WHERE account_id = ? AND transaction_date <= ?
    ORDER BY transaction_date DESC, seq DESC LIMIT 1`);
  const page = db.prepare(`
    SELECT seq, transaction_date AS transactionDate, value_date AS valueDate, type, amount, remarks, balance
    FROM transactions WHERE account_id = ? AND seq >= ? AND seq <= ? ORDER BY seq LIMIT ?`);

  type State = { openingBalance: number; generatedThrough: JstDate; lastSeq: number; balance: number };
  let generatedThrough: JstDate | undefined;

  const append = (
    accountId: string,
    state: State,
    date: JstDate,
    items: DayTransaction[],
    posted: boolean,
  ) => {
    for (const t of items) {
      state.lastSeq += 1;
      state.balance += t.type === 'deposit' ? t.amount : -t.amount;
      insertRow.run(
        accountId,
        state.lastSeq,
        date,
        date,
        t.type === 'deposit' ? '1' : '2',
        t.amount,
        t.remarks,
        state.balance,
        posted ? 1 : 0,
      );
    }
  };

  /**
   * Day by day, every account: a transfer between a customer's own accounts (当座 → 普通) leaves
   * one and arrives in the other on the same day, so the day of every account is made before the
   * arrivals are booked. An arrival whose account had that day generated before (a data folder
   * made before transfers had two halves) is not booked: the rows a folder has are never changed
   * nor reordered.
   */
  const generateThrough = db.transaction((today: JstDate) => {
    const all = accounts.all() as AccountRow[];
    const states = new Map<string, State>();
    for (const { id, profile } of all) {
      let state = stateOf.get(id) as State | undefined;
      if (!state) {
        const opening = OPENING_BALANCE[profile];
        state = {
          openingBalance: opening,
          generatedThrough: addDays(HISTORY_START, -1),
          lastSeq: 0,
          balance: opening,
        };
        insertState.run(id, opening, state.generatedThrough, 0, opening);
      }
      states.set(id, state);
    }
    const receiverOf = receivers(all);
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
        append(id, state, date, day, false);
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
        if (madeNow.has(to)) append(to, states.get(to)!, date, items, false);
    }
    for (const [id, state] of states) {
      updateState.run(state.generatedThrough, state.lastSeq, state.balance, id);
      currentBalance.set(id, state.balance);
    }
  });

  const balanceOn = (accountId: string, date: JstDate): number => {
    const row = balanceAt.get(accountId, date) as { balance: number } | undefined;
    return row?.balance ?? (stateOf.get(accountId) as State).openingBalance;
  };

  // Balances are read on every balance call: closing balances of earlier days never change, so they
  // are worked out once a day; the current balance is the ledger state's, kept here as it changes.
  const closings = new Map<string, { today: JstDate; previousDay: number; previousMonth: number }>();
  const currentBalance = new Map<string, number>();

  return {
    /** Generates every account's transactions up to and including `today` (cheap when already done). */
    ensureThrough(today: JstDate): void {
      if (generatedThrough !== undefined && generatedThrough >= today) return;
      generateThrough(today);
      generatedThrough = today;
    },

    /** The earliest date the API serves on `today`. */
    servedFrom: (today: JstDate): JstDate => addDays(today, -(SERVED_HISTORY_DAYS - 1)),

    /** Balances on `today`, which must have been generated (`ensureThrough`). */
    balances(accountId: string, today: JstDate): BalanceFacts {
      let closing = closings.get(accountId);
      if (closing?.today !== today) {
        closing = {
          today,
          previousDay: balanceOn(accountId, addDays(today, -1)),
          previousMonth: balanceOn(accountId, endOfPreviousMonth(today)),
        };
        closings.set(accountId, closing);
      }
      let balance = currentBalance.get(accountId);
      if (balance === undefined) {
        balance = (stateOf.get(accountId) as State).balance;
        currentBalance.set(accountId, balance);
      }
      return {
        balance,
        previousDayBalance: closing.previousDay,
        previousMonthBalance: closing.previousMonth,
      };
    },

    /** The sequence numbers of the first and last rows dated within the range, or undefined if none. */
    seqRange(
      accountId: string,
      dateFrom: JstDate,
      dateTo: JstDate,
    ): { first: number; last: number } | undefined {
      const first = (firstSeqFrom.get(accountId, dateFrom) as { seq: number } | undefined)?.seq;
      const last = (lastSeqThrough.get(accountId, dateTo) as { seq: number } | undefined)?.seq;
      return first !== undefined && last !== undefined && first <= last ? { first, last } : undefined;
    },

    rows(accountId: string, fromSeq: number, toSeq: number, limit: number): LedgerRow[] {
      return page.all(accountId, fromSeq, toSeq, limit) as LedgerRow[];
    },

    /**
     * Books transactions dated `today` after everything already there. Refuses (returns the message) a
     * withdrawal larger than the balance: the account cannot go negative.
     */
    post: db.transaction(
      (accountId: string, today: JstDate, items: DayTransaction[]): LedgerRow[] | string => {
        const state = stateOf.get(accountId) as State;
        let balance = state.balance;
        for (const t of items) {
          balance += t.type === 'deposit' ? t.amount : -t.amount;
          if (balance < 0) return 'a withdrawal would take the balance below zero';
        }
        const firstSeq = state.lastSeq + 1;
        append(accountId, state, today, items, true);
        updateState.run(state.generatedThrough, state.lastSeq, state.balance, accountId);
        currentBalance.set(accountId, state.balance);
        return page.all(accountId, firstSeq, state.lastSeq, items.length) as LedgerRow[];
      },
    ),

    /** Forgets every transaction; the next `ensureThrough` regenerates the seeded history. */
    reset(): void {
      db.transaction(() => {
        db.prepare('DELETE FROM transactions').run();
        db.prepare('DELETE FROM ledger_state').run();
      })();
      generatedThrough = undefined;
      closings.clear();
      currentBalance.clear();
    },
  };
}
