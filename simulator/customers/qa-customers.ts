import { randomBytes, randomInt } from 'node:crypto';
import { z } from 'zod';
import type { BankIdentity } from '../config.ts';
import type { SqlPort } from '../db/sql-port.ts';
import type { AccountProfile } from '../ledger/history-generator.ts';
import { hashPassword } from './password.ts';
import { customerIdOf } from './seed-customers.ts';

/** How long a QA-defined account's generated statement is: the profile whose history it gets. */
const STATEMENT_SIZES = {
  /** A household's: a few lines a week. */
  small: 'household',
  /** A small company's: a few lines a day. */
  medium: 'business',
  /** A shop's card and QR takings: about 140 lines a day. */
  large: 'bulk-retail',
  /** A marketplace's takings: 1,369 lines a day, 999,370 over the two years served. */
  million: 'marketplace-takings',
} as const satisfies Record<string, AccountProfile>;

const HALF_WIDTH_KANA_NAME = /^[\uFF61-\uFF9F A-Z0-9()\-.]{1,40}$/;

/** POST /qa/api/customers: a customer a tester defines, in the bank or namespace it is posted to. */
export const QaCustomerSchema = z
  .object({
    loginId: z.string().regex(/^[A-Za-z0-9]{1,32}$/, '1 to 32 letters and digits'),
    channel: z.enum(['personal', 'corporate']),
    password: z.string().min(8).max(64),
    name: z.string().trim().min(1).max(40).default('QAテストユーザー'),
    nameKana: z.string().regex(HALF_WIDTH_KANA_NAME, 'half-width katakana').default('QA ﾃｽﾄﾕ-ｻﾞ-'),
    accounts: z
      .array(
        z
          .object({
            // 当座 (02) is a business account.
            accountTypeCode: z.enum(['01', '02']).default('01'),
            statementSize: z.enum(['small', 'medium', 'large', 'million']).default('small'),
          })
          .strict(),
      )
      .min(1)
      .max(5),
  })
  .strict()
  .refine((c) => c.channel === 'corporate' || c.accounts.every((a) => a.accountTypeCode === '01'), {
    message: 'a personal customer has 普通 (01) accounts only',
    path: ['accounts'],
  });

export type QaCustomerSpec = z.infer<typeof QaCustomerSchema>;

/** 16 base32 characters (80 bits), as the seeded users' secrets. */
function newTotpSecret(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return Array.from(randomBytes(16), (b) => alphabet[b % 32]).join('');
}

export interface QaCustomerMade {
  loginId: string;
  channel: 'personal' | 'corporate';
  accounts: string[];
  /** A personal customer's one-time-password secret (also in GET /qa/api/users). */
  totpSecret?: string;
}

/**
 * Adds a QA-defined customer with its accounts at the bank's head office, numbered `9xxxxxx` (the
 * seed's are not), in one transaction. Resolves undefined when the login id is taken on that channel.
 */
export async function addQaCustomer(
  sql: SqlPort,
  spec: QaCustomerSpec,
  branches: BankIdentity['branches'],
): Promise<QaCustomerMade | undefined> {
  const id = customerIdOf(spec);
  const totpSecret = spec.channel === 'personal' ? newTotpSecret() : undefined;
  const passwordHash = await hashPassword(spec.password);
  const branch = branches[0];
  return sql.transaction(async (tx) => {
    const inserted = await tx.run(
      `INSERT INTO customers (id, login_id, channel, name, name_kana, password_hash, password_login,
        certificate_login, totp_secret, locked_at, failed_attempts)
      VALUES (?, ?, ?, ?, ?, ?, 1, 0, ?, NULL, 0) ON CONFLICT DO NOTHING`,
      [id, spec.loginId, spec.channel, spec.name, spec.nameKana, passwordHash, totpSecret ?? null],
    );
    if (inserted === 0) return undefined;
    const accounts: string[] = [];
    for (const [position, a] of spec.accounts.entries()) {
      // A free number: tried until one is not taken (9,000,000 of them).
      let accountId: string;
      let number: string;
      do {
        number = String(9_000_000 + randomInt(1_000_000));
        accountId = `${branch.code}${a.accountTypeCode}${number}`;
      } while (await tx.get('SELECT 1 AS x FROM accounts WHERE id = ?', [accountId]));
      await tx.run(
        `INSERT INTO accounts (id, customer_id, branch_code, branch_name, account_type_code, account_number,
          position, account_name, account_name_kana, profile)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          accountId,
          id,
          branch.code,
          branch.name,
          a.accountTypeCode,
          number,
          position,
          spec.name,
          spec.nameKana,
          STATEMENT_SIZES[a.statementSize],
        ],
      );
      accounts.push(accountId);
    }
    return { loginId: spec.loginId, channel: spec.channel, accounts, ...(totpSecret ? { totpSecret } : {}) };
  }, 'seed-customers');
}
