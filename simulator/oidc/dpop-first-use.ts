import { createHash } from 'node:crypto';
import Provider, { type AdapterPayload } from 'oidc-provider';

/**
 * Trust on first use for a public client's bearer link (issue 25): oidc-provider keeps a rotated
 * refresh token bound as its predecessor was, so a link made before the desktop app had a key would
 * stay unbound forever. When such a refresh carries a DPoP proof — which oidc-provider has checked
 * (signature, htm, htu, iat, nonce, replay) before it rotates — the rotated refresh token is bound to
 * the proof's key, as RFC 9449 §5 binds a public client's refresh token at the code exchange. From
 * then on the link refreshes only with that key.
 *
 * Called with a RefreshToken's payload as it is saved; changes it in place.
 */
export function bindOnFirstProof(payload: AdapterPayload): void {
  if (payload.jkt) return;
  const ctx = Provider.ctx;
  const oidc = ctx?.oidc;
  if (!ctx || oidc?.route !== 'token' || oidc.params?.grant_type !== 'refresh_token') return;
  if (oidc.client?.clientAuthMethod !== 'none') return;
  const proof = ctx.get('DPoP');
  if (!proof) return;
  const jkt = thumbprintOf(proof);
  if (jkt) payload.jkt = jkt;
}

/** RFC 7638 thumbprint of the proof's header `jwk` (EC and OKP keys, the ones the bank accepts). */
function thumbprintOf(proof: string): string | undefined {
  try {
    const header = JSON.parse(Buffer.from(proof.split('.')[0] ?? '', 'base64url').toString('utf8')) as {
      jwk?: Record<string, unknown>;
    };
    const jwk = header.jwk;
    if (!jwk) return undefined;
    const members =
      jwk.kty === 'EC'
        ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }
        : jwk.kty === 'OKP'
          ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x }
          : undefined;
    if (!members || Object.values(members).some((v) => typeof v !== 'string')) return undefined;
    return createHash('sha256').update(JSON.stringify(members)).digest('base64url');
  } catch {
    return undefined;
  }
}
