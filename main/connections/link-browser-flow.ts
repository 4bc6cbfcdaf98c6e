import * as oauth from 'openid-client';
import { AppError } from '../../shared/app-errors.ts';
import type { Channel } from '../../shared/bank/oauth.ts';
import type { AppEvent, Language, PendingLinkView } from '../../shared/ipc/contract.ts';
import type { BankDiscovery } from '../auth/bank-discovery.ts';
import type { DpopKey } from '../auth/dpop-key.ts';
import { probeKeychain } from '../auth/keychain-probe.ts';
import { authorizeInBrowser, type TokenResponse } from '../auth/loopback-authorization.ts';
import { toAuthAppError } from '../auth/oauth-errors.ts';
import type { TokenVault } from '../auth/token-vault.ts';
import type { BankProfile } from '../bank-profiles.ts';
import type { LinkCredentials } from './link-credentials.ts';

export interface LinkBrowserFlowOptions {
  vault: TokenVault;
  discovery: BankDiscovery;
  credentials: LinkCredentials;
  /** The app's language: the bank's login and consent screens are asked to speak it too. */
  language(): Language;
  openExternal(url: string): Promise<void>;
  emit(event: AppEvent): void;
  connectTimeoutMs?: number;
  now(): number;
}

/**
 * The customer's trip through the bank's login and consent screens in the system browser, one at a
 * time: it is waited for, shown again to a UI that lost its dialog, reopened, or cancelled.
 */
export class LinkBrowserFlow {
  private readonly options: LinkBrowserFlowOptions;
  private pending: { controller: AbortController; view?: PendingLinkView } | undefined;

  constructor(options: LinkBrowserFlowOptions) {
    this.options = options;
  }

  /**
   * The browser flow, after checking the keychain can take the token it will bring. At a bank that
   * binds tokens, the link's key is in the keychain before the browser opens, and PAR and the code
   * exchange carry its proofs.
   */
  async authorize(
    profile: BankProfile,
    channel: Channel,
    link: { keyOf: string; relinkOf?: string },
  ): Promise<{ grant: TokenResponse; key?: DpopKey }> {
    const { relinkOf } = link;
    if (this.pending) throw new AppError('CONNECT_IN_PROGRESS');
    const controller = new AbortController();
    const pending: { controller: AbortController; view?: PendingLinkView } = { controller };
    this.pending = pending;
    let error: AppError | undefined;
    try {
      // Fail before the customer goes through the bank's screens, not after.
      await probeKeychain(this.options.vault);
      const config = await this.options.discovery.config(profile);
      const key = await this.options.credentials.keyFor(config, link.keyOf);
      const grant = await authorizeInBrowser({
        config,
        ...(key ? { dpop: oauth.getDPoPHandle(config, key.keyPair) } : {}),
        channel,
        scopes: profile.scopes.map((s) => s.name),
        uiLocales: this.options.language(),
        openExternal: this.options.openExternal,
        onWaiting: (authorizationUrl, redirectUri, deadline) => {
          pending.view = {
            mode: relinkOf ? 'relink' : 'connect',
            ...(relinkOf ? { connectionId: relinkOf } : {}),
            channel,
            profileId: profile.id,
            bankName: profile.name,
            authorizationUrl,
            startedAt: new Date(this.options.now()).toISOString(),
            expiresAt: deadline.toISOString(),
          };
          this.options.emit({ type: 'connect:waiting', pending: pending.view, redirectUri });
        },
        signal: controller.signal,
        ...(this.options.connectTimeoutMs ? { timeoutMs: this.options.connectTimeoutMs } : {}),
      });
      return key ? { grant, key } : { grant };
    } catch (caught) {
      error = toAuthAppError(caught);
      throw error;
    } finally {
      this.pending = undefined;
      this.options.emit({ type: 'connect:finished', ...(error ? { error: error.toInfo() } : {}) });
    }
  }

  /** Stops the browser flow that is waiting, if any (also one whose window was reloaded). */
  cancel(): boolean {
    if (!this.pending) return false;
    this.pending.controller.abort();
    return true;
  }

  /** The link waiting at the bank, for a UI that lost its dialog (a reload). */
  pendingLink(): PendingLinkView | null {
    return this.pending?.view ?? null;
  }

  /**
   * Opens the waiting link's address again — the browser did not open, or its tab was closed —
   * through the same openExternal, so the shell's bank-only check applies as the first time.
   */
  async reopen(): Promise<{ opened: boolean }> {
    const view = this.pending?.view;
    if (!view) return { opened: false };
    await this.options.openExternal(view.authorizationUrl);
    return { opened: true };
  }
}
