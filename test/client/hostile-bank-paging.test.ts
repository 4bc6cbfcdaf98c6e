import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_PAGES_PER_RUN } from '../../main/sync/run-guard.ts';
import { MAX_STAGED_ROWS, ROWS_PER_WRITE } from '../../main/sync/sync-engine.ts';
import type { ApiDialect } from '../../shared/bank/oauth.ts';
import { addDays } from '../../shared/dates.ts';
import { row, startHostileSync, statementRequests, type HostileSync } from '../support/hostile-sync.ts';

/**
 * A bank whose pages would keep the app asking forever, or date its statement into the future,
 * through each dialect's connector and the sync engine into a real SQLite ledger (issue 19, items
 * 1 and 3). Each bank gives up after a few thousand pages, so that the code before the guards
 * finished (wrongly) instead of hanging the test.
 */
const GIVE_UP_AFTER = MAX_PAGES_PER_RUN + 500;

describe.each<ApiDialect>(['bankdemo', 'gmo-aozora'])(
  'a sync against a bank that pages badly (%s)',
  (dialect) => {
    let s: HostileSync;
    beforeEach(async () => {
      s = await startHostileSync(dialect);
    });
    afterEach(async () => {
      await s.close();
    });

    /** Answers page n (from 1) with what `answer` says, and a last page once the bank gives up. */
    function pagesForever(answer: (n: number) => Record<string, unknown>): void {
      let n = 0;
      s.bank.route('/accounts/transactions', () => {
        n += 1;
        return { body: n > GIVE_UP_AFTER ? s.page({ hasNext: false }, [row(n)]) : answer(n) };
      });
    }

    it('ends the run with BANK_RESPONSE_INVALID when the bank gives the same nextItemKey again, and the next sync starts it over', async () => {
      pagesForever((n) => s.page({ hasNext: true, nextItemKey: 'SAME' }, [row(n)]));
      const outcome = await s.run();
      expect(outcome.accounts[0]!.error).toMatchObject({
        code: 'BANK_RESPONSE_INVALID',
        detail: expect.stringContaining('gave before'),
      });
      // The first page's key, asked once; its answer repeats it.
      expect(statementRequests(s.bank).map((q) => q.get('nextItemKey'))).toEqual([null, 'SAME']);
      expect(s.cursor()).toMatchObject({ runDateFrom: null, nextItemKey: null, syncedThrough: null });
    });

    it('ends the run when a page repeats the key the run was resumed from', async () => {
      s.bank.script(
        '/accounts/transactions',
        { body: s.page({ hasNext: true, nextItemKey: 'K2' }, [row(1)]) },
        { status: 503, body: { errorCode: 'WG_ERR_300' }, headers: { 'retry-after': '3600' } },
      );
      expect((await s.run()).accounts[0]!.error?.code).toBe('BANK_UNAVAILABLE');
      expect(s.cursor().nextItemKey).toBe('K2');
      pagesForever((n) => s.page({ hasNext: true, nextItemKey: 'K2' }, [row(n + 1)]));
      expect((await s.run()).accounts[0]!.error?.code).toBe('BANK_RESPONSE_INVALID');
      expect(
        statementRequests(s.bank)
          .slice(2)
          .map((q) => q.get('nextItemKey')),
      ).toEqual(['K2']);
    });

    it(`ends the run when the bank pages on with a new key forever, after ${MAX_PAGES_PER_RUN} pages`, async () => {
      pagesForever((n) => s.page({ hasNext: true, nextItemKey: `K${n}` }, [row(n)]));
      const outcome = await s.run();
      expect(outcome.accounts[0]!.error).toMatchObject({
        code: 'BANK_RESPONSE_INVALID',
        detail: expect.stringContaining(`past ${MAX_PAGES_PER_RUN} pages`),
      });
      expect(statementRequests(s.bank)).toHaveLength(MAX_PAGES_PER_RUN);
      // The pages before the limit are whole pages of rows the bank did send: kept, deduplicated later.
      expect(s.statement()).toHaveLength(MAX_PAGES_PER_RUN - 1);
      expect(s.cursor()).toMatchObject({ runDateFrom: null, nextItemKey: null });
    }, 60_000);

    it(`writes pages a few at a time (${ROWS_PER_WRITE} rows), and a bank that fails mid-run keeps every page it sent before it, with the cursor after the last`, async () => {
      // 700 rows a page: the first `together` pages are written together (ROWS_PER_WRITE reached),
      // the next one waits for more when the page after it fails.
      const together = Math.ceil(ROWS_PER_WRITE / 700);
      const sent = Array.from({ length: together + 1 }, (_, i) => i + 1);
      const rows = (p: number) => Array.from({ length: 700 }, (_, i) => row(p * 1000 + i));
      s.bank.script(
        '/accounts/transactions',
        ...sent.map((p) => ({ body: s.page({ hasNext: true, nextItemKey: `K${p + 1}` }, rows(p)) })),
        { status: 503, body: { errorCode: 'WG_ERR_300' }, headers: { 'retry-after': '3600' } },
      );
      expect((await s.run()).accounts[0]!.error?.code).toBe('BANK_UNAVAILABLE');
      expect(s.statement()).toHaveLength(sent.length * 700);
      const resumeKey = `K${sent.length + 1}`;
      expect(s.cursor().nextItemKey).toBe(resumeKey);

      s.bank.script('/accounts/transactions', { body: s.page({}, rows(sent.length + 1)) });
      expect((await s.run()).accounts[0]!.error).toBeUndefined();
      expect(statementRequests(s.bank).at(-1)!.get('nextItemKey')).toBe(resumeKey);
      expect(s.statement().map((r) => r.itemKey)).toEqual(
        [...sent, sent.length + 1].flatMap((p) => rows(p).map((r) => r.itemKey)),
      );
    });

    it(`goes on fetching while a write waits, up to ${MAX_STAGED_ROWS} rows staged, then waits for it; every row written in order`, async () => {
      const PAGES = 40;
      const rows = (p: number) => Array.from({ length: 500 }, (_, i) => row(p * 1000 + i));
      s.bank.script(
        '/accounts/transactions',
        ...Array.from({ length: PAGES }, (_, i) => ({
          body: s.page(i + 1 < PAGES ? { hasNext: true, nextItemKey: `K${i + 2}` } : {}, rows(i + 1)),
        })),
      );
      // The main connection holds SQLite's write lock: the writer thread's first write waits for it.
      s.db.exec('BEGIN IMMEDIATE');
      const run = s.run();
      const asked = () => statementRequests(s.bank).length;
      // The first write's pages, those staged behind it up to the bound, and the one fetched ahead;
      // then no more while the write waits (the writer's busy timeout is 5 s: all within ~3.5 s).
      const bound = ROWS_PER_WRITE / 500 + MAX_STAGED_ROWS / 500 + 1;
      const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      for (let waited = 0; waited < 3_000 && asked() < bound; waited += 50) await pause(50);
      await pause(400);
      expect(asked()).toBe(bound);
      expect(s.db.prepare('SELECT count(*) FROM transactions').pluck().get()).toBe(0);
      s.db.exec('COMMIT');
      expect((await run).accounts[0]!.error).toBeUndefined();
      expect(asked()).toBe(PAGES);
      expect(s.statement().map((r) => r.itemKey)).toEqual(
        Array.from({ length: PAGES }, (_, i) => rows(i + 1).map((r) => r.itemKey)).flat(),
      );
      expect(s.cursor()).toMatchObject({ runDateFrom: null, nextItemKey: null });
    });

    it('ends the run at an empty page that says there is more', async () => {
      pagesForever((n) => s.page({ hasNext: true, nextItemKey: `K${n}` }, []));
      const outcome = await s.run();
      expect(outcome.accounts[0]!.error).toMatchObject({
        code: 'BANK_RESPONSE_INVALID',
        detail: expect.stringContaining('empty page'),
      });
      expect(statementRequests(s.bank)).toHaveLength(1);
    });
  },
);

describe.each<ApiDialect>(['bankdemo', 'gmo-aozora'])(
  'a sync against a bank that misdates its statement (%s)',
  (dialect) => {
    let s: HostileSync;
    beforeEach(async () => {
      s = await startHostileSync(dialect);
      s.bank.script('/accounts/transactions', { body: s.page({}) });
      expect((await s.run()).accounts[0]!.error).toBeUndefined();
      expect(s.cursor().syncedThrough).toBe('2026-11-30');
    });
    afterEach(async () => {
      await s.close();
    });

    it.each([
      ['after today', '9999-12-31'],
      ['tomorrow', '2026-12-01'],
      ['before the day it was asked from', '2026-11-26'],
    ])(
      'refuses a page whose dateTo is %s, keeps the cursor, and the next sync asks from where it was',
      async (_what, dateTo) => {
        s.bank.script('/accounts/transactions', { body: s.page({ dateTo }, [row(2)]) });
        const outcome = await s.run();
        expect(outcome.accounts[0]!.error).toMatchObject({
          code: 'BANK_RESPONSE_INVALID',
          detail: expect.stringContaining(dateTo),
        });
        expect(s.statement()).toHaveLength(1);
        expect(s.cursor().syncedThrough).toBe('2026-11-30');

        s.bank.script('/accounts/transactions', { body: s.page({}, [row(2)]) });
        expect((await s.run()).accounts[0]!.error).toBeUndefined();
        expect(statementRequests(s.bank).at(-1)!.get('dateFrom')).toBe('2026-11-27');
        expect(s.statement()).toHaveLength(2);
      },
    );

    it('takes the next day from a bank whose clock is a few minutes ahead at midnight, and saves today as the cursor', async () => {
      s.bank.script('/accounts/transactions', { body: s.page({ dateTo: '2026-12-01' }, [row(2)]) });
      const outcome = await s.run({ at: '2026-11-30T14:57:00Z' }); // 23:57 JST
      expect(outcome.accounts[0]!.error).toBeUndefined();
      expect(s.cursor().syncedThrough).toBe('2026-11-30');
    });

    it('mends a cursor already past today (saved before pages were checked) on the next sync, asking for the whole history again', async () => {
      s.db.prepare("UPDATE accounts SET synced_through = '9999-12-31'").run();
      s.bank.script('/accounts/transactions', { body: s.page({}, [row(1), row(2)]) });
      const outcome = await s.run();
      expect(outcome.accounts[0]).toMatchObject({ newTransactions: 1 });
      expect(outcome.accounts[0]!.error).toBeUndefined();
      expect(statementRequests(s.bank).at(-1)!.get('dateFrom')).toBe(addDays('2026-11-30', -729));
      expect(s.cursor().syncedThrough).toBe('2026-11-30');
    });
  },
);
