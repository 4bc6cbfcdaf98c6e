import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAppCore } from '../main/app-core.ts';
import { KeytarVault } from '../main/auth/keytar-vault.ts';
import { localBankProfile } from '../main/bank-profiles.ts';
import { dispatch } from '../main/ipc-dispatch.ts';
import type { TransactionQuery } from '../shared/ipc/contract.ts';
import { startTestBank } from '../test/support/test-bank.ts';
import { linkCorporateOverHttp } from '../test/support/unsynced-ledger.ts';

/**
 * The 明細 view's queries over CORP9000's ~100,000 rows, as the renderer asks them (through the
 * validating dispatcher): a 200-row page near the start, the middle and the end, newest or oldest
 * first, with and without a remarks filter, the count included. Target: well under 50 ms each.
 * Run: bash scripts/with-test-keyring.sh node bench/bench-statement.ts
 */
const RUNS = 7;
const KEYCHAIN_SERVICE = 'bankdemo-bench-statement';

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const bank = await startTestBank();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-bench-statement-'));
const core = await createAppCore({
  dataDir,
  shell: 'browser',
  vault: new KeytarVault(KEYCHAIN_SERVICE),
  builtInProfile: { ...localBankProfile(bank.issuer), local: false },
  openExternal: async (url) => void linkCorporateOverHttp(bank, url, 'CORP9000', 'Corp-Pass-9'),
  syncIntervalMs: 0,
});
try {
  const linked = await dispatch(core.handlers, 'connections:connect', { channel: 'corporate' });
  if (!linked.ok) throw new Error(`link failed: ${JSON.stringify(linked.error)}`);
  const syncStarted = performance.now();
  await dispatch(core.handlers, 'sync:run', {});
  const accounts = await core.handlers['ledger:accounts'](undefined);
  const rows = accounts.reduce((n, a) => n + a.transactionCount, 0);
  const shop = accounts.reduce((a, b) => (b.transactionCount > a.transactionCount ? b : a));
  console.log(
    `CORP9000 synced: ${rows.toLocaleString('en')} rows in ${accounts.length} accounts ` +
      `(${((performance.now() - syncStarted) / 1000).toFixed(1)} s); the shop's account has ${shop.transactionCount.toLocaleString('en')}`,
  );

  const cases: Array<[string, TransactionQuery]> = [];
  for (const offset of [0, 50_000, 99_800]) {
    for (const order of ['asc', 'desc'] as const) {
      cases.push([`all accounts, ${order}, offset ${offset}`, { order, offset }]);
      cases.push([`shop account, ${order}, offset ${offset}`, { accountId: shop.id, order, offset }]);
    }
  }
  const last = async (query: TransactionQuery) => {
    const first = await core.handlers['ledger:transactions']({ offset: 0, limit: 1, order: 'asc', ...query });
    return Math.max(0, first.total - 200);
  };
  for (const text of ['ﾌﾘｺﾐ', 'でんき', 'きゅうよ']) {
    const range = { text, order: 'desc', dateFrom: '2025-01-01' } as const;
    cases.push([`text ${text}, offset 0`, { text }]);
    cases.push([`text ${text}, last page`, { text, offset: await last({ text }) }]);
    cases.push([`text ${text}, desc, from 2025-01-01, offset 0`, range]);
    cases.push([`text ${text}, desc, from 2025-01-01, last page`, { ...range, offset: await last(range) }]);
  }
  cases.push(['deposits ≥ ¥100,000, offset 0', { type: '1', minAmount: 100_000 }]);

  console.log('query (200 rows + count)                              median   max   total  rows');
  for (const [name, query] of cases) {
    const times: number[] = [];
    let answer: { total: number; rows: unknown[] } | undefined;
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      const result = await dispatch(core.handlers, 'ledger:transactions', { limit: 200, ...query });
      times.push(performance.now() - t);
      if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
      answer = result.value as { total: number; rows: unknown[] };
    }
    console.log(
      `${name.padEnd(52)} ${median(times).toFixed(1).padStart(6)} ms ${Math.max(...times)
        .toFixed(1)
        .padStart(5)} ` + `${String(answer!.total).padStart(7)} ${String(answer!.rows.length).padStart(5)}`,
    );
  }
} finally {
  await core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  await bank.dispose();
}
