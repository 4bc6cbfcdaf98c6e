import crypto from 'node:crypto';
import { AppError } from '../../shared/app-errors.ts';
import type { Channel } from '../../shared/bank/oauth.ts';
import type { AppEvent, ConnectionView, Language, PendingLinkView } from '../../shared/ipc/contract.ts';
import type { BankDiscovery } from '../auth/bank-discovery.ts';
import { linkExpiresAt } from '../auth/connection-tokens.ts';
import { DpopProver, type DpopKey } from '../auth/dpop-key.ts';
import type { TokenResponse } from '../auth/loopback-authorization.ts';
import type { TokenVault } from '../auth/token-vault.ts';
import { apiBaseOf, type BankProfile } from '../bank-profiles.ts';
import { createConnector } from '../connectors/connector-factory.ts';
import { grantedOperations } from '../profiles/granted-scopes.ts';
import type { AccountStore } from '../store/account-store.ts';
import type { ConnectionRecord, ConnectionStore } from '../store/connection-store.ts';
import type { ViewQueries } from '../store/view-queries.ts';
import type { ConnectionAccess } from './connection-access.ts';
import { LinkBrowserFlow } from './link-browser-flow.ts';
import { boundKey, LinkCredentials } from './link-credentials.ts';

export interface ConnectionServiceOptions {
  connections: ConnectionStore;
  accounts: AccountStore;
  views: ViewQueries;
  vault: TokenVault;
  /** The connections' records, banks and token sources, shared with the sync. */
  access: ConnectionAccess;
  discovery: BankDiscovery;
  /** The app's language: the bank's login and consent screens are asked to speak it too. */
  language(): Language;
  openExternal(url: string): Promise<void>;
  emit(event: AppEvent): void;
  connectTimeoutMs?: number;
  now?: () => number;
}

/**
 * Links and their lifecycle: connect, re-link onto the same connection, and disconnect. The trip
 * through the bank's screens is LinkBrowserFlow (one at a time); what a link holds in the keychain
 * and at the bank (its DPoP key, its refresh token, their revocation) is LinkCredentials; what a sync
 * uses of a connection (its tokens and connector) is ConnectionAccess.
 */
export class ConnectionService {
  private readonly options: ConnectionServiceOptions;
  private readonly credentials: LinkCredentials;
  private readonly flow: LinkBrowserFlow;

  constructor(options: ConnectionServiceOptions) {
    this.options = options;
    this.credentials = new LinkCredentials(options.vault, options.discovery);
    this.flow = new LinkBrowserFlow({ ...options, credentials: this.credentials, now: () => this.now() });
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /**
   * A new link. If the customer already has a connection sharing an account with it (linking again
   * instead of pressing 再連携), the link goes to that connection rather than duplicating its accounts.
   */
  async connect(channel: Channel, profileId?: string): Promise<ConnectionView> {
    const profile = this.options.access.profile(profileId);
    // The id is chosen first: a bank that binds tokens gets the link's key in the keychain under it
    // before the code exchange.
    const id = `c${crypto.randomBytes(8).toString('hex')}`;
    const { grant, key } = await this.flow.authorize(profile, channel, { keyOf: id }).catch(async (error) => {
      // Cancelled, timed out or refused: the key made for this link binds nothing.
      await this.credentials.dropKey(id);
      throw error;
    });
    return this.revokingOnFailure(
      profile,
      grant,
      key ? () => this.credentials.dropKey(id) : undefined,
      async () => {
        const linked = new Set((await this.accountsOf(profile, channel, grant, key)).map((a) => a.accountId));
        const same = this.options.connections
          .list()
          .find(
            (c) =>
              c.profileId === profile.id &&
              c.status !== 'disconnected' &&
              this.options.accounts.of(c.id).some((a) => linked.has(a.bankAccountId)),
          );
        if (same) {
          if (key) await this.credentials.moveKey(id, same.id);
          return this.attach(profile, same.id, grant, key);
        }

        await this.credentials.keep(profile, id, grant, key);
        const linkedAt = this.now();
        const expiresAt = linkExpiresAt(grant, linkedAt);
        const record: ConnectionRecord = {
          id,
          profileId: profile.id,
          bankName: profile.name,
          issuer: profile.issuer,
          channel,
          scopes: grantedOperations(profile.scopes, grant.scope),
          status: 'active',
          linkedAt: new Date(linkedAt).toISOString(),
          ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}),
          ...(boundKey(grant, key) ? { keyProtected: true } : {}),
        };
        this.options.connections.insert(record);
        this.options.access.tokensOf(record).adopt(grant, key);
        this.options.emit({ type: 'connections:changed' });
        return this.view(id);
      },
    );
  }

  /**
   * What happens after the code exchange: if it fails (the bank's API refuses the new token, the
   * keychain refuses it, the store fails), the tokens just received are revoked at the bank
   * (RFC 7009) instead of being dropped alive.
   */
  private async revokingOnFailure<T>(
    profile: BankProfile,
    grant: TokenResponse,
    dropKey: (() => Promise<void>) | undefined,
    run: () => Promise<T>,
  ): Promise<T> {
    try {
      return await run();
    } catch (error) {
      await this.credentials.revokeQuietly(profile, grant.refresh_token ?? grant.access_token);
      // The key of a link that was never kept is of no use to anyone.
      await dropKey?.();
      throw error;
    }
  }

  /**
   * 再連携: a new consent attached to the same connection, so its accounts and history stay. The
   * new link must be the same customer's: at least one account the connection already has.
   */
  async relink(connectionId: string): Promise<ConnectionView> {
    const existing = this.options.access.record(connectionId);
    const profile = this.options.access.profile(existing.profileId);
    const { grant, key } = await this.flow.authorize(profile, existing.channel, {
      keyOf: connectionId,
      relinkOf: connectionId,
    });
    return this.revokingOnFailure(profile, grant, undefined, async () => {
      const known = new Set(this.options.accounts.of(connectionId).map((a) => a.bankAccountId));
      if (known.size > 0) {
        const accounts = await this.accountsOf(profile, existing.channel, grant, key);
        if (!accounts.some((a) => known.has(a.accountId))) {
          // The bank said 連携が完了しました to that customer: name both, so the user sees who to be.
          const signedIn = [...new Set(accounts.map((a) => a.accountName ?? '').filter((n) => n !== ''))];
          throw new AppError(
            'RELINK_OTHER_CUSTOMER',
            "the new link shares none of this connection's accounts",
            {
              customers: { expected: this.options.accounts.holderNames(connectionId), signedIn },
            },
          );
        }
      }
      return this.attach(profile, connectionId, grant, key);
    });
  }

  /** The accounts a new grant shows, asked with its own access token before anything is stored. */
  private accountsOf(profile: BankProfile, channel: Channel, grant: TokenResponse, key: DpopKey | undefined) {
    const prover = boundKey(grant, key) ? new DpopProver(key!) : undefined;
    return createConnector(profile.dialect, {
      apiBase: apiBaseOf(profile, channel),
      tokens: { accessToken: async () => grant.access_token, prover: () => prover },
    }).accounts();
  }

  /** Puts a new grant on an existing connection; the link it replaces is revoked at the bank. */
  private async attach(
    profile: BankProfile,
    connectionId: string,
    grant: TokenResponse,
    key: DpopKey | undefined,
  ): Promise<ConnectionView> {
    const replaced = await this.credentials.storedRefreshToken(connectionId);
    await this.credentials.keep(profile, connectionId, grant, key);
    if (replaced && replaced !== grant.refresh_token) await this.credentials.revokeQuietly(profile, replaced);
    const linkedAt = this.now();
    this.options.connections.renew(connectionId, {
      scopes: grantedOperations(profile.scopes, grant.scope),
      linkedAt: new Date(linkedAt).toISOString(),
      expiresAt: linkExpiresAt(grant, linkedAt)?.toISOString(),
    });
    this.options.connections.setKeyProtected(connectionId, boundKey(grant, key));
    const { access } = this.options;
    access.tokensOf(access.record(connectionId)).adopt(grant, key);
    this.options.emit({ type: 'connections:changed' });
    return this.view(connectionId);
  }

  /** Stops the browser flow that is waiting, if any (also one whose window was reloaded). */
  cancel(): boolean {
    return this.flow.cancel();
  }

  /** The link waiting at the bank, for a UI that lost its dialog (a reload). */
  pendingLink(): PendingLinkView | null {
    return this.flow.pendingLink();
  }

  /** Opens the waiting link's address again (the browser did not open, or its tab was closed). */
  reopen(): Promise<{ opened: boolean }> {
    return this.flow.reopen();
  }

  /**
   * 連携解除: revokes the refresh token at the bank (RFC 7009), removes it from the keychain, and
   * keeps the ledger's data as a disconnected connection or deletes it, as the user chose.
   */
  async disconnect(
    connectionId: string,
    keepData: boolean,
  ): Promise<{ revokedAtBank: boolean; dataKept: boolean }> {
    const record = this.options.access.record(connectionId);
    const profile = this.options.access.profile(record.profileId);
    const refreshToken = await this.credentials.storedRefreshToken(connectionId);
    const revokedAtBank = refreshToken ? await this.credentials.revokeQuietly(profile, refreshToken) : false;
    await this.credentials.remove(connectionId);
    this.options.access.forget(connectionId);
    if (keepData) this.options.connections.setStatus(connectionId, 'disconnected');
    else this.options.connections.delete(connectionId);
    this.options.emit({ type: 'connections:changed' });
    return { revokedAtBank, dataKept: keepData };
  }

  private view(connectionId: string): ConnectionView {
    return this.options.views.connections().find((c) => c.id === connectionId)!;
  }
}
