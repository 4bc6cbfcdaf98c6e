import Provider from 'oidc-provider';

/**
 * The refresh-token reuse grace, as established servers keep one (Okta's grace period, Auth0's
 * reuse interval): a client that crashed after the bank rotated its refresh token, before it could
 * store the new one, presents the old one again on restart. Within `seconds` of that rotation, and
 * only while the rotated token is the newest one used, this is not treated as theft: the old token
 * is rotated once more (and its unused successor retired), so one chain of tokens lives on. After
 * the grace, or once the successor was used, reuse ends the whole link (RFC 9700 §4.14.2).
 */
export interface RefreshReuseGrace {
  /** 0 turns the grace off. */
  seconds: number;
  /**
   * The request, when this lookup is the token endpoint's refresh with this very token (not
   * introspection, revocation…): the key under which a reuse within the grace waits for its rotation.
   */
  refreshRequestFor(tokenValue: string): object | undefined;
  /** Told when a rotated token was accepted again within the grace; awaited before the answer. */
  onReuseWithinGrace(grantId: string): Promise<void> | void;
}

export function refreshReuseGrace(
  seconds: number,
  onReuseWithinGrace: (grantId: string) => Promise<void> | void,
): RefreshReuseGrace {
  return {
    seconds,
    refreshRequestFor(tokenValue) {
      // oidc-provider keeps the request's context in AsyncLocalStorage; adapters are called inside it.
      const ctx = Provider.ctx;
      const oidc = ctx?.oidc;
      const isRefresh =
        oidc?.route === 'token' &&
        oidc.params?.grant_type === 'refresh_token' &&
        oidc.params.refresh_token === tokenValue;
      return isRefresh ? ctx : undefined;
    },
    onReuseWithinGrace,
  };
}
