import { afterEach, describe, expect, it } from 'vitest';
import { chartLookup } from '../../main/books/export/export-entry.ts';
import { buildExportFile } from '../../main/books/export/export-file.ts';
import { openBooksStores } from '../../main/store/books/books-stores.ts';
import { exportInSlices } from '../../main/tasks/export-in-slices.ts';
import type { AppEvent, TaskProgress } from '../../shared/ipc/contract.ts';
import { booksLedgers, RULES } from '../support/sliced-books-ledger.ts';

/**
 * An export a page of entries per slice (main/tasks/export-in-slices.ts): the same files, byte for
 * byte, as building them in one go from every entry, with the same warnings; progress told; other
 * calls answered between slices; and the journal of the moment it began, whatever is corrected
 * or added while it runs.
 */
const { ledger, closeLedgers } = booksLedgers();
afterEach(closeLedgers);

const RANGE = { dateFrom: '2026-01-01', dateTo: '2026-12-31' };
/** Small slices, so that a few thousand entries take many. */
const SMALL = { budgetMs: 2, initial: 100, min: 50, max: 300 };

async function registeredLedger() {
  const made = ledger(4_000);
  for (const rule of RULES) await made.books.handlers['books:rules-save'](rule);
  made.books.journal.applyRules();
  const stores = openBooksStores(made.db);
  const chart = chartLookup(stores.titles.list());
  return { ...made, stores, chart };
}

describe('an export in slices', () => {
  it.each(['yayoi', 'freee', 'mf'] as const)(
    'writes the %s file byte for byte as the one-go build does, its progress told',
    async (target) => {
      const { db, stores, chart } = await registeredLedger();
      const oneGo = buildExportFile(
        target,
        stores.journal.forExport(RANGE.dateFrom, RANGE.dateTo),
        chart,
        RANGE,
      );
      expect(oneGo.entries).toBeGreaterThan(4_000);
      const events: AppEvent[] = [];
      const sliced = await exportInSlices(db, target, chart, RANGE, (e) => events.push(e), SMALL);
      expect(sliced.entries).toBe(oneGo.entries);
      expect(sliced.warnings).toEqual(oneGo.warnings);
      expect(sliced.parts.map((p) => [p.fileName, p.entries, p.dateFrom, p.dateTo])).toEqual(
        oneGo.parts.map((p) => [p.fileName, p.entries, p.dateFrom, p.dateTo]),
      );
      for (const [i, part] of sliced.parts.entries())
        expect(part.bytes.equals(oneGo.parts[i]!.bytes)).toBe(true);
      const progress = events.flatMap((e) => (e.type === 'task:progress' ? [e.task] : [])) as TaskProgress[];
      expect(progress.every((p) => p.kind === 'export' && p.total === oneGo.entries)).toBe(true);
      expect(progress.at(-1)).toMatchObject({ done: oneGo.entries, finished: true });
    },
    60_000,
  );

  it('answers other calls between its slices, and writes the journal as it was when it began', async () => {
    const { db, books, stores, chart } = await registeredLedger();
    const before = buildExportFile(
      'yayoi',
      stores.journal.forExport(RANGE.dateFrom, RANGE.dateTo),
      chart,
      RANGE,
    );
    const first = stores.journal.forExport(RANGE.dateFrom, RANGE.dateTo)[0]!;

    const exporting = exportInSlices(db, 'yayoi', chart, RANGE, () => {}, SMALL);
    let ended = false;
    void exporting.then(() => (ended = true));
    // Meanwhile: the first entry (already written to the file) corrected to the range's last day,
    // and a new entry on its first day. Neither belongs to the export that began before them.
    await new Promise((resolve) => setImmediate(resolve));
    expect(ended).toBe(false);
    await books.handlers['books:entries-update']({
      id: first.id,
      content: { date: '2026-12-31', lines: first.lines, counterparty: first.counterparty, memo: first.memo },
      reason: '日付の訂正',
    });
    await books.handlers['books:entries-add']({
      date: '2026-01-01',
      lines: [
        { side: 'debit', titleCode: 'supplies', taxCode: 'purchase10', amount: 1_100 },
        { side: 'credit', titleCode: 'cash', taxCode: 'none', amount: 1_100 },
      ],
      counterparty: '',
      memo: '書き込み中の追加',
    });
    expect(ended, 'the calls were answered while the export ran').toBe(false);
    const sliced = await exporting;

    expect(sliced.entries).toBe(before.entries);
    for (const [i, part] of sliced.parts.entries())
      expect(part.bytes.equals(before.parts[i]!.bytes)).toBe(true);
  }, 60_000);
});
