import { AppError } from '../../shared/app-errors.ts';
import type { AppEvent } from '../../shared/ipc/contract.ts';
import type { BankDiscovery } from '../auth/bank-discovery.ts';
import { ConnectionTokens } from '../auth/connection-tokens.ts';
import type { TokenVault } from '../auth/token-vault.ts';
import { apiBaseOf, type BankProfile } from '../bank-profiles.ts';
import type { BankConnector } from '../connectors/bank-connector.ts';
import { createConnector } from '../connectors/connector-factory.ts';
import type { ConnectionRecord, ConnectionStore } from '../store/connection-store.ts';

export interface ConnectionAccessOptions {
  connections: ConnectionStore;
  vault: TokenVault;
  discovery: BankDiscovery;
  /** The banks as they are now: the user may add or change one while the app runs. */
  profiles(): readonly BankProfile[];
  emit(event: AppEvent): void;
  now?: () => number;
}

/**
 * What a sync needs of a linked connection: its record and bank, one token source per connection
 * (kept across syncs, so an access token is reused until it expires), the connector in the bank's
 * dialect, and turning the connection to 要再連携 when the bank no longer honours the link.
 */
export class ConnectionAccess {
  private readonly options: ConnectionAccessOptions;
  private readonly tokens = new Map<string, ConnectionTokens>();

  constructor(options: ConnectionAccessOptions) {
    this.options = options;
  }

  /** The profile by id; no id: the built-in bank (first). */
  profile(profileId: string | undefined): BankProfile {
    const profiles = this.options.profiles();
    const profile = profileId ? profiles.find((p) => p.id === profileId) : profiles[0];
    if (!profile) throw new AppError('NOT_FOUND', `no bank profile ${profileId}`);
    return profile;
  }

  record(connectionId: string): ConnectionRecord {
    const record = this.options.connections.get(connectionId);
    if (!record) throw new AppError('NOT_FOUND', `no connection ${connectionId}`);
    return record;
  }

  /** The connector a sync of this connection uses: the profile's dialect, the channel's API base. */
  apiFor(
    record: ConnectionRecord,
    onRetryWait?: (waitMs: number, status: number | undefined) => void,
  ): BankConnector {
    const profile = this.profile(record.profileId);
    return createConnector(profile.dialect, {
      apiBase: apiBaseOf(profile, record.channel),
      tokens: this.tokensOf(record),
      ...(onRetryWait ? { onRetryWait } : {}),
    });
  }

  markRelinkRequired(connectionId: string): void {
    const record = this.options.connections.get(connectionId);
    if (record?.status !== 'active') return;
    this.options.connections.setStatus(connectionId, 'relink-required');
    this.tokens.get(connectionId)?.clear();
    this.options.emit({ type: 'connections:changed' });
  }

  /** The connection's token source, made on first use; a new link adopts its grant through it. */
  tokensOf(record: ConnectionRecord): ConnectionTokens {
    let tokens = this.tokens.get(record.id);
    if (!tokens) {
      const profile = this.profile(record.profileId);
      tokens = new ConnectionTokens({
        connectionId: record.id,
        config: () => this.options.discovery.config(profile),
        vault: this.options.vault,
        onLinkExpiry: (expiresAt) => this.options.connections.setExpiry(record.id, expiresAt.toISOString()),
        onLinkLost: () => this.markRelinkRequired(record.id),
        onKeyBound: () => {
          this.options.connections.setKeyProtected(record.id, true);
          this.options.emit({ type: 'connections:changed' });
        },
        ...(this.options.now ? { now: this.options.now } : {}),
      });
      this.tokens.set(record.id, tokens);
    }
    return tokens;
  }

  /** A disconnected link's access token is dropped from memory (its refresh token is gone already). */
  forget(connectionId: string): void {
    this.tokens.get(connectionId)?.clear();
    this.tokens.delete(connectionId);
  }
}
