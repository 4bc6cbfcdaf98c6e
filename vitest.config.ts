import { defineConfig } from 'vitest/config';
import { PG_BIN, postgresAvailable } from './test/support/postgres-cluster.ts';

/**
 * The tests of what is written in JST "whatever the machine's zone": they run in the machine's
 * zone with the others, and again in UTC and in Asia/Tokyo, so that a date read or written in
 * the machine's local time fails on any machine, CI's included.
 */
const DATE_TESTS = [
  'test/shared/dates.test.ts',
  'test/simulator/pure-logic.test.ts',
  'test/simulator/ledger.test.ts',
  'test/client/connector-pure-logic.test.ts',
  'test/client/client-pure-logic.test.ts',
  'test/renderer/format.test.ts',
  'test/renderer/link-state.test.ts',
  'test/renderer/sync-progress.test.ts',
];

const pinnedTo = (zone: string) => ({
  extends: true as const,
  test: {
    name: `dates in ${zone}`,
    include: DATE_TESTS,
    env: { TZ: zone },
    setupFiles: ['test/support/pinned-zone.ts'],
  },
});

/**
 * The bank's storage contract and its end-to-end flows again, on PostgreSQL (a throwaway cluster:
 * test/support/postgres-global-setup.ts). Without PostgreSQL's binaries the project is left out
 * with a message; in CI it is required (postgresAvailable throws).
 */
const POSTGRES_TESTS = [
  'test/simulator/storage-contract.test.ts',
  'test/simulator/oauth-flow.test.ts',
  'test/simulator/account-api.test.ts',
  'test/simulator/namespaces.test.ts',
  'test/simulator/scenario-users.test.ts',
];
const PAIR_TESTS = ['test/simulator/oauth-flow.test.ts', 'test/simulator/account-api.test.ts'];
const postgres = postgresAvailable()
  ? [
      {
        extends: true as const,
        test: {
          name: 'postgres',
          include: POSTGRES_TESTS,
          globalSetup: ['test/support/postgres-global-setup.ts'],
        },
      },
      {
        // Two bank instances on one database behind one address, requests alternating between
        // them (test/support/test-bank.ts): the consent flow and the API hold across instances.
        extends: true as const,
        test: {
          name: 'postgres-pair',
          include: PAIR_TESTS,
          // Every bank a test starts is two (and their keys' first use): more time on a busy machine.
          testTimeout: 90_000,
          env: { BANK_TEST_TOPOLOGY: 'pair' },
          globalSetup: ['test/support/postgres-global-setup.ts'],
        },
      },
    ]
  : (console.warn(`[vitest] PostgreSQL not found at ${PG_BIN}: the bank's PostgreSQL suites are skipped`),
    []);

export default defineConfig({
  test: {
    // Each file starts its own bank on free ports; scrypt and RSA key generation take a moment.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'] } },
      pinnedTo('UTC'),
      pinnedTo('Asia/Tokyo'),
      ...postgres,
    ],
  },
});
