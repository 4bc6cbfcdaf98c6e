import { AppError } from '../../shared/app-errors.ts';
import { generateDpopKey, importDpopKey, type DpopKey } from './dpop-key.ts';
import type { TokenVault } from './token-vault.ts';

/** A link's refresh token as the keychain holds it, and the key it is bound to (absent: bearer). */
export interface StoredRefresh {
  refreshToken: string;
  jkt?: string;
}

/** The keychain account of a connection's DPoP key: beside its refresh token's, which is the bare id. */
export const keyEntryOf = (connectionId: string): string => `${connectionId}#dpop-key`;

/**
 * A bound link's refresh-token entry: a small JSON envelope naming the key's thumbprint, so a missing
 * or swapped key is noticed before the bank is asked. A bearer link's entry stays the bare token, as
 * every link before DPoP wrote it.
 */
const ENVELOPE_PREFIX = '{"v":1,';

/**
 * A connection's secrets in the OS keychain, two entries (each far under Windows Credential
 * Manager's 2,560-byte limit: a refresh token of a few hundred bytes, a P-256 private JWK of ~190):
 *
 * - `<id>`: the refresh token — bare (a bearer link) or `{"v":1,"rt":…,"jkt":…}` (bound to a key);
 * - `<id>#dpop-key`: `{"v":1,"alg":"ES256","jwk":{kty,crv,x,y,d}}`, the link's DPoP key.
 *
 * The key is always written before the first token request that binds to it, so a crash between the
 * two leaves a key the restarted app finds and uses again.
 */
export class LinkSecrets {
  private readonly vault: TokenVault;

  constructor(vault: TokenVault) {
    this.vault = vault;
  }

  async readRefresh(connectionId: string): Promise<StoredRefresh | undefined> {
    const stored = await this.vault.read(connectionId);
    if (stored === undefined || stored === '') return undefined;
    if (!stored.startsWith(ENVELOPE_PREFIX)) return { refreshToken: stored };
    let envelope: unknown;
    try {
      envelope = JSON.parse(stored);
    } catch {
      throw new AppError('DPOP_KEY_INVALID', "the keychain's refresh-token entry is damaged");
    }
    const { rt, jkt } = (envelope ?? {}) as { rt?: unknown; jkt?: unknown };
    if (typeof rt !== 'string' || rt === '' || typeof jkt !== 'string' || jkt === '') {
      throw new AppError('DPOP_KEY_INVALID', "the keychain's refresh-token entry is damaged");
    }
    return { refreshToken: rt, jkt };
  }

  async writeRefresh(connectionId: string, refreshToken: string, jkt: string | undefined): Promise<void> {
    await this.vault.write(
      connectionId,
      jkt
        ? `${ENVELOPE_PREFIX}"rt":${JSON.stringify(refreshToken)},"jkt":${JSON.stringify(jkt)}}`
        : refreshToken,
    );
  }

  /** The connection's key as stored; undefined when there is none. DPOP_KEY_INVALID when damaged. */
  async readKey(connectionId: string): Promise<DpopKey | undefined> {
    const stored = await this.vault.read(keyEntryOf(connectionId));
    if (stored === undefined || stored === '') return undefined;
    let entry: unknown;
    try {
      entry = JSON.parse(stored);
    } catch {
      throw new AppError('DPOP_KEY_INVALID', "the keychain's DPoP key entry is not JSON");
    }
    const { v, alg, jwk } = (entry ?? {}) as { v?: unknown; alg?: unknown; jwk?: unknown };
    if (v !== 1 || alg !== 'ES256') {
      throw new AppError('DPOP_KEY_INVALID', "the keychain's DPoP key entry is of an unknown kind");
    }
    return importDpopKey(jwk);
  }

  /** The key a bound refresh token needs: present and the very one it is bound to, or DPOP_KEY_INVALID. */
  async keyFor(connectionId: string, jkt: string): Promise<DpopKey> {
    const key = await this.readKey(connectionId);
    if (!key)
      throw new AppError('DPOP_KEY_INVALID', 'the DPoP key of a bound link is missing from the keychain');
    if (key.jkt !== jkt) {
      throw new AppError(
        'DPOP_KEY_INVALID',
        'the DPoP key in the keychain is not the one the link is bound to',
      );
    }
    return key;
  }

  /**
   * The connection's key, or a new one written to the keychain first — for a token request that is
   * about to bind the link to it. A damaged entry is replaced only here, where nothing is bound yet.
   */
  async keyOrNew(connectionId: string): Promise<DpopKey> {
    try {
      const existing = await this.readKey(connectionId);
      if (existing) return existing;
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'DPOP_KEY_INVALID') throw error;
    }
    return this.newKey(connectionId);
  }

  /** A new key for the connection, written to the keychain before it is returned. */
  async newKey(connectionId: string): Promise<DpopKey> {
    const { key, privateJwk } = await generateDpopKey();
    await this.writeKey(connectionId, privateJwk);
    return key;
  }

  private async writeKey(connectionId: string, jwk: object): Promise<void> {
    await this.vault.write(keyEntryOf(connectionId), JSON.stringify({ v: 1, alg: 'ES256', jwk }));
  }

  /** Moves a key to another connection (a new link that joined an existing connection). */
  async moveKey(from: string, to: string): Promise<void> {
    const stored = await this.vault.read(keyEntryOf(from));
    if (stored === undefined) return;
    await this.vault.write(keyEntryOf(to), stored);
    await this.vault.remove(keyEntryOf(from));
  }

  async removeKey(connectionId: string): Promise<void> {
    await this.vault.remove(keyEntryOf(connectionId));
  }

  /** Both entries: 連携解除. */
  async remove(connectionId: string): Promise<void> {
    await this.vault.remove(connectionId);
    await this.removeKey(connectionId);
  }
}
