import { afterAll, beforeAll } from 'vitest';
import { startTestBank, type TestBank } from './test-bank.ts';
import type { TestCore } from './test-client-core.ts';
import { startLinkedCore } from './unsynced-ledger.ts';

/**
 * A describe block's real bank and the app's core linked to `loginId` over HTTP and synced once
 * from it: started before the block's first test, disposed after its last. Call it in the block;
 * read `.app` (and `.bank`) inside the tests.
 */
export function syncedCore(loginId: string, password: string): { bank: TestBank; app: TestCore } {
  const started = {} as { bank: TestBank; app: TestCore };
  beforeAll(async () => {
    started.bank = await startTestBank();
    started.app = await startLinkedCore(started.bank, loginId, password);
    await started.app.call('sync:run', {});
  }, 120_000);
  afterAll(async () => {
    await started.app?.dispose();
    await started.bank?.dispose();
  });
  return started;
}
