import diagnostics from 'node:diagnostics_channel';
import { afterEach, describe, expect, it } from 'vitest';
import { SLICE_TRACE, type SliceTrace } from '../../main/tasks/slices.ts';
import type { AppEvent, TaskProgress } from '../../shared/ipc/contract.ts';
import { booksLedgers, registeredLines, RULES } from '../support/sliced-books-ledger.ts';

/**
 * 自動登録 through books:rules-apply runs a batch per slice (main/tasks/rules-application.ts): it must
 * write, line by line, exactly what the one-go application writes on the same ledger (which
 * test/books/rule-application.test.ts compares with deciding line by line), answer other calls
 * between its slices, tell its progress, and follow a rule changed while it runs. Its batches'
 * commits copy no WAL back: checkpoints of their own run between its slices (store/wal-checkpoints.ts).
 */
const { ledger, closeLedgers } = booksLedgers();
afterEach(closeLedgers);

describe('自動登録 in slices', () => {
  it('writes line by line what the one-go application writes, answering other calls between its slices', async () => {
    const events: AppEvent[] = [];
    const sliced = ledger(6_000, events);
    const oneGo = ledger(6_000);
    for (const rule of RULES) {
      await sliced.books.handlers['books:rules-save'](rule);
      await oneGo.books.handlers['books:rules-save'](rule);
    }
    oneGo.books.journal.applyRules();

    const steps: SliceTrace[] = [];
    const heard = (trace: unknown) => steps.push(trace as SliceTrace);
    diagnostics.subscribe(SLICE_TRACE, heard);
    const applying = sliced.books.handlers['books:rules-apply'](undefined);
    let ended = false;
    void applying.then(() => (ended = true));
    const answered: number[] = [];
    const autocheckpoints: [setting: unknown, queued: number][] = [];
    while (!ended) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (ended) break;
      const setting = sliced.db.pragma('wal_autocheckpoint', { simple: true });
      answered.push(
        (await sliced.books.handlers['books:queue-count']({ dateFrom: '2026-01-01', dateTo: '2026-12-31' }))
          .unreviewed,
      );
      autocheckpoints.push([setting, answered.at(-1)!]);
    }
    const result = await applying;
    diagnostics.unsubscribe(SLICE_TRACE, heard);

    const expected = registeredLines(oneGo.db);
    expect(expected.length).toBeGreaterThan(5_000);
    expect(result.registered).toBe(expected.length);
    expect(registeredLines(sliced.db)).toEqual(expected);
    expect(answered.length, 'calls answered while the rules applied').toBeGreaterThan(1);
    // What they saw: the queue shrinking as the slices went.
    expect(answered[0]).toBeGreaterThan(answered.at(-1)!);

    const progress = events.flatMap((e) => (e.type === 'task:progress' ? [e.task] : [])) as TaskProgress[];
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every((p) => p.kind === 'rules-apply' && p.total === 12_000)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ done: 12_000, finished: true });
    expect(events.some((e) => e.type === 'books:changed')).toBe(true);
    expect(sliced.db.prepare('SELECT count(*) FROM background_tasks').pluck().get()).toBe(0);
    // While its batches ran (lines left to register) its commits checkpointed nothing; checkpoints
    // of their own copied the WAL back. The 推測 count after them writes nothing.
    const batches = autocheckpoints.filter(([, queued]) => queued > answered.at(-1)!);
    expect(batches.length).toBeGreaterThan(0);
    expect(new Set(batches.map(([setting]) => setting))).toEqual(new Set([0]));
    const checkpoints = steps.filter((s) => s.task === 'rules-apply' && s.step === 'checkpoint');
    expect(checkpoints.length).toBeGreaterThan(0);
    expect(checkpoints.every((c) => (c.pages ?? 0) > 0)).toBe(true);
    expect(sliced.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  }, 60_000);

  it('follows a rule changed while it runs: the lines left go by the new rule, none by the old one twice', async () => {
    const { db, books } = ledger(6_000);
    const card = await books.handlers['books:rules-save'](RULES[0]!);
    const applying = books.handlers['books:rules-apply'](undefined);
    // Once some lines are registered (between two slices), the rule's title changes from 売上高 to 雑収入.
    const registered = db.prepare("SELECT count(*) FROM line_reviews WHERE status = 'registered'").pluck();
    while ((registered.get() as number) === 0) await new Promise((resolve) => setImmediate(resolve));
    await books.handlers['books:rules-save']({ ...RULES[0]!, id: card.id, titleCode: 'misc_income' });
    await applying;

    const rows = registeredLines(db) as { item_key: string; lines: string; rule_id: number }[];
    const takings = db
      .prepare(`SELECT count(*) FROM transactions WHERE remarks LIKE 'ｳﾘｱｹﾞ ｶ%'`)
      .pluck()
      .get() as number;
    // Every taking registered once, by this rule; those before the change as 売上高, the rest as 雑収入.
    expect(rows).toHaveLength(takings);
    const titles = rows.map((r) =>
      r.lines.includes(':sales:') ? 'sales' : r.lines.includes(':misc_income:') ? 'misc' : '?',
    );
    expect(titles).not.toContain('?');
    expect(titles.filter((t) => t === 'sales').length).toBeGreaterThan(0);
    expect(titles.filter((t) => t === 'misc').length).toBeGreaterThan(0);
    expect(db.prepare('SELECT count(*) FROM books_queue').pluck().get()).toBe(12_000 - takings);
  }, 60_000);
});
