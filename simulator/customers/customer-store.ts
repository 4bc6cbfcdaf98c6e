import type { Channel } from '../../shared/bank/oauth.ts';
import type { BankIdentity } from '../config.ts';
import type { BankDatabase } from '../db/database.ts';
import { hashPassword } from './password.ts';
import {
  accountIdOf,
  customerIdOf,
  SEED_CUSTOMERS,
  type SeedAccount,
  type SeedHolding,
} from './seed-customers.ts';

/** Wrong passwords or one-time codes in a row that lock a customer (until the QA console unlocks). */
const MAX_FAILED_ATTEMPTS = 5;

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
export const hasStatement = (a: BankAccount): a is BankAccount & { accountTypeCode: '01' | '02' } =>
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

export type CustomerStore = ReturnType<typeof createCustomerStore>;

export function createCustomerStore(db: BankDatabase) {
  const byLogin = db.prepare('SELECT * FROM customers WHERE channel = ? AND login_id = ?');
  const byId = db.prepare('SELECT * FROM customers WHERE id = ?');
  const all = db.prepare('SELECT * FROM customers ORDER BY channel DESC, login_id');
  const accounts = db.prepare(`
    SELECT id, customer_id AS customerId, branch_code AS branchCode, branch_name AS branchName,
      account_type_code AS accountTypeCode, account_number AS accountNumber, account_name AS accountName,
      account_name_kana AS accountNameKana
    FROM accounts WHERE customer_id = ? ORDER BY position`);
  const holdings = db.prepare(`
    SELECT h.id, h.customer_id AS customerId, h.branch_code AS branchCode, h.branch_name AS branchName,
      h.account_type_code AS accountTypeCode, h.account_number AS accountNumber, c.name AS accountName,
      c.name_kana AS accountNameKana, h.currency_code AS currencyCode, h.balance_minor AS balanceMinor
    FROM holdings h JOIN customers c ON c.id = h.customer_id WHERE h.customer_id = ? ORDER BY h.position`);
  const accountCache = new Map<string, BankAccount[]>();

  return {
    /** IDs are case-sensitive (お客様ID、パスワードは英字の大文字と小文字を区別します): exact match only. */
    findByLogin(channel: Channel, loginId: string): Customer | undefined {
      const row = byLogin.get(channel, loginId) as CustomerRow | undefined;
      return row && toCustomer(row);
    },

    findById(id: string): Customer | undefined {
      const row = byId.get(id) as CustomerRow | undefined;
      return row && toCustomer(row);
    },

    list(): Customer[] {
      return (all.all() as CustomerRow[]).map(toCustomer);
    },

    /**
     * A customer's accounts — those with a statement first, then holdings —, fixed once seeded, so
     * kept in memory after the first read.
     */
    accountsOf(customerId: string): BankAccount[] {
      let list = accountCache.get(customerId);
      if (!list) {
        type HoldingRow = Omit<BankAccount, 'holding'> & { currencyCode: string; balanceMinor: number };
        list = [
          ...(accounts.all(customerId) as BankAccount[]),
          ...(holdings.all(customerId) as HoldingRow[]).map(
            ({ currencyCode, balanceMinor, ...account }): BankAccount => ({
              ...account,
              holding: { currencyCode, balanceMinor },
            }),
          ),
        ];
        accountCache.set(customerId, list);
      }
      return list;
    },

    /**
     * Reserves one attempt before a password or code is checked, in one statement, so parallel
     * guesses cannot all pass a lock read that comes before the slow scrypt check: once five
     * attempts are reserved or the customer is locked, no more are evaluated. False = do not check.
     */
    reserveAttempt(customerId: string): boolean {
      return (
        db
          .prepare(
            `UPDATE customers SET failed_attempts = failed_attempts + 1
             WHERE id = ? AND locked_at IS NULL AND failed_attempts < ?`,
          )
          .run(customerId, MAX_FAILED_ATTEMPTS).changes === 1
      );
    },

    /** The reserved attempt was wrong: it stays counted, and the fifth locks. */
    settleFailure(customerId: string): { locked: boolean; attemptsLeft: number } {
      const row = db
        .prepare(
          `UPDATE customers SET
             locked_at = CASE WHEN failed_attempts >= ? THEN COALESCE(locked_at, ?) ELSE locked_at END
           WHERE id = ? RETURNING failed_attempts, locked_at`,
        )
        .get(MAX_FAILED_ATTEMPTS, epochNow(), customerId) as {
        failed_attempts: number;
        locked_at: number | null;
      };
      return {
        locked: row.locked_at !== null,
        attemptsLeft: Math.max(0, MAX_FAILED_ATTEMPTS - row.failed_attempts),
      };
    },

    /** The reserved attempt was right but the login is not complete yet (the OTP is owed). */
    releaseAttempt(customerId: string): void {
      db.prepare('UPDATE customers SET failed_attempts = MAX(0, failed_attempts - 1) WHERE id = ?').run(
        customerId,
      );
    },

    /**
     * The login completes: clears the count, unless the customer was locked meanwhile (by guesses
     * in flight beside this one). Returns false then, and the login must not complete.
     */
    recordSuccess(customerId: string): boolean {
      return (
        db
          .prepare('UPDATE customers SET failed_attempts = 0 WHERE id = ? AND locked_at IS NULL')
          .run(customerId).changes === 1
      );
    },

    /**
     * Marks a one-time-password time step as used. Returns false when that step (or a later one)
     * was already used, so a code seen over a shoulder cannot be replayed.
     */
    claimTotpStep(customerId: string, step: number): boolean {
      return (
        db
          .prepare(
            `UPDATE customers SET last_totp_counter = ?
             WHERE id = ? AND (last_totp_counter IS NULL OR last_totp_counter < ?)`,
          )
          .run(step, customerId, step).changes === 1
      );
    },

    unlock(customerId: string): void {
      db.prepare('UPDATE customers SET failed_attempts = 0, locked_at = NULL WHERE id = ?').run(customerId);
    },

    /** Every customer's login state as seeded: counts cleared, codes forgotten, scenario locks back. */
    resetLoginState(): void {
      const seededLocked = SEED_CUSTOMERS.filter((c) => c.startsLocked).map(customerIdOf);
      db.transaction(() => {
        db.prepare(
          'UPDATE customers SET failed_attempts = 0, locked_at = NULL, last_totp_counter = NULL',
        ).run();
        for (const id of seededLocked) {
          db.prepare('UPDATE customers SET failed_attempts = ?, locked_at = ? WHERE id = ?').run(
            MAX_FAILED_ATTEMPTS,
            epochNow(),
            id,
          );
        }
      })();
    },
  };
}

/**
 * Inserts the documented test users and their accounts: all of them into an empty bank, and any
 * added to the seed since into an older data folder (customers already there are never touched).
 */
export async function seedCustomers(db: BankDatabase, branches: BankIdentity['branches']): Promise<void> {
  const present = new Set(
    (db.prepare('SELECT login_id AS loginId FROM customers').all() as { loginId: string }[]).map(
      (r) => r.loginId,
    ),
  );
  const missing = SEED_CUSTOMERS.filter((c) => !present.has(c.loginId));
  if (missing.length === 0) return;
  const hashes = await Promise.all(missing.map((c) => hashPassword(c.password)));
  const insertCustomer = db.prepare(`
    INSERT INTO customers (id, login_id, channel, name, name_kana, password_hash, password_login,
      certificate_login, totp_secret, locked_at, failed_attempts)
    VALUES (@id, @loginId, @channel, @name, @nameKana, @passwordHash, @passwordLogin, @certificateLogin,
      @totpSecret, @lockedAt, @failedAttempts)`);
  const insertAccount = db.prepare(`
    INSERT INTO accounts (id, customer_id, branch_code, branch_name, account_type_code, account_number,
      account_name, account_name_kana, position, profile)
    VALUES (@id, @customerId, @branchCode, @branchName, @accountTypeCode, @accountNumber, @accountName,
      @accountNameKana, @position, @profile)`);
  const insertHolding = db.prepare(`
    INSERT INTO holdings (id, customer_id, branch_code, branch_name, account_type_code, account_number,
      currency_code, balance_minor, position)
    VALUES (@id, @customerId, @branchCode, @branchName, @accountTypeCode, @accountNumber, @currencyCode,
      @balanceMinor, @position)`);
  db.transaction(() => {
    missing.forEach((c, i) => {
      const id = customerIdOf(c);
      insertCustomer.run({
        id,
        loginId: c.loginId,
        channel: c.channel,
        name: c.name,
        nameKana: c.nameKana,
        passwordHash: hashes[i],
        passwordLogin: c.passwordLogin ? 1 : 0,
        certificateLogin: c.certificateLogin ? 1 : 0,
        totpSecret: c.totpSecret ?? null,
        lockedAt: c.startsLocked ? epochNow() : null,
        failedAttempts: c.startsLocked ? MAX_FAILED_ATTEMPTS : 0,
      });
      /** Where an account or holding sits at this bank, and its id there. */
      const placed = (a: SeedAccount | SeedHolding, position: number) => ({
        id: accountIdOf(a, branches),
        customerId: id,
        branchCode: branches[a.branch].code,
        branchName: branches[a.branch].name,
        accountTypeCode: a.accountTypeCode,
        accountNumber: a.accountNumber,
        position,
      });
      c.accounts.forEach((a, position) =>
        insertAccount.run({
          ...placed(a, position),
          accountName: c.name,
          accountNameKana: c.nameKana,
          profile: a.profile,
        }),
      );
      (c.holdings ?? []).forEach((h, position) =>
        insertHolding.run({
          ...placed(h, position),
          currencyCode: h.currencyCode,
          balanceMinor: h.balanceMinor,
        }),
      );
    });
  })();
}
