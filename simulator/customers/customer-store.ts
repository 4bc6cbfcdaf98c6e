import type { Channel } from '../../shared/bank/oauth.ts';
import type { BankIdentity } from '../config.ts';
import type { SqlPort } from '../db/sql-port.ts';
import type { MaybePromise } from '../maybe-promise.ts';
import { hashPassword } from './password.ts';
import { SEED_PASSWORD_HASHES } from './seed-password-hashes.ts';
import {
  accountIdOf,
  customerIdOf,
  SEED_CUSTOMERS,
  type SeedAccount,
  type SeedHolding,
} from './seed-customers.ts';

/** Wrong passwords or one-time codes in a row that lock a customer (until the QA console unlocks). */
export const MAX_FAILED_ATTEMPTS = 5;

export interface Customer {
  id: string;
  loginId: string;
  channel: Channel;
  name: string;
  nameKana: string;
  passwordHash: string;
  passwordLogin: boolean;
  certificateLogin: boolean;
  totpSecret: string | null;
  lastTotpCounter: number | null;
  failedAttempts: number;
  locked: boolean;
}

/** 01 普通 and 02 当座 have a statement (the ledger); 11 円定期 and 51 外貨普通 are holdings: a balance only. */
type AccountTypeCode = '01' | '02' | '11' | '51';

export interface BankAccount {
  id: string;
  customerId: string;
  branchCode: string;
  branchName: string;
  accountTypeCode: AccountTypeCode;
  accountNumber: string;
  accountName: string;
  accountNameKana: string;
  /** Set on holdings (11, 51): their currency and balance in its minor unit (yen, cents). */
  holding?: { currencyCode: string; balanceMinor: number };
}

/** A 普通 or 当座 account: one with a statement, the only kind our own API dialect serves. */
export type StatementAccount = BankAccount & { accountTypeCode: '01' | '02' };
export const hasStatement = (a: BankAccount): a is StatementAccount =>
  a.accountTypeCode === '01' || a.accountTypeCode === '02';

interface CustomerRow {
  id: string;
  login_id: string;
  channel: Channel;
  name: string;
  name_kana: string;
  password_hash: string;
  password_login: number;
  certificate_login: number;
  totp_secret: string | null;
  last_totp_counter: number | null;
  failed_attempts: number;
  locked_at: number | null;
}

const toCustomer = (r: CustomerRow): Customer => ({
  id: r.id,
  loginId: r.login_id,
  channel: r.channel,
  name: r.name,
  nameKana: r.name_kana,
  passwordHash: r.password_hash,
  passwordLogin: r.password_login === 1,
  certificateLogin: r.certificate_login === 1,
  totpSecret: r.totp_secret,
  lastTotpCounter: r.last_totp_counter,
  failedAttempts: r.failed_attempts,
  locked: r.locked_at !== null,
});

const epochNow = (): number => Math.floor(Date.now() / 1000);

export interface CustomerStore {
  /** IDs are case-sensitive (お客様ID、パスワードは英字の大文字と小文字を区別します): exact match only. */
  findByLogin(channel: Channel, loginId: string): Promise<Customer | undefined>;
  findById(id: string): Promise<Customer | undefined>;
  list(): Promise<Customer[]>;
  /**
   * A customer's accounts — those with a statement first, then holdings —, fixed once seeded: read
   * once, then given from memory (not a promise; the API asks on every call).
   */
  accountsOf(customerId: string): MaybePromise<readonly BankAccount[]>;
  /**
   * Reserves one attempt before a password or code is checked, in one statement, so parallel
   * guesses cannot all pass a lock read that comes before the slow scrypt check: once five
   * attempts are reserved or the customer is locked, no more are evaluated. False = do not check.
   */
  reserveAttempt(customerId: string): Promise<boolean>;
  /** The reserved attempt was wrong: it stays counted, and the fifth locks. */
  settleFailure(customerId: string): Promise<{ locked: boolean; attemptsLeft: number }>;
  /** The reserved attempt was right but the login is not complete yet (the OTP is owed). */
  releaseAttempt(customerId: string): Promise<void>;
  /**
   * The login completes: clears the count, unless the customer was locked meanwhile (by guesses
   * in flight beside this one). Returns false then, and the login must not complete.
   */
  recordSuccess(customerId: string): Promise<boolean>;
  /**
   * Marks a one-time-password time step as used. Returns false when that step (or a later one)
   * was already used, so a code seen over a shoulder cannot be replayed.
   */
  claimTotpStep(customerId: string, step: number): Promise<boolean>;
  unlock(customerId: string): Promise<void>;
  /** Every customer's login state as seeded: counts cleared, codes forgotten, scenario locks back. */
  resetLoginState(): Promise<void>;
}

export function createCustomerStore(sql: SqlPort): CustomerStore {
  const accountsSql = `
    SELECT id, customer_id AS "customerId", branch_code AS "branchCode", branch_name AS "branchName",
      account_type_code AS "accountTypeCode", account_number AS "accountNumber", account_name AS "accountName",
      account_name_kana AS "accountNameKana"
    FROM accounts WHERE customer_id = ? ORDER BY position`;
  const holdingsSql = `
    SELECT h.id, h.customer_id AS "customerId", h.branch_code AS "branchCode", h.branch_name AS "branchName",
      h.account_type_code AS "accountTypeCode", h.account_number AS "accountNumber", c.name AS "accountName",
      c.name_kana AS "accountNameKana", h.currency_code AS "currencyCode", h.balance_minor AS "balanceMinor"
    FROM holdings h JOIN customers c ON c.id = h.customer_id WHERE h.customer_id = ? ORDER BY h.position`;
  // Accounts never change once seeded, so every engine may keep them in memory after the first read.
  const accountCache = new Map<string, readonly BankAccount[]>();
  const readAccounts = async (customerId: string): Promise<readonly BankAccount[]> => {
    type HoldingRow = Omit<BankAccount, 'holding'> & { currencyCode: string; balanceMinor: number };
    const list = [
      ...(await sql.all<BankAccount>(accountsSql, [customerId])),
      ...(await sql.all<HoldingRow>(holdingsSql, [customerId])).map(
        ({ currencyCode, balanceMinor, ...account }): BankAccount => ({
          ...account,
          holding: { currencyCode, balanceMinor },
        }),
      ),
    ];
    accountCache.set(customerId, list);
    return list;
  };

  return {
    async findByLogin(channel, loginId) {
      const row = await sql.get<CustomerRow>('SELECT * FROM customers WHERE channel = ? AND login_id = ?', [
        channel,
        loginId,
      ]);
      return row && toCustomer(row);
    },

    async findById(id) {
      const row = await sql.get<CustomerRow>('SELECT * FROM customers WHERE id = ?', [id]);
      return row && toCustomer(row);
    },

    async list() {
      return (await sql.all<CustomerRow>('SELECT * FROM customers ORDER BY channel DESC, login_id')).map(
        toCustomer,
      );
    },

    accountsOf(customerId) {
      return accountCache.get(customerId) ?? readAccounts(customerId);
    },

    async reserveAttempt(customerId) {
      const changed = await sql.run(
        `UPDATE customers SET failed_attempts = failed_attempts + 1
         WHERE id = ? AND locked_at IS NULL AND failed_attempts < ?`,
        [customerId, MAX_FAILED_ATTEMPTS],
      );
      return changed === 1;
    },

    async settleFailure(customerId) {
      const row = (await sql.get<{ failed_attempts: number; locked_at: number | null }>(
        `UPDATE customers SET
           locked_at = CASE WHEN failed_attempts >= ? THEN COALESCE(locked_at, ?) ELSE locked_at END
         WHERE id = ? RETURNING failed_attempts, locked_at`,
        [MAX_FAILED_ATTEMPTS, epochNow(), customerId],
      ))!;
      return {
        locked: row.locked_at !== null,
        attemptsLeft: Math.max(0, MAX_FAILED_ATTEMPTS - row.failed_attempts),
      };
    },

    async releaseAttempt(customerId) {
      await sql.run(
        'UPDATE customers SET failed_attempts = CASE WHEN failed_attempts > 0 THEN failed_attempts - 1 ELSE 0 END WHERE id = ?',
        [customerId],
      );
    },

    async recordSuccess(customerId) {
      const changed = await sql.run(
        'UPDATE customers SET failed_attempts = 0 WHERE id = ? AND locked_at IS NULL',
        [customerId],
      );
      return changed === 1;
    },

    async claimTotpStep(customerId, step) {
      const changed = await sql.run(
        `UPDATE customers SET last_totp_counter = ?
         WHERE id = ? AND (last_totp_counter IS NULL OR last_totp_counter < ?)`,
        [step, customerId, step],
      );
      return changed === 1;
    },

    async unlock(customerId) {
      await sql.run('UPDATE customers SET failed_attempts = 0, locked_at = NULL WHERE id = ?', [customerId]);
    },

    async resetLoginState() {
      const seededLocked = SEED_CUSTOMERS.filter((c) => c.startsLocked).map(customerIdOf);
      await sql.transaction(async (tx) => {
        await tx.run('UPDATE customers SET failed_attempts = 0, locked_at = NULL, last_totp_counter = NULL');
        for (const id of seededLocked) {
          await tx.run('UPDATE customers SET failed_attempts = ?, locked_at = ? WHERE id = ?', [
            MAX_FAILED_ATTEMPTS,
            epochNow(),
            id,
          ]);
        }
      });
    },
  };
}

/**
 * Inserts the documented test users and their accounts: all of them into an empty bank, and any
 * added to the seed since into an older data folder (customers already there are never touched).
 */
export async function seedCustomers(sql: SqlPort, branches: BankIdentity['branches']): Promise<void> {
  const present = new Set(
    (await sql.all<{ loginId: string }>('SELECT login_id AS "loginId" FROM customers')).map((r) => r.loginId),
  );
  const missing = SEED_CUSTOMERS.filter((c) => !present.has(c.loginId));
  if (missing.length === 0) return;
  const hashes = await Promise.all(
    missing.map((c) => SEED_PASSWORD_HASHES[c.loginId] ?? hashPassword(c.password)),
  );
  // Several bank processes may start on one new database at once: the first seeds, the others
  // find the customers there and add nothing.
  await sql.transaction(async (tx) => {
    for (const [i, c] of missing.entries()) {
      const id = customerIdOf(c);
      const inserted = await tx.run(
        `INSERT INTO customers (id, login_id, channel, name, name_kana, password_hash, password_login,
          certificate_login, totp_secret, locked_at, failed_attempts)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        [
          id,
          c.loginId,
          c.channel,
          c.name,
          c.nameKana,
          hashes[i]!,
          c.passwordLogin ? 1 : 0,
          c.certificateLogin ? 1 : 0,
          c.totpSecret ?? null,
          c.startsLocked ? epochNow() : null,
          c.startsLocked ? MAX_FAILED_ATTEMPTS : 0,
        ],
      );
      if (inserted === 0) continue;
      /** Where an account or holding sits at this bank, and its id there. */
      const placed = (a: SeedAccount | SeedHolding, position: number) => [
        accountIdOf(a, branches),
        id,
        branches[a.branch].code,
        branches[a.branch].name,
        a.accountTypeCode,
        a.accountNumber,
        position,
      ];
      for (const [position, a] of c.accounts.entries()) {
        await tx.run(
          `INSERT INTO accounts (id, customer_id, branch_code, branch_name, account_type_code, account_number,
            position, account_name, account_name_kana, profile)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [...placed(a, position), c.name, c.nameKana, a.profile],
        );
      }
      for (const [position, h] of (c.holdings ?? []).entries()) {
        await tx.run(
          `INSERT INTO holdings (id, customer_id, branch_code, branch_name, account_type_code, account_number,
            position, currency_code, balance_minor)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [...placed(h, position), h.currencyCode, h.balanceMinor],
        );
      }
    }
  }, 'seed-customers');
}
