import { calculateJwkThumbprint, SignJWT, type JWK } from 'jose';
import type { getDPoPHandle } from 'openid-client';
import { z } from 'zod';
import { AppError } from '../../shared/app-errors.ts';

/** The one algorithm the app signs proofs with: every DPoP bank we know of accepts it (RFC 9449 §4). */
const DPOP_ALG = 'ES256';

/** WebCrypto's key pair, as openid-client's DPoP handle takes it. */
type DpopKeyPair = Parameters<typeof getDPoPHandle>[1];

const P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/**
 * A link's DPoP key (RFC 9449) as the app holds it at use: the private half non-extractable, the
 * public half (which every proof carries in its header) and its SHA-256 thumbprint, `jkt` — what the
 * bank binds the tokens to.
 */
export interface DpopKey {
  keyPair: DpopKeyPair;
  publicJwk: JWK;
  jkt: string;
}

/** What one proof is for: the request it rides on, the access token it presents, the bank's nonce. */
interface ProofRequest {
  htm: string;
  url: string;
  accessToken?: string;
  nonce?: string;
}

/**
 * A new key for a link. Generated extractable once, so the private half can be written to the
 * keychain; the key the app then uses is imported again from that JWK, non-extractable.
 */
export async function generateDpopKey(): Promise<{ key: DpopKey; privateJwk: JWK }> {
  const pair = (await crypto.subtle.generateKey(P256, true, ['sign', 'verify'])) as DpopKeyPair;
  const privateJwk = (await crypto.subtle.exportKey('jwk', pair.privateKey)) as JWK;
  return { key: await importDpopKey(privateJwk), privateJwk };
}

/** The private JWK as the keychain keeps it: P-256 coordinates and the private scalar, nothing else. */
const PrivateJwkSchema = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  y: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  d: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});

/**
 * The key from its keychain JWK, the private half non-extractable. A JWK that is not a P-256 private
 * key, or whose halves do not match, is DPOP_KEY_INVALID: the link it binds cannot be used any more.
 */
export async function importDpopKey(jwk: unknown): Promise<DpopKey> {
  const parsed = PrivateJwkSchema.safeParse(jwk);
  if (!parsed.success)
    throw new AppError('DPOP_KEY_INVALID', 'the stored DPoP key is not a P-256 private JWK');
  const { kty, crv, x, y, d } = parsed.data;
  const publicJwk: JWK = { kty, crv, x, y };
  try {
    const privateKey = await crypto.subtle.importKey('jwk', { kty, crv, x, y, d }, P256, false, ['sign']);
    const publicKey = await crypto.subtle.importKey('jwk', publicJwk, P256, true, ['verify']);
    const key: DpopKey = {
      keyPair: { privateKey, publicKey },
      publicJwk,
      jkt: await calculateJwkThumbprint(publicJwk),
    };
    await assertHalvesMatch(key);
    return key;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'DPOP_KEY_INVALID',
      `the stored DPoP key cannot be imported: ${(error as Error).message}`,
    );
  }
}

/** A JWK whose `d` is not the private half of its `x`/`y` would sign proofs no bank accepts. */
async function assertHalvesMatch(key: DpopKey): Promise<void> {
  const data = new Uint8Array([1]);
  const algorithm = { name: 'ECDSA', hash: 'SHA-256' };
  const signature = await crypto.subtle.sign(algorithm, key.keyPair.privateKey, data);
  if (!(await crypto.subtle.verify(algorithm, key.keyPair.publicKey, signature, data))) {
    throw new AppError('DPOP_KEY_INVALID', 'the stored DPoP key does not match its public half');
  }
}

/**
 * A DPoP proof for one API request (RFC 9449 §4.2): `htu` without query or fragment, a fresh `jti`,
 * `ath` the token's hash, the bank's nonce when it gave one.
 */
async function signProof(key: DpopKey, request: ProofRequest): Promise<string> {
  const url = new URL(request.url);
  const payload: Record<string, string> = {
    htm: request.htm,
    htu: `${url.origin}${url.pathname}`,
    jti: crypto.randomUUID(),
  };
  if (request.accessToken !== undefined) {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(request.accessToken));
    payload.ath = Buffer.from(digest).toString('base64url');
  }
  if (request.nonce !== undefined) payload.nonce = request.nonce;
  return new SignJWT(payload)
    .setProtectedHeader({ alg: DPOP_ALG, typ: 'dpop+jwt', jwk: key.publicJwk })
    .setIssuedAt()
    .sign(key.keyPair.privateKey);
}

/**
 * The proofs of one link's API calls: the key, and the latest `DPoP-Nonce` each bank origin gave
 * (RFC 9449 §8), which every later proof to that origin carries.
 */
export class DpopProver {
  readonly key: DpopKey;
  private readonly nonces = new Map<string, string>();

  constructor(key: DpopKey) {
    this.key = key;
  }

  proof(htm: string, url: string, accessToken: string): Promise<string> {
    const nonce = this.nonces.get(new URL(url).origin);
    return signProof(this.key, { htm, url, accessToken, ...(nonce === undefined ? {} : { nonce }) });
  }

  /** Keeps the nonce the bank sent; says whether it is new (a refusal for want of it is worth one retry). */
  rememberNonce(url: string, nonce: string): boolean {
    const origin = new URL(url).origin;
    if (this.nonces.get(origin) === nonce) return false;
    this.nonces.set(origin, nonce);
    return true;
  }
}
