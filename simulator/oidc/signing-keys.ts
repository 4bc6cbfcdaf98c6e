import { generateKeyPairSync, randomBytes, type JsonWebKey } from 'node:crypto';
import type { SqlPort } from '../db/sql-port.ts';

/**
 * A secret made once per bank and kept in its database, so restarts keep tokens and cookies valid.
 * Bank processes starting together on one database may each make one: the first stored wins, and
 * every process uses that one.
 */
async function storedSecret(sql: SqlPort, name: string, create: () => string): Promise<string> {
  const row = await sql.get<{ value: string }>('SELECT value FROM bank_secrets WHERE name = ?', [name]);
  if (row) return row.value;
  await sql.run('INSERT INTO bank_secrets (name, value) VALUES (?, ?) ON CONFLICT DO NOTHING', [
    name,
    create(),
  ]);
  return (await sql.get<{ value: string }>('SELECT value FROM bank_secrets WHERE name = ?', [name]))!.value;
}

/** The private JWKS oidc-provider signs with (RS256, which every client library accepts). */
export async function bankSigningKeys(sql: SqlPort): Promise<{ keys: JsonWebKey[] }> {
  const jwk = await storedSecret(sql, 'signing-jwk', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return JSON.stringify({ ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256' });
  });
  return { keys: [JSON.parse(jwk) as JsonWebKey] };
}

export async function bankCookieKeys(sql: SqlPort): Promise<string[]> {
  return [await storedSecret(sql, 'cookie-key', () => randomBytes(32).toString('base64url'))];
}

/**
 * The secret oidc-provider derives DPoP nonces from (`features.dPoP.nonceSecret`, 32 bytes): kept in
 * the bank's database, so a nonce the bank gave out before a restart is still one it accepts after.
 */
export async function bankDpopNonceSecret(sql: SqlPort): Promise<Buffer> {
  return Buffer.from(
    await storedSecret(sql, 'dpop-nonce-secret', () => randomBytes(32).toString('base64url')),
    'base64url',
  );
}
