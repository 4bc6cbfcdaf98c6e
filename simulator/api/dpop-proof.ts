import { createHash } from 'node:crypto';
import {
  calculateJwkThumbprint,
  EmbeddedJWK,
  jwtVerify,
  type CryptoKey,
  type FlattenedJWSInput,
  type JWSHeaderParameters,
  type JWTPayload,
} from 'jose';
import type { DpopJtiStore } from './dpop-jti-store.ts';

/**
 * The DPoP signing algorithms the bank accepts, at its token endpoint (oidc-provider's
 * `enabledJWA.dPoPSigningAlgValues`, published as `dpop_signing_alg_values_supported`) and at its
 * API alike: asymmetric only, as RFC 9449 §4.3 requires.
 */
export const DPOP_SIGNING_ALGS = ['ES256', 'Ed25519', 'EdDSA'] as const;

/**
 * How old a proof's `iat` may be (oidc-provider's own window at the token endpoint). A proof is
 * kept in the jti record this long after its `iat`, the time it could still be accepted.
 */
const DPOP_IAT_WINDOW_SECONDS = 300;

/**
 * How far ahead of the bank's clock a proof's `iat` may be: clocks drift by a second or two, and a
 * proof dated further ahead would stay acceptable longer than the window is meant to allow.
 */
export const DPOP_IAT_FUTURE_SKEW_SECONDS = 5;

/** What the API checks a proof against: the request it came with and the token it is for. */
export interface DpopRequest {
  proof: string;
  method: string;
  /** The request's URL without query and fragment, at the bank's own configured origin. */
  url: string;
  accessToken: string;
  /** The JWK SHA-256 thumbprint the access token is bound to (`cnf.jkt`). */
  jkt: string;
  nowSeconds: number;
}

/** Why a proof is refused, for `error_description`; `invalid_dpop_proof` is the error code. */
export class DpopProofError extends Error {}

const ath = (accessToken: string): string => createHash('sha256').update(accessToken).digest('base64url');

/** How many proof keys the bank keeps imported: a client keeps one key a link, so far more than in use. */
const MAX_KEPT_KEYS = 1_000;

/** A proof key as imported from a `jwk` header, with its thumbprint. */
interface EmbeddedKey {
  key: CryptoKey;
  jkt: string;
}

/**
 * The keys of the proofs' `jwk` headers, imported once each: a client signs every call of a link
 * with the same key, and importing it and taking its thumbprint (WebCrypto, through the thread
 * pool) cost as much as checking the signature, on every page a sync fetches. Keyed by the header's
 * `alg` and `jwk` exactly as sent; only a key jose's EmbeddedJWK accepted (a public key for that
 * algorithm) is kept, so a cached key is what EmbeddedJWK would import again. Oldest out first.
 */
const embeddedKeys = new Map<string, EmbeddedKey>();

async function embeddedKey(header: JWSHeaderParameters, token: FlattenedJWSInput): Promise<EmbeddedKey> {
  const id = `${String(header.alg)}\u0000${JSON.stringify(header.jwk ?? null)}`;
  const kept = embeddedKeys.get(id);
  if (kept) return kept;
  const key = (await EmbeddedJWK(header, token)) as CryptoKey;
  const imported = { key, jkt: await calculateJwkThumbprint(header.jwk!) };
  if (embeddedKeys.size >= MAX_KEPT_KEYS) embeddedKeys.delete(embeddedKeys.keys().next().value!);
  embeddedKeys.set(id, imported);
  return imported;
}

/** `htu` compared as RFC 9449 §4.3 says: scheme and host normalized, no query, no fragment. */
function sameResource(htu: unknown, url: string): boolean {
  if (typeof htu !== 'string') return false;
  const parsed = URL.parse(htu);
  if (!parsed) return false;
  parsed.search = '';
  parsed.hash = '';
  return parsed.href === URL.parse(url)?.href;
}

/**
 * Checks a DPoP proof presented with a DPoP-bound access token at the API, as RFC 9449 §4.3 and §7.1
 * list it: a JWT of type `dpop+jwt`, signed with an accepted asymmetric algorithm by the public key
 * in its own `jwk` header (jose refuses a private key there), carrying `jti`, `htm`, `htu`, `iat` and
 * `ath`; `htm`/`htu` are this request's; `iat` is at most the window old and at most the skew ahead;
 * `ath` is the token's hash; the key is the one the token is bound to; and the proof was not used
 * before (the jti record, which outlives a restart). Throws DpopProofError.
 */
export async function verifyDpopProof(request: DpopRequest, jtis: DpopJtiStore): Promise<void> {
  let payload: JWTPayload;
  let signer: EmbeddedKey | undefined;
  try {
    const verified = await jwtVerify(
      request.proof,
      async (header, token) => (signer = await embeddedKey(header, token)).key,
      { typ: 'dpop+jwt', algorithms: [...DPOP_SIGNING_ALGS] },
    );
    payload = verified.payload;
  } catch (error) {
    throw new DpopProofError(`the DPoP proof is not a valid dpop+jwt: ${(error as Error).message}`);
  }
  const { jti, htm, htu, iat } = payload as JWTPayload & { htm?: unknown; htu?: unknown };
  if (typeof jti !== 'string' || jti === '') throw new DpopProofError('the DPoP proof has no jti');
  if (typeof iat !== 'number') throw new DpopProofError('the DPoP proof has no iat');
  if (htm !== request.method) throw new DpopProofError('DPoP proof htm mismatch');
  if (!sameResource(htu, request.url)) throw new DpopProofError('DPoP proof htu mismatch');
  if (request.nowSeconds - iat > DPOP_IAT_WINDOW_SECONDS) {
    throw new DpopProofError('DPoP proof iat is not recent enough');
  }
  if (iat - request.nowSeconds > DPOP_IAT_FUTURE_SKEW_SECONDS) {
    throw new DpopProofError('DPoP proof iat is in the future');
  }
  if (payload.ath !== ath(request.accessToken)) throw new DpopProofError('DPoP proof ath mismatch');
  if (signer!.jkt !== request.jkt) {
    throw new DpopProofError('the DPoP proof is signed by another key than the token is bound to');
  }
  if (!(await jtis.firstUse(request.jkt, jti, iat + DPOP_IAT_WINDOW_SECONDS, request.nowSeconds))) {
    throw new DpopProofError('DPoP proof replay detected');
  }
}
