import { createHash, randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import * as oauth from 'openid-client';

/**
 * The bank requires DPoP of the desktop app (`dpop_bound_access_tokens`), so tests that play the app
 * hold a key per link, as the app does, and send a proof with every token request and API call.
 * This is the one place that does it: `desktopClient` puts `withProofs` on its openid-client
 * configuration, and `apiFetch` presents an access token the way it was issued.
 */

interface ProofKey {
  privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
  jwk: JWK;
}

/** The key each access token issued through `withProofs` is bound to; an API call with it proves it. */
const keyOfAccessToken = new Map<string, ProofKey>();

async function newProofKey(): Promise<ProofKey> {
  const pair = await generateKeyPair('ES256');
  return { privateKey: pair.privateKey, jwk: await exportJWK(pair.publicKey) };
}

async function proof(
  key: ProofKey,
  htm: string,
  htu: string,
  { accessToken, nonce }: { accessToken?: string; nonce?: string | undefined } = {},
): Promise<string> {
  const url = new URL(htu);
  return new SignJWT({
    htm,
    htu: `${url.origin}${url.pathname}`,
    jti: randomUUID(),
    ...(nonce ? { nonce } : {}),
    ...(accessToken ? { ath: createHash('sha256').update(accessToken).digest('base64url') } : {}),
  })
    .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: key.jwk })
    .setIssuedAt()
    .sign(key.privateKey);
}

const headersOf = (h: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));

/**
 * Gives `config` a key of its own: every request to the token endpoint that carries no proof of its
 * caller's gets one by that key, with the bank's `DPoP-Nonce` (retried once when the bank asks for a
 * new one, as the app does). A request that brings its own proof (a test playing a thief) is sent as
 * it is.
 */
export async function withProofs(config: oauth.Configuration): Promise<oauth.Configuration> {
  const key = await newProofKey();
  let nonce: string | undefined;
  const tokenEndpoint = config.serverMetadata().token_endpoint;
  config[oauth.customFetch] = async (url, options) => {
    const headers = headersOf(options.headers);
    if (url !== tokenEndpoint || options.method !== 'POST' || headers.dpop) return fetch(url, options);
    const send = async () =>
      fetch(url, { ...options, headers: { ...headers, dpop: await proof(key, 'POST', url, { nonce }) } });
    let res = await send();
    nonce = res.headers.get('dpop-nonce') ?? nonce;
    if (res.status === 400 && ((await res.clone().json()) as { error?: string }).error === 'use_dpop_nonce') {
      res = await send();
      nonce = res.headers.get('dpop-nonce') ?? nonce;
    }
    if (res.status === 200) {
      const body = (await res.clone().json()) as { access_token?: string };
      if (body.access_token) keyOfAccessToken.set(body.access_token, key);
    }
    return res;
  };
  return config;
}

/**
 * Calls the bank's API with an access token as its holder would: one bound to a `withProofs` key
 * as `Authorization: DPoP` with a proof (`ath` included), any other as `Authorization: Bearer`.
 * `header: 'x-access-token'` puts the token in GMO's schemeless header instead.
 */
export async function apiFetch(
  url: string,
  token: string,
  { method = 'GET', headers = {}, header = 'authorization', body }: ApiFetchOptions = {},
): Promise<Response> {
  const bound = keyOfAccessToken.get(token);
  const presented: Record<string, string> =
    header === 'x-access-token'
      ? { 'x-access-token': token }
      : { authorization: `${bound ? 'DPoP' : 'Bearer'} ${token}` };
  const dpop: Record<string, string> = bound
    ? { dpop: await proof(bound, method, url, { accessToken: token }) }
    : {};
  return fetch(url, { method, headers: { ...presented, ...dpop, ...headers }, body });
}

export interface ApiFetchOptions {
  method?: string;
  headers?: Record<string, string>;
  header?: 'authorization' | 'x-access-token';
  body?: string;
}
