import type { KeychainCause } from '../../shared/app-errors.ts';

/**
 * keytar's failure message read as a cause the user can act on. The messages are libsecret's and
 * D-Bus's on Linux, the Security framework's on macOS, Credential Manager's on Windows. Pure: the
 * table in the tests pins each. Anything else the keychain said is a refusal.
 */
const CAUSES: [RegExp, KeychainCause][] = [
  [/locked collection|is locked|keychain.*locked|interaction is not allowed/i, 'locked'],
  [
    /autolaunch D-Bus|org\.freedesktop\.secrets|Could not connect|No such file or directory|not provided by any \.service|ServiceUnknown|no such secret service|The specified keychain could not be found/i,
    'no-service',
  ],
];

export function keychainCause(message: string): KeychainCause {
  return CAUSES.find(([pattern]) => pattern.test(message))?.[1] ?? 'refused';
}
