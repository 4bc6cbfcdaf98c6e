import * as oauth from 'openid-client';
import type { BankProfile } from '../bank-profiles.ts';
import { toAuthAppError } from './oauth-errors.ts';

/**
 * openid-client's view of each bank, from its discovery document: fetched once and shared by the
 * link flow and every connection's tokens, fetched again after a failure. Cached by where and who,
 * not by profile id: a profile not yet in use may be edited.
 */
export class BankDiscovery {
  private readonly configs = new Map<string, Promise<oauth.Configuration>>();

  config(profile: Pick<BankProfile, 'issuer' | 'clientId'>): Promise<oauth.Configuration> {
    const key = `${profile.issuer} ${profile.clientId}`;
    let config = this.configs.get(key);
    if (!config) {
      const issuer = new URL(profile.issuer);
      config = oauth
        .discovery(issuer, profile.clientId, undefined, oauth.None(), {
          // The built-in bank runs on plain HTTP on loopback; any other bank must use HTTPS.
          ...(issuer.protocol === 'http:' && isLoopback(issuer)
            ? { execute: [oauth.allowInsecureRequests] }
            : {}),
        })
        .catch((error: unknown) => {
          this.configs.delete(key);
          throw toAuthAppError(error);
        });
      this.configs.set(key, config);
    }
    return config;
  }
}

function isLoopback(url: URL): boolean {
  return url.hostname === '127.0.0.1' || url.hostname === '[::1]' || url.hostname === 'localhost';
}

/**
 * Whether the bank binds tokens to a client's key (RFC 9449): its discovery lists the algorithms it
 * takes proofs in, ES256 among them. A bank that lists none (GMO Aozora, most others) gets bearer
 * tokens, exactly as before.
 */
export function offersDpop(config: oauth.Configuration): boolean {
  const algs = config.serverMetadata().dpop_signing_alg_values_supported;
  return Array.isArray(algs) && algs.includes('ES256');
}
