import { createHash, randomUUID } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

/**
 * The partner's DPoP key for one demo walk (RFC 9449), when the presenter ticks 鍵で保護: the private
 * half stays in the partner server's memory for the walk and is never rendered; the page shows the
 * key's thumbprint and each proof decoded.
 */
export interface DemoDpopKey {
  privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
  publicJwk: JWK;
  /** RFC 7638 thumbprint: what the bank writes into the tokens it binds (`cnf.jkt`). */
  thumbprint: string;
  /** The bank's last `DPoP-Nonce`, sent in the next proof to the token endpoint. */
  nonce?: string | undefined;
}

/** A proof as sent, and its two halves decoded for the page (the signature is not shown). */
export interface DemoProof {
  jwt: string;
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

export async function newDemoDpopKey(): Promise<DemoDpopKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const publicJwk = await exportJWK(publicKey);
  return { privateKey, publicJwk, thumbprint: await calculateJwkThumbprint(publicJwk) };
}

/** A proof for one request: `ath` when it carries an access token, `nonce` when the bank gave one. */
export async function demoProof(
  key: DemoDpopKey,
  htm: string,
  url: string,
  { accessToken, nonce }: { accessToken?: string; nonce?: string | undefined } = {},
): Promise<DemoProof> {
  const target = new URL(url);
  const header = { typ: 'dpop+jwt', alg: 'ES256', jwk: key.publicJwk };
  const payload: Record<string, unknown> = {
    jti: randomUUID(),
    htm,
    // RFC 9449 §4.2: the URI without query and fragment.
    htu: `${target.origin}${target.pathname}`,
    iat: Math.floor(Date.now() / 1000),
    ...(nonce ? { nonce } : {}),
    ...(accessToken ? { ath: createHash('sha256').update(accessToken).digest('base64url') } : {}),
  };
  const jwt = await new SignJWT(payload).setProtectedHeader(header).sign(key.privateKey);
  return { jwt, header, payload };
}

/** A proof on the page: short enough to read, and the decoded parts below it say what it holds. */
export const shownProof = (jwt: string): string => `${jwt.slice(0, 16)}…${jwt.slice(-8)}`;
