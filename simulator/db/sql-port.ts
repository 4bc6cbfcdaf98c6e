/**
 * The one seam between the bank's stores and a database engine. Every store (customers, links,
 * oidc-provider's models, ledger, faults, audit, QA state, DPoP records, keys, the PKI) is written
 * once against this port, in the SQL both engines speak; where they differ the store asks
 * `dialect`. Placeholders are `?`; the PostgreSQL port numbers them.
 */
export type SqlValue = string | number | null;

export interface SqlQueries {
  /** The first row, or undefined. */
  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs a write; resolves the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

export interface SqlPort extends SqlQueries {
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * True when other processes may write the same data (PostgreSQL): a store then keeps nothing
   * in memory that another instance could change behind it.
   */
  readonly shared: boolean;
  /**
   * Runs `fn` in one transaction, committed when it resolves and rolled back when it throws.
   * `lockKey` serializes transactions that must not interleave across instances (an advisory
   * lock on PostgreSQL; SQLite's write lock already does it).
   */
  transaction<T>(fn: (tx: SqlQueries) => Promise<T>, lockKey?: string): Promise<T>;
  close(): Promise<void>;
}
