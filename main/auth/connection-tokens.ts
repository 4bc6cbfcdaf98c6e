import * as oauth from 'openid-client';
import { AppError } from '../../shared/app-errors.ts';
import type { AccessTokenSource } from '../connectors/bank-http.ts';
import { offersDpop } from './bank-discovery.ts';
import { DpopProver, type DpopKey } from './dpop-key.ts';
import { LinkSecrets } from './link-secrets.ts';
import { isInvalidGrant, toAuthAppError } from './oauth-errors.ts';
import type { TokenVault } from './token-vault.ts';

export interface TokenGrant {
  access_token: string;
  /** `DPoP` when the bank bound the access token to the proof's key (RFC 9449 §5). */
  token_type?: string | undefined;
  expires_in?: number | undefined;
  refresh_token?: string | undefined;
  /** The bank's extension: seconds left on the customer's consent (the link). */
  refresh_token_expires_in?: unknown;
}

export interface ConnectionTokensOptions {
  connectionId: string;
  config: () => Promise<oauth.Configuration>;
  vault: TokenVault;
  /** A refresh told us how long the link has left. */
  onLinkExpiry(expiresAt: Date): void;
  /** The bank no longer honours the link (invalid_grant), or its key is gone: it needs 再連携. */
  onLinkLost(): void;
  /** A bearer link was bound to the app's key by this refresh (the upgrade without 再連携). */
  onKeyBound?(): void;
  now?: () => number;
}

/** Renew an access token this long before the bank says it expires. */
const EXPIRY_MARGIN_MS = 30_000;

/**
 * A connection's tokens: the access token in memory only, the refresh token in the keychain only.
 * Refreshes are single-flight — the bank rotates refresh tokens and treats a used one as theft —
 * and the rotated refresh token is stored before the new access token is handed out.
 *
 * At a bank that offers DPoP every refresh carries a proof by the link's key: a bound link's key
 * must be the one its refresh token names (else DPOP_KEY_INVALID, never a bearer refresh); a bearer
 * link gets a key (written first) and is bound by the refresh — the upgrade without 再連携.
 */
export class ConnectionTokens implements AccessTokenSource {
  private readonly options: ConnectionTokensOptions;
  private readonly secrets: LinkSecrets;
  private access: { token: string; expiresAt: number; prover?: DpopProver } | undefined;
  private refreshing: Promise<string> | undefined;
  /** openid-client's handle of the link's key, kept so the bank's token-endpoint nonce is reused. */
  private handle: { jkt: string; dpop: oauth.DPoPHandle } | undefined;

  constructor(options: ConnectionTokensOptions) {
    this.options = options;
    this.secrets = new LinkSecrets(options.vault);
  }

  /** Keeps the access token of a grant just received (link or re-link), with the key it is bound to. */
  adopt(grant: TokenGrant, key?: DpopKey): void {
    const bound = key && isDpopBound(grant);
    this.access = {
      token: grant.access_token,
      expiresAt: this.expiry(grant),
      ...(bound ? { prover: new DpopProver(key) } : {}),
    };
  }

  /** The proofs the last access token handed out needs; undefined for a bearer token. */
  prover(): DpopProver | undefined {
    return this.access?.prover;
  }

  async accessToken(renew: boolean): Promise<string> {
    const now = (this.options.now ?? Date.now)();
    if (!renew && this.access && this.access.expiresAt - EXPIRY_MARGIN_MS > now) return this.access.token;
    if (renew) this.access = undefined;
    this.refreshing ??= this.refresh().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  /** Forgets the access token (disconnect, re-link). */
  clear(): void {
    this.access = undefined;
  }

  private async refresh(): Promise<string> {
    const { connectionId } = this.options;
    const stored = await this.lostOnBadKey(() => this.secrets.readRefresh(connectionId));
    if (!stored) {
      this.options.onLinkLost();
      throw new AppError('CONSENT_EXPIRED', 'no refresh token in the keychain for this connection');
    }
    const config = await this.options.config();
    // A bound link refreshes only with its own key; a bearer link at a DPoP bank is bound now.
    let key: DpopKey | undefined;
    if (stored.jkt) key = await this.lostOnBadKey(() => this.secrets.keyFor(connectionId, stored.jkt!));
    else if (offersDpop(config)) key = await this.secrets.keyOrNew(connectionId);
    let grant: TokenGrant;
    try {
      grant = await oauth.refreshTokenGrant(
        config,
        stored.refreshToken,
        undefined,
        key ? { DPoP: this.dpopHandle(config, key) } : undefined,
      );
    } catch (error) {
      if (isInvalidGrant(error)) {
        this.options.onLinkLost();
        throw new AppError('CONSENT_EXPIRED', 'the bank refused the refresh token (invalid_grant)');
      }
      throw toAuthAppError(error);
    }
    // Rotation: the old refresh token is dead from now on, so the new one is saved first. A link
    // once bound stays bound in the keychain's record, whatever a bank answers later.
    const jkt = key && isDpopBound(grant) ? key.jkt : stored.jkt;
    if (grant.refresh_token) await this.secrets.writeRefresh(connectionId, grant.refresh_token, jkt);
    if (jkt && !stored.jkt) this.options.onKeyBound?.();
    const linkExpiry = linkExpiresAt(grant, (this.options.now ?? Date.now)());
    if (linkExpiry) this.options.onLinkExpiry(linkExpiry);
    this.adopt(grant, key);
    return grant.access_token;
  }

  private dpopHandle(config: oauth.Configuration, key: DpopKey): oauth.DPoPHandle {
    if (this.handle?.jkt !== key.jkt) {
      this.handle = { jkt: key.jkt, dpop: oauth.getDPoPHandle(config, key.keyPair) };
    }
    return this.handle.dpop;
  }

  /** A missing or damaged key of a bound link: the link cannot be used, and 再連携 is its fix. */
  private async lostOnBadKey<T>(read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      if (error instanceof AppError && error.code === 'DPOP_KEY_INVALID') this.options.onLinkLost();
      throw error;
    }
  }

  private expiry(grant: TokenGrant): number {
    return (this.options.now ?? Date.now)() + (grant.expires_in ?? 60) * 1000;
  }
}

/** Whether the bank bound a grant's access token to the proof's key. */
export const isDpopBound = (grant: TokenGrant): boolean => grant.token_type?.toLowerCase() === 'dpop';

/** When the customer's consent ends, from the bank's `refresh_token_expires_in`. */
export function linkExpiresAt(grant: TokenGrant, now: number): Date | undefined {
  const seconds = grant.refresh_token_expires_in;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0
    ? new Date(now + seconds * 1000)
    : undefined;
}
