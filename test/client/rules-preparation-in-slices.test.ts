import { afterEach, describe, expect, it } from 'vitest';
import type { BankTransaction } from '../../main/connectors/bank-connector.ts';
import type { AppliedSoFar } from '../../main/books/journal-service.ts';
import { createBooks } from '../../main/books/books-handlers.ts';
import type { AppDatabase } from '../../main/store/app-database.ts';
import { StatementWriter } from '../../main/store/statement-writer.ts';
import type { RuleInput } from '../../shared/ipc/books-contract.ts';
import { bankTransaction } from '../support/bank-statement.ts';
import { booksLedgers, registeredLines, RULES } from '../support/sliced-books-ledger.ts';

/**
 * The rule application's preparation read in slices (main/books/queue-scan.ts: the kinds of line
 * and the transfer candidates a range of queue keys per step, the transfers matched an amount at a
 * time, the decisions and the scratch tables written in timed steps) must write, line by line,
 * exactly what the application in one go writes: stopped between any two steps and finished by
 * another run (a restart), and with other calls changing the queue between its steps. A budget of
 * 0 ms makes every step as small as it gets (ranges of 200 lines, a kind or a group per step).
 */
const { ledger, closeLedgers } = booksLedgers();
afterEach(closeLedgers);

/** Transfers: a 出金 of one account and a 入金 of the other of one amount within two days, ruled 自動登録. */
const TRANSFER_RULES: RuleInput[] = [
  { keyword: 'ﾌﾘｶｴ', match: 'prefix', type: '2', titleCode: 'payables', taxCode: 'none', action: 'auto' },
  { keyword: 'ﾌﾘｶｴ', match: 'prefix', type: '1', titleCode: 'receivables', taxCode: 'none', action: 'auto' },
];
const PAIRS = 120;

const accountsOf = (db: AppDatabase) =>
  db.prepare('SELECT id FROM accounts ORDER BY id').pluck().all() as number[];

function write(db: AppDatabase, accountId: number, lines: BankTransaction[]): void {
  new StatementWriter(db).writePage(accountId, lines, { runDateFrom: '2026-01-01', nextItemKey: null });
}

/** A ledger of 2 × 3,000 lines with PAIRS own-account transfers among them (and a few decoys), every rule saved. */
async function transferLedger() {
  const made = ledger(3_000);
  const [first, second] = accountsOf(made.db) as [number, number];
  const out: BankTransaction[] = [];
  const into: BankTransaction[] = [];
  for (let i = 0; i < PAIRS; i++) {
    const day = `2026-03-${String(1 + (i % 27)).padStart(2, '0')}`;
    const next = `2026-03-${String(2 + (i % 27)).padStart(2, '0')}`;
    // Amounts recur: the matcher must pick the closest dates among several of one amount.
    const amount = 500_000 + (i % 40) * 1_000;
    out.push(bankTransaction(`T${String(i).padStart(6, '0')}`, day, '2', amount, 'ﾌﾘｶｴ ﾄｳｻﾞ'));
    into.push(bankTransaction(`T${String(i).padStart(6, '0')}`, i % 2 ? next : day, '1', amount, 'ﾌﾘｶｴ ﾌﾂｳ'));
  }
  // Decoys: an amount both ways but in one account only, and one in the other account too late.
  out.push(bankTransaction('U000001', '2026-04-01', '2', 777_000, 'ﾌﾘｶｴ ﾄｳｻﾞ'));
  out.push(bankTransaction('U000002', '2026-04-01', '1', 777_000, 'ﾌﾘｶｴ ﾌﾂｳ'));
  into.push(bankTransaction('U000003', '2026-04-10', '1', 501_000, 'ﾌﾘｶｴ ﾌﾂｳ'));
  write(made.db, first, out);
  write(made.db, second, into);
  for (const rule of [...RULES, ...TRANSFER_RULES]) await made.books.handlers['books:rules-save'](rule);
  return made;
}

/** Runs the stepwise application with a 0 ms budget, calling `between(step)` after each step. */
function applyInSteps(
  books: ReturnType<typeof ledger>['books'],
  between: (step: number) => 'stop' | undefined,
): { registered: number; transferLines: number } | undefined {
  const steps = books.journal.applyRulesInSteps(50, 0);
  for (let n = 0, step = steps.next(); ; n++, step = steps.next(50)) {
    if (step.done) return step.value;
    if (between(n) === 'stop') return undefined;
  }
}

const heldTransfers = (db: AppDatabase) =>
  db
    .prepare(
      `SELECT count(*) FROM books_queue q JOIN transactions t USING (account_id, item_key)
    WHERE t.remarks LIKE 'ﾌﾘｶｴ%'`,
    )
    .pluck()
    .get() as number;

describe('the rule application prepared in slices', () => {
  it('writes line by line what the one-go application writes, holding the same transfers', async () => {
    const oneGo = await transferLedger();
    const sliced = await transferLedger();
    const whole = oneGo.books.journal.applyRules();
    let steps = 0;
    const result = applyInSteps(sliced.books, () => void (steps += 1));

    expect(whole.transferLines).toBe(PAIRS * 2);
    expect(result).toMatchObject({ registered: whole.registered, transferLines: PAIRS * 2 });
    // Far more steps than batches: the preparation went in many.
    expect(steps).toBeGreaterThan(6_000 / 200 + 6_000 / 50);
    expect(registeredLines(sliced.db)).toEqual(registeredLines(oneGo.db));
    // The pairs wait for review as 振替; the decoys were registered by their rules.
    expect(heldTransfers(sliced.db)).toBe(PAIRS * 2);
    expect(heldTransfers(oneGo.db)).toBe(PAIRS * 2);
  }, 120_000);

  it('says what each step did, keeps no more than a part of one amount a step, and leaves nothing behind', async () => {
    const made = await transferLedger();
    const queued = made.db.prepare('SELECT count(*) FROM books_queue').pluck().get() as number;
    // The scratch's TEMP tables are made by the application itself.
    const held = () => made.db.prepare('SELECT count(*) FROM temp.held_lines').pluck().get() as number;
    const steps: AppliedSoFar['step'][] = [];
    let heldAmongBatches = 0;
    const generator = made.books.journal.applyRulesInSteps(50, 0);
    let step = generator.next();
    for (; !step.done; step = generator.next(50)) {
      steps.push(step.value.step);
      if (step.value.step.part === 'batch') heldAmongBatches = held();
    }
    expect(step.value.transferLines).toBe(PAIRS * 2);
    const parts = steps.map((s) => s.part);
    // The parts in their order, each step with the items it did.
    expect([...new Set(parts)]).toEqual(['kinds', 'decide', 'transfers', 'held', 'scratch', 'batch']);
    const items = (part: string) => steps.filter((s) => s.part === part).reduce((n, s) => n + s.items, 0);
    expect(items('kinds')).toBe(queued);
    expect(items('batch')).toBeGreaterThanOrEqual(queued);
    // Transfers: the candidates read a range a step, then each amount's group taken, matched and
    // held in three steps (40 amounts recur both ways in the two accounts); no step more than one group.
    const transfers = steps.filter((s) => s.part === 'transfers');
    expect(transfers.length).toBeGreaterThanOrEqual(3 * 40);
    expect(Math.max(...transfers.slice(-3 * 40).map((s) => s.items))).toBeLessThanOrEqual(PAIRS);
    // The held lines were the application's while its batches ran, and went with it.
    expect(heldAmongBatches).toBe(PAIRS * 2);
    expect(held()).toBe(0);
    expect(made.db.prepare('SELECT count(*) FROM temp.transfer_candidates').pluck().get()).toBe(0);
  }, 120_000);

  it('with another application run between two of its steps, prepares again and writes what one run writes', async () => {
    const oneGo = await transferLedger();
    const sliced = await transferLedger();
    oneGo.books.journal.applyRules();
    const registered = sliced.db
      .prepare("SELECT count(*) FROM line_reviews WHERE status = 'registered'")
      .pluck();
    let other: ReturnType<typeof sliced.books.journal.applyRules> | undefined;
    const result = applyInSteps(sliced.books, () => {
      // Among the batches: an application in one go on the same connection takes the scratch tables.
      if (!other && (registered.get() as number) > 500) other = sliced.books.journal.applyRules();
    });
    expect(other?.registered).toBeGreaterThan(0);
    expect(result?.transferLines).toBe(PAIRS * 2);
    expect(registeredLines(sliced.db)).toEqual(registeredLines(oneGo.db));
    expect(heldTransfers(sliced.db)).toBe(PAIRS * 2);
  }, 120_000);

  it.each([
    ['in its preparation', 5],
    ['after its preparation, among its batches', 'batches' as const],
  ])(
    'stopped %s and finished by the next run (a restart), writes what one run writes',
    async (_name, at) => {
      const oneGo = await transferLedger();
      const sliced = await transferLedger();
      oneGo.books.journal.applyRules();
      const registered = sliced.db
        .prepare("SELECT count(*) FROM line_reviews WHERE status = 'registered'")
        .pluck();
      const stopped = applyInSteps(sliced.books, (step) => {
        if (at === 'batches' ? (registered.get() as number) > 500 : step === at) return 'stop';
      });
      expect(stopped).toBeUndefined();
      if (at === 'batches') expect(registered.get()).toBeLessThan(registeredLines(oneGo.db).length);
      else expect(registered.get()).toBe(0);

      // The next start: a new instance of the books over the same file.
      const restarted = createBooks(sliced.db, { now: () => new Date('2026-11-30T00:00:00Z') });
      restarted.journal.applyRules();
      expect(registeredLines(sliced.db)).toEqual(registeredLines(oneGo.db));
      expect(heldTransfers(sliced.db)).toBe(PAIRS * 2);
    },
    120_000,
  );

  it('interleaved with calls that change the queue, writes what one run writes after them', async () => {
    const oneGo = await transferLedger();
    const sliced = await transferLedger();
    const [first, second] = accountsOf(sliced.db) as [number, number];
    // Lines a rule wins, ignored by the user: one early in the queue's order, one late.
    const takings = sliced.db
      .prepare(
        `SELECT CAST(t.account_id AS TEXT) AS accountId, b.bank_account_id AS bankAccountId, t.item_key AS itemKey
         FROM transactions t
        JOIN accounts b ON b.id = t.account_id WHERE t.remarks = 'ｳﾘｱｹﾞ ｶ-ﾄﾞ' ORDER BY t.account_id, t.item_key`,
      )
      .all() as { accountId: string; bankAccountId: string; itemKey: string }[];
    const ignored = [takings[3]!, takings.at(-3)!];
    const refs = ignored.map(({ accountId, itemKey }) => ({ accountId, itemKey }));
    // A sync's new lines: of a kind a rule wins, and of a kind none had seen (a new supplier).
    const synced = (accountId: number, n: number) =>
      write(sliced.db, accountId, [
        bankTransaction(`S${n}a`, '2026-11-01', '1', 3_000 + (accountId === first ? 0 : 1), 'ｳﾘｱｹﾞ ｶ-ﾄﾞ'),
        bankTransaction(
          `S${n}b`,
          '2026-11-01',
          '2',
          4_000 + (accountId === first ? 0 : 1),
          'ﾌﾘｺﾐ ｶ)ｱﾀﾗｼｲｼｲﾚ',
        ),
      ]);

    let registeredBefore = 0;
    const result = applyInSteps(sliced.books, (step) => {
      if (step === 3) {
        // While the kinds are being read: the user ignores two lines.
        expect(sliced.books.journal.ignore(refs)).toBe(2);
      }
      if (step === 20) synced(first, 1);
      const registered = sliced.db
        .prepare("SELECT count(*) FROM line_reviews WHERE status = 'registered'")
        .pluck()
        .get() as number;
      // Among the batches, once: a second sync's lines.
      if (registeredBefore === 0 && registered > 0) synced(second, 2);
      registeredBefore = registered;
    });
    expect(result).toBeDefined();
    // The sync's own 自動登録 of its new lines, after this run (they run one at a time).
    sliced.books.journal.applyRules();

    // One run after the same calls: the lines ignored, the syncs' lines written, then the rules.
    oneGo.books.journal.ignore(refs);
    const [oneFirst, oneSecond] = accountsOf(oneGo.db) as [number, number];
    for (const [accountId, n] of [
      [oneFirst, 1],
      [oneSecond, 2],
    ] as const)
      write(oneGo.db, accountId, [
        bankTransaction(`S${n}a`, '2026-11-01', '1', 3_000 + (accountId === oneFirst ? 0 : 1), 'ｳﾘｱｹﾞ ｶ-ﾄﾞ'),
        bankTransaction(
          `S${n}b`,
          '2026-11-01',
          '2',
          4_000 + (accountId === oneFirst ? 0 : 1),
          'ﾌﾘｺﾐ ｶ)ｱﾀﾗｼｲｼｲﾚ',
        ),
      ]);
    oneGo.books.journal.applyRules();

    const expected = registeredLines(oneGo.db);
    expect(registeredLines(sliced.db)).toEqual(expected);
    // The syncs' lines were registered, the ignored ones not.
    const keys = (expected as { bank_account_id: string; item_key: string }[]).map(
      (r) => `${r.bank_account_id}/${r.item_key}`,
    );
    expect(keys.filter((k) => k.includes('/S'))).toHaveLength(4);
    for (const line of ignored) expect(keys).not.toContain(`${line.bankAccountId}/${line.itemKey}`);
    expect(heldTransfers(sliced.db)).toBe(PAIRS * 2);
  }, 120_000);
});
