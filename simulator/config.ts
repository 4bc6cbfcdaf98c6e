import path from 'node:path';
import { z } from 'zod';

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
  /** Seconds in which a just-rotated refresh token is accepted again (a client that crashed); 0 = off. */
  refreshReuseGraceSeconds: number;
}

const port = z.coerce.number().int().min(0).max(65535);
const seconds = z.coerce
  .number()
  .int()
  .min(1)
  .max(10 * 365 * 24 * 3600);

const EnvSchema = z.object({
  BANK_PORT: port.default(4010),
  BANK_TLS_PORT: port.default(4011),
  BANK_DATA_DIR: z.string().min(1).optional(),
  BANK_SEED: z.string().min(1).default('demo-shinkin'),
  BANK_GRANT_TTL: seconds.default(90 * 24 * 3600),
  BANK_ACCESS_TOKEN_TTL: seconds.default(900),
  BANK_REFRESH_REUSE_GRACE: z.coerce.number().int().min(0).max(3600).default(60),
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
    // Only loopback is ever listened on: the simulator holds test customers' credentials.
    host: '127.0.0.1',
    port: e.BANK_PORT,
    tlsPort: e.BANK_TLS_PORT,
    dataDir: path.resolve(e.BANK_DATA_DIR ?? path.join(PROJECT_ROOT, '.bank-data')),
    seed: e.BANK_SEED,
    grantTtlSeconds: e.BANK_GRANT_TTL,
    accessTokenTtlSeconds: e.BANK_ACCESS_TOKEN_TTL,
    refreshReuseGraceSeconds: e.BANK_REFRESH_REUSE_GRACE,
  };
}
