import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../main/store/app-database.ts';
import { ChromiumCustomer } from '../support/chromium-customer.ts';
import { bankStatement, ledgerAccounts, ledgerStatement } from '../support/bank-statement.ts';
import { derivedStructures } from '../support/derived-structures.ts';
import type { ApiDialect } from '../../shared/bank/oauth.ts';
import { GMO_TEST_BANK, startTestBank, type TestBank } from '../support/test-bank.ts';
import { runKillableChild } from '../support/killable-child.ts';
import { startTestCore, type TestCore } from '../support/test-client-core.ts';
import { copyAsUnsynced } from '../support/unsynced-ledger.ts';

/**
 * The crash test: the app is killed (SIGKILL, no chance to tidy up) at random points of CORP9000's
 * first sync — ~100,000 transactions in 200 pages — then restarted to finish. Every time, the
 * ledger must equal the bank's statement exactly: every row once, in order, with its balance.
 * After each kill and at the end, every structure derived from the rows (search index, 明細
 * totals, day columns, review queue, the books' day totals) must equal a recomputation from them,
 * and no line is recorded as changed by the bank (it changed none).
 * Through each connector: デモ信用金庫's own dialect, and a simulator speaking GMO Aozora's.
 */
const KILLS_PER_ROUND = 3;
const DIALECTS: Array<[ApiDialect, rounds: number]> = [
  ['bankdemo', 5],
  ['gmo-aozora', 3],
];

describe.each(DIALECTS)('a sync killed mid-way (%s dialect)', (dialect, ROUNDS) => {
  let bank: TestBank;
  let linked: TestCore;
  let template: string;
  beforeAll(async () => {
    bank = await startTestBank(dialect === 'gmo-aozora' ? GMO_TEST_BANK : {});
    const customer = await ChromiumCustomer.launch(bank);
    let done: Promise<unknown> = Promise.resolve();
    linked = await startTestCore(bank, {
      dialect,
      openExternal: async (url) => {
        done = customer.linkCorporate(url, 'CORP9000', 'Corp-Pass-9');
      },
    });
    await linked.call('connections:connect', { channel: 'corporate' });
    await done;
    await customer.close();
    await linked.call('sync:run', {});
    await linked.core.close();
    // A ledger with the link and its accounts but no statement yet: each round starts its first sync from here.
    template = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-crash-template-'));
    await copyAsUnsynced(linked.dataDir, template);
  }, 180_000);
  afterAll(async () => {
    await linked?.dispose();
    await bank?.dispose();
    if (template) fs.rmSync(template, { recursive: true, force: true });
  });

  /** Runs the app's sync in a child process; kills it a few ms after `killAfter` pages. */
  const runSync = (dataDir: string, killAfter?: number) =>
    runKillableChild(['test/support/sync-child.ts', dataDir, linked.keychainService, bank.issuer, dialect], {
      unit: 'page',
      killAfter,
      jitterMs: 40,
    });

  /** Each derived structure beside its recomputation from the rows the ledger holds now. */
  const expectDerivedStructuresRecomputable = (dataDir: string, when: string) => {
    const db = new Database(path.join(dataDir, DATABASE_FILE));
    try {
      for (const [name, { stored, recomputed }] of Object.entries(derivedStructures(db))) {
        expect(stored, `${name} ${when}`).toEqual(recomputed);
      }
      // Change detection: the bank changed no line, so a resumed run that wrote a row twice, or
      // compared it with a half-written one, would show here.
      expect(
        db.prepare('SELECT count(*) FROM bank_line_changes').pluck().get(),
        `changed lines ${when}`,
      ).toBe(0);
    } finally {
      db.close();
    }
  };

  for (let round = 1; round <= ROUNDS; round++) {
    it(`round ${round}: killed ${KILLS_PER_ROUND} times at random pages, restarted, the ledger equals the bank and every derived structure a recomputation from its rows`, async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `bankdemo-crash-${round}-`));
      try {
        fs.copyFileSync(path.join(template, DATABASE_FILE), path.join(dataDir, DATABASE_FILE));
        for (let kill = 0; kill < KILLS_PER_ROUND; kill++) {
          const killAfter = 1 + Math.floor(Math.random() * 50);
          const run = await runSync(dataDir, killAfter);
          expect(run.finished, `killed after ${killAfter} pages, yet it finished`).toBe(false);
          expectDerivedStructuresRecomputable(dataDir, `after a kill after ${killAfter} pages`);
        }
        const last = await runSync(dataDir);
        expect(last.finished).toBe(true);
        expectDerivedStructuresRecomputable(dataDir, 'once the sync is done');

        let total = 0;
        for (const { bankAccountId } of ledgerAccounts(dataDir)) {
          const expected = bankStatement(bank, bankAccountId);
          const actual = ledgerStatement(dataDir, bankAccountId);
          expect(actual.length).toBe(expected.length);
          expect(actual).toEqual(expected);
          total += actual.length;
        }
        expect(total).toBeGreaterThan(90_000);
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    }, 120_000);
  }
});
