import { generateKeyPairSync, randomBytes, type JsonWebKey } from 'node:crypto';
import type { BankDatabase } from '../db/database.ts';

/** A secret made once per bank and kept in its database, so restarts keep tokens and cookies valid. */
function storedSecret(db: BankDatabase, name: string, create: () => string): string {
  const row = db.prepare('SELECT value FROM bank_secrets WHERE name = ?').get(name) as
    { value: string } | undefined;
  if (row) return row.value;
  const value = create();
  db.prepare('INSERT INTO bank_secrets (name, value) VALUES (?, ?)').run(name, value);
  return value;
}

/** The private JWKS oidc-provider signs with (RS256, which every client library accepts). */
export function bankSigningKeys(db: BankDatabase): { keys: JsonWebKey[] } {
  const jwk = storedSecret(db, 'signing-jwk', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return JSON.stringify({ ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256' });
  });
  return { keys: [JSON.parse(jwk) as JsonWebKey] };
}

export function bankCookieKeys(db: BankDatabase): string[] {
  return [storedSecret(db, 'cookie-key', () => randomBytes(32).toString('base64url'))];
}

/**
 * The secret oidc-provider derives DPoP nonces from (`features.dPoP.nonceSecret`, 32 bytes): kept in
 * the bank's database, so a nonce the bank gave out before a restart is still one it accepts after.
 */
export function bankDpopNonceSecret(db: BankDatabase): Buffer {
  return Buffer.from(
    storedSecret(db, 'dpop-nonce-secret', () => randomBytes(32).toString('base64url')),
    'base64url',
  );
}
