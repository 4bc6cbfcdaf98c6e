import path from 'node:path';
import { z } from 'zod';
import { ApiDialectSchema, type ApiDialect } from '../shared/bank/oauth.ts';

/** A branch the seeded customers' accounts are kept at: Zengin branch code (3 digits) and name. */
interface BankBranch {
  code: string;
  name: string;
}

/**
 * Who the bank is: what its pages, its API data and the QA console call it. Two simulators with
 * different identities (and ports and data folders) run side by side as two banks.
 */
export interface BankIdentity {
  /** 金融機関名 as the pages show it (Japanese). */
  name: string;
  /** The same in English, for `ui_locales=en` and the certificates' organisation. */
  nameEn: string;
  /** 金融機関コード: 4 digits (Zengin). */
  code: string;
  /** The three branches the seeded customers bank at: 本店, then two more (see seed-customers.ts). */
  branches: readonly [BankBranch, BankBranch, BankBranch];
}

/** Everything the bank reads from its environment, validated once at start-up. */
export interface BankConfig {
  host: string;
  port: number;
  tlsPort: number;
  dataDir: string;
  /** Seed of the deterministic data generator. */
  seed: string;
  /** Lifetime of a link (grant) in seconds: 90 days unless a tester shortens it. */
  grantTtlSeconds: number;
  accessTokenTtlSeconds: number;
  bank: BankIdentity;
  /** Which published API shape the account-information API answers in (docs/bank.md). */
  apiDialect: ApiDialect;
  /** Seconds in which a just-rotated refresh token is accepted again (a client that crashed); 0 = off. */
  refreshReuseGraceSeconds: number;
  /** PostgreSQL the bank keeps everything in (BANK_DATABASE_URL); unset = the SQLite file in dataDir. */
  databaseUrl: string | undefined;
  /**
   * The issuer and page origin as clients see it (BANK_PUBLIC_URL), e.g. a load balancer's address
   * in front of several bank processes; unset = http://<host>:<the port bound>.
   */
  publicUrl: string | undefined;
  /**
   * BANK_QA_ADMIN_TOKEN: with it, the root bank's QA API and the namespace administration answer
   * `Authorization: Bearer <it>` from any address; unset = this machine only.
   */
  qaAdminToken: string | undefined;
  /**
   * BANK_WORKERS: how many processes serve the bank's ports (node:cluster, a worker that dies is
   * restarted); undefined = this one process, as always.
   */
  workers: number | undefined;
}

/** デモ信用金庫 as it has always been; a bank started with no BANK_NAME/BANK_CODE/BANK_BRANCHES is this one. */
export const DEFAULT_BANK: BankIdentity = {
  name: 'デモ信用金庫',
  nameEn: 'Demo Shinkin Bank',
  // A fictional code in the shinkin banks' range (1xxx).
  code: '1999',
  branches: [
    { code: '001', name: '本店営業部' },
    { code: '002', name: '駅前支店' },
    { code: '003', name: '港支店' },
  ],
};

const port = z.coerce.number().int().min(0).max(65535);
const seconds = z.coerce
  .number()
  .int()
  .min(1)
  .max(10 * 365 * 24 * 3600);
const bankName = z.string().trim().min(1).max(40);

/** `001:本店営業部,002:駅前支店,003:港支店` — exactly three, distinct codes, in that order. */
const branches = z
  .string()
  .transform((value) => value.split(',').map((entry) => entry.trim()))
  .pipe(
    z
      .array(
        z
          .string()
          .regex(/^\d{3}:\S.{0,29}$/, 'each branch is written <3-digit code>:<name>')
          .transform((entry): BankBranch => ({ code: entry.slice(0, 3), name: entry.slice(4).trim() })),
      )
      .length(3, 'name exactly three branches: the seeded customers bank at three')
      .refine((list) => new Set(list.map((b) => b.code)).size === 3, 'branch codes must differ'),
  )
  .transform((list) => list as unknown as BankIdentity['branches']);

const EnvSchema = z.object({
  BANK_PORT: port.default(4010),
  BANK_TLS_PORT: port.default(4011),
  BANK_DATA_DIR: z.string().min(1).optional(),
  BANK_SEED: z.string().min(1).default('demo-shinkin'),
  BANK_GRANT_TTL: seconds.default(90 * 24 * 3600),
  BANK_ACCESS_TOKEN_TTL: seconds.default(900),
  BANK_NAME: bankName.default(DEFAULT_BANK.name),
  BANK_NAME_EN: bankName.regex(/^[\x20-\x7e]+$/, 'must be written in ASCII').default(DEFAULT_BANK.nameEn),
  BANK_CODE: z
    .string()
    .regex(/^\d{4}$/, 'must be the 4-digit bank code')
    .default(DEFAULT_BANK.code),
  BANK_BRANCHES: branches.optional(),
  // `gmo` is how docs/bank.md has always spelled GMO Aozora's dialect: kept as its alias.
  BANK_API_DIALECT: z
    .string()
    .transform((value) => (value === 'gmo' ? 'gmo-aozora' : value))
    .pipe(ApiDialectSchema)
    .default('bankdemo'),
  BANK_REFRESH_REUSE_GRACE: z.coerce.number().int().min(0).max(3600).default(60),
  BANK_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// URL (unset: the SQLite file in BANK_DATA_DIR)')
    .optional(),
  BANK_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) origin such as http://bank.test:8080' })
    .refine(
      (value) => new URL(value).pathname === '/' && !value.endsWith('/'),
      'an origin only: no path, no trailing /',
    )
    .optional(),
  BANK_QA_ADMIN_TOKEN: z
    .string()
    .regex(/^[\x21-\x7e]{16,200}$/, 'must be 16 to 200 printable ASCII characters, no spaces')
    .optional(),
  // An IP address or a host name; 0.0.0.0 (or ::) opens the bank to the network: docs/security.md.
  BANK_HOST: z
    .union([z.ipv4(), z.ipv6(), z.string().regex(/^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/)], {
      error: 'must be an IP address or a host name to listen on, such as 127.0.0.1 or 0.0.0.0',
    })
    .default('127.0.0.1'),
  BANK_WORKERS: z.coerce.number().int().min(1, 'at least 1').max(64, 'at most 64').optional(),
});

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');

/** Reads the BANK_* variables; throws a readable error naming the bad variable. */
export function loadBankConfig(env: NodeJS.ProcessEnv = process.env): BankConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid bank settings: ${problems}`);
  }
  const e = parsed.data;
  return {
    // Loopback unless BANK_HOST says otherwise: the simulator holds test customers' credentials.
    host: e.BANK_HOST,
    port: e.BANK_PORT,
    tlsPort: e.BANK_TLS_PORT,
    dataDir: path.resolve(e.BANK_DATA_DIR ?? path.join(PROJECT_ROOT, '.bank-data')),
    seed: e.BANK_SEED,
    grantTtlSeconds: e.BANK_GRANT_TTL,
    accessTokenTtlSeconds: e.BANK_ACCESS_TOKEN_TTL,
    bank: {
      name: e.BANK_NAME,
      nameEn: e.BANK_NAME_EN,
      code: e.BANK_CODE,
      branches: e.BANK_BRANCHES ?? DEFAULT_BANK.branches,
    },
    apiDialect: e.BANK_API_DIALECT,
    refreshReuseGraceSeconds: e.BANK_REFRESH_REUSE_GRACE,
    databaseUrl: e.BANK_DATABASE_URL,
    publicUrl: e.BANK_PUBLIC_URL,
    qaAdminToken: e.BANK_QA_ADMIN_TOKEN,
    workers: e.BANK_WORKERS,
  };
}
