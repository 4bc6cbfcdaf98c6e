/**
 * Where refresh tokens live: the OS keychain, one entry per connection, and nowhere else.
 * A small interface so the core does not care which keychain it is.
 */
export interface TokenVault {
  read(connectionId: string): Promise<string | undefined>;
  write(connectionId: string, refreshToken: string): Promise<void>;
  remove(connectionId: string): Promise<void>;
}
