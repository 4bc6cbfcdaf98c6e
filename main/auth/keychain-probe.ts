import type { TokenVault } from './token-vault.ts';

/**
 * The keychain entry written and removed to see that the keychain can store before a link starts.
 * Named for this process: two apps on one keychain (parallel e2e workers, two sessions of a user)
 * writing and removing one entry at once had the Secret Service refuse one of them.
 */
const KEYCHAIN_PROBE = `keychain-probe-${process.pid}`;

/**
 * Throws what the keychain throws if it cannot store a token now. A write, because a locked
 * keychain still answers reads (with nothing) and refuses only to store.
 */
export async function probeKeychain(vault: TokenVault): Promise<void> {
  await vault.write(KEYCHAIN_PROBE, 'probe');
  await vault.remove(KEYCHAIN_PROBE);
}
