import { createHash, randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import * as oauth from 'openid-client';
import type { RunningBank } from '../../simulator/bank-server.ts';
import {
  authorizationRequest,
  consentAsCorporate,
  desktopClient,
  exchangeCode,
  type BankAddress,
} from './consent-flow.ts';

/** A client's DPoP key: the private half signs proofs, the public half travels in each proof's header. */
export type DpopKey = Awaited<ReturnType<typeof generateKeyPair>> & { jwk: JWK };

export async function newDpopKey(): Promise<DpopKey> {
  const pair = await generateKeyPair('ES256', { extractable: true });
  return { ...pair, jwk: await exportJWK(pair.publicKey) };
}

/**
 * CORP0001 links the desktop app with a proof by `key`: tokens bound to that key (cnf.jkt), with
 * the client and the DPoP handle that go on using them.
 */
export async function boundTokens(
  bank: BankAddress,
  key: DpopKey,
): Promise<{ access: string; refresh: string; config: oauth.Configuration; dpop: oauth.DPoPHandle }> {
  const config = await desktopClient(bank, { proofs: false });
  const dpop = oauth.getDPoPHandle(config, key as Parameters<typeof oauth.getDPoPHandle>[1]);
  const request = await authorizationRequest(config, 'http://127.0.0.1:49000/callback', {
    channel: 'corporate',
  });
  const callback = await consentAsCorporate(bank, request);
  const tokens = await oauth.authorizationCodeGrant(
    config,
    callback,
    { pkceCodeVerifier: request.verifier, expectedState: request.state },
    undefined,
    { DPoP: dpop },
  );
  return { access: tokens.access_token, refresh: tokens.refresh_token!, config, dpop };
}

/** A proof for one request, signed by `key`, any claim overridable to play an attacker. */
export async function dpopProof(
  key: DpopKey,
  accessToken: string,
  htu: string,
  claims: { htm?: string; iat?: number; jti?: string } = {},
): Promise<string> {
  return new SignJWT({
    htm: claims.htm ?? 'GET',
    htu,
    jti: claims.jti ?? randomUUID(),
    ath: createHash('sha256').update(accessToken).digest('base64url'),
  })
    .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: key.jwk })
    .setIssuedAt(claims.iat ?? Math.floor(Date.now() / 1000))
    .sign(key.privateKey);
}

/**
 * The refresh token of a desktop link as the bank stored it before it required DPoP: a bearer link the
 * app made before it had keys. The bank now refuses a code exchange without a proof, so CORP0001 links
 * with one, and the bank's store then forgets the key's thumbprint on that refresh token — the row as
 * an older bank wrote it.
 */
export async function bearerLinkFromBefore(
  bank: BankAddress & Pick<RunningBank, 'db'>,
  redirectUri = 'http://127.0.0.1:51000/callback',
): Promise<string> {
  const config = await desktopClient(bank);
  const request = await authorizationRequest(config, redirectUri, { channel: 'corporate' });
  const refreshToken = (await exchangeCode(config, request, await consentAsCorporate(bank, request)))
    .refresh_token!;
  const row = bank.db
    .prepare("SELECT payload FROM oidc_models WHERE model = 'RefreshToken' AND id = ?")
    .get(refreshToken) as { payload: string };
  const payload = JSON.parse(row.payload) as Record<string, unknown>;
  delete payload.jkt;
  bank.db
    .prepare("UPDATE oidc_models SET payload = ? WHERE model = 'RefreshToken' AND id = ?")
    .run(JSON.stringify(payload), refreshToken);
  return refreshToken;
}
