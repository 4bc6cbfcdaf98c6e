import keytar from 'keytar';
import { AppError } from '../../shared/app-errors.ts';
import { keychainCause } from './keychain-cause.ts';
import type { TokenVault } from './token-vault.ts';

/** The keychain service name: one entry per connection, its account name the connection id. */
export const KEYCHAIN_SERVICE = 'bankdemo';

/**
 * Refresh tokens in the OS keychain (macOS Keychain, Windows Credential Manager, the Secret Service
 * on Linux) through keytar. A keychain that is locked, absent or refuses us is KEYCHAIN_UNAVAILABLE:
 * there is deliberately no fallback to a file.
 */
export class KeytarVault implements TokenVault {
  private readonly service: string;

  constructor(service = KEYCHAIN_SERVICE) {
    this.service = service;
  }

  async read(connectionId: string): Promise<string | undefined> {
    return (await this.guard(() => keytar.getPassword(this.service, connectionId))) ?? undefined;
  }

  async write(connectionId: string, refreshToken: string): Promise<void> {
    await this.guard(() => keytar.setPassword(this.service, connectionId, refreshToken));
  }

  async remove(connectionId: string): Promise<void> {
    await this.guard(() => keytar.deletePassword(this.service, connectionId));
  }

  private async guard<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      // keytar's messages name the cause ("Cannot autolaunch D-Bus…", "The keychain is locked"), never the secret.
      const reason = error instanceof Error ? error.message : String(error);
      throw new AppError('KEYCHAIN_UNAVAILABLE', `the OS keychain refused: ${reason}`, {
        cause: error,
        keychainCause: keychainCause(reason),
      });
    }
  }
}
