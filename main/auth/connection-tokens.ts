import * as oauth from 'openid-client';
import { AppError } from '../../shared/app-errors.ts';
import type { AccessTokenSource } from '../connectors/bank-http.ts';
import { isInvalidGrant, toAuthAppError } from './oauth-errors.ts';
import type { TokenVault } from './token-vault.ts';

export interface TokenGrant {
  access_token: string;
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
  /** The bank no longer honours the link (invalid_grant): the connection needs 再連携. */
  onLinkLost(): void;
  now?: () => number;
}

/** Renew an access token this long before the bank says it expires. */
const EXPIRY_MARGIN_MS = 30_000;

/**
 * A connection's tokens: the access token in memory only, the refresh token in the keychain only.
 * Refreshes are single-flight — the bank rotates refresh tokens and treats a used one as theft —
 * and the rotated refresh token is stored before the new access token is handed out.
 */
export class ConnectionTokens implements AccessTokenSource {
  private readonly options: ConnectionTokensOptions;
  private access: { token: string; expiresAt: number } | undefined;
  private refreshing: Promise<string> | undefined;

  constructor(options: ConnectionTokensOptions) {
    this.options = options;
  }

  /** Keeps the access token of a grant just received (link or re-link). */
  adopt(grant: TokenGrant): void {
    this.access = { token: grant.access_token, expiresAt: this.expiry(grant) };
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
    const { vault, connectionId } = this.options;
    const refreshToken = await vault.read(connectionId);
    if (!refreshToken) {
      this.options.onLinkLost();
      throw new AppError('CONSENT_EXPIRED', 'no refresh token in the keychain for this connection');
    }
    let grant: TokenGrant;
    try {
      grant = await oauth.refreshTokenGrant(await this.options.config(), refreshToken);
    } catch (error) {
      if (isInvalidGrant(error)) {
        this.options.onLinkLost();
        throw new AppError('CONSENT_EXPIRED', 'the bank refused the refresh token (invalid_grant)');
      }
      throw toAuthAppError(error);
    }
    // Rotation: the old refresh token is dead from now on, so the new one is saved first.
    if (grant.refresh_token) await vault.write(connectionId, grant.refresh_token);
    const linkExpiry = linkExpiresAt(grant, (this.options.now ?? Date.now)());
    if (linkExpiry) this.options.onLinkExpiry(linkExpiry);
    this.adopt(grant);
    return grant.access_token;
  }

  private expiry(grant: TokenGrant): number {
    return (this.options.now ?? Date.now)() + (grant.expires_in ?? 60) * 1000;
  }
}

/** When the customer's consent ends, from the bank's `refresh_token_expires_in`. */
export function linkExpiresAt(grant: TokenGrant, now: number): Date | undefined {
  const seconds = grant.refresh_token_expires_in;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0
    ? new Date(now + seconds * 1000)
    : undefined;
}
