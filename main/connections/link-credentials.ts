import * as oauth from 'openid-client';
import { AppError } from '../../shared/app-errors.ts';
import { offersDpop, type BankDiscovery } from '../auth/bank-discovery.ts';
import { isDpopBound } from '../auth/connection-tokens.ts';
import type { DpopKey } from '../auth/dpop-key.ts';
import { LinkSecrets } from '../auth/link-secrets.ts';
import type { TokenResponse } from '../auth/loopback-authorization.ts';
import type { TokenVault } from '../auth/token-vault.ts';
import type { BankProfile } from '../bank-profiles.ts';
import { log } from '../log/logger.ts';

/** Whether a grant was bound to the key its request's proofs were signed with. */
export const boundKey = (grant: TokenResponse, key: DpopKey | undefined): key is DpopKey =>
  key !== undefined && isDpopBound(grant);

/**
 * What a link holds, per link: its DPoP key in the keychain (made before the browser opens at a
 * bank that binds tokens, moved when the link joins another connection, dropped when nothing was
 * bound to it) and its refresh token (kept in the keychain naming the key it is bound to, revoked at
 * the bank when it is let go or cannot be kept).
 */
export class LinkCredentials {
  private readonly secrets: LinkSecrets;
  private readonly discovery: BankDiscovery;

  constructor(vault: TokenVault, discovery: BankDiscovery) {
    this.secrets = new LinkSecrets(vault);
    this.discovery = discovery;
  }

  /** The link's key at a bank that binds tokens (a 再連携 keeps a sound one); none at a bearer bank. */
  async keyFor(config: oauth.Configuration, linkId: string): Promise<DpopKey | undefined> {
    return offersDpop(config) ? this.secrets.keyOrNew(linkId) : undefined;
  }

  /** Drops a key that binds nothing (a link cancelled, refused or never kept); never throws. */
  async dropKey(linkId: string): Promise<void> {
    await this.secrets.removeKey(linkId).catch(() => {});
  }

  /** The key goes with the link onto the connection it joined. */
  moveKey(from: string, to: string): Promise<void> {
    return this.secrets.moveKey(from, to);
  }

  /**
   * The refresh token the keychain holds for a link, to revoke it; a damaged entry holds none that
   * could be (and must not stop 連携解除 or 再連携).
   */
  async storedRefreshToken(linkId: string): Promise<string | undefined> {
    try {
      return (await this.secrets.readRefresh(linkId))?.refreshToken;
    } catch (error) {
      if (error instanceof AppError && error.code === 'DPOP_KEY_INVALID') return undefined;
      throw error;
    }
  }

  /** Keeps a new grant's refresh token, naming the key it is bound to; one that cannot be kept is revoked. */
  async keep(
    profile: BankProfile,
    linkId: string,
    grant: TokenResponse,
    key: DpopKey | undefined,
  ): Promise<void> {
    if (!grant.refresh_token) throw new AppError('AUTH_REJECTED', 'the bank gave no refresh token');
    try {
      await this.secrets.writeRefresh(
        linkId,
        grant.refresh_token,
        boundKey(grant, key) ? key.jkt : undefined,
      );
    } catch (error) {
      // A token we cannot keep must not stay alive at the bank either.
      await this.revokeQuietly(profile, grant.refresh_token);
      throw error;
    }
  }

  /** Both keychain entries of a link: 連携解除. */
  remove(linkId: string): Promise<void> {
    return this.secrets.remove(linkId);
  }

  /** Revocation (RFC 7009) that reports instead of throwing: a bank that is down must not block 連携解除. */
  async revokeQuietly(profile: BankProfile, refreshToken: string | undefined): Promise<boolean> {
    if (!refreshToken) return false;
    try {
      await oauth.tokenRevocation(await this.discovery.config(profile), refreshToken, {
        token_type_hint: 'refresh_token',
      });
      return true;
    } catch (error) {
      log.warn('link.revoke-failed', { profileId: profile.id, cause: error });
      return false;
    }
  }
}
