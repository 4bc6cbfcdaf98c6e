import type { ExportTarget } from '../../shared/ipc/books-contract.ts';
import type { AppEvent } from '../../shared/ipc/contract.ts';
import type { ChartLookup } from '../books/export/export-entry.ts';
import { ExportBuilder, type ExportFile } from '../books/export/export-file.ts';
import type { AppDatabase } from '../store/app-database.ts';
import { JournalSnapshot } from '../store/journal-snapshot.ts';
import { everyMs, runSlices, type SliceBudget } from './slices.ts';

/** About 6 µs an entry (bench:books): 2,000 entries a slice to begin with. */
const EXPORT_BUDGET: SliceBudget = { budgetMs: 15, initial: 2_000, min: 100, max: 20_000 };

/**
 * An export built a page of entries per slice, the app answering other calls between slices (a
 * million entries took seconds in one go), its progress told; the entries read from a snapshot
 * of the ledger taken when it began (JournalSnapshot), so the file is the journal of one moment.
 * Nothing is written to the ledger: a crash loses the export, nothing else.
 */
export async function exportInSlices(
  ledger: AppDatabase,
  target: ExportTarget,
  chart: ChartLookup,
  range: { dateFrom: string; dateTo: string },
  emit: (event: AppEvent) => void,
  budget: SliceBudget = EXPORT_BUDGET,
): Promise<ExportFile> {
  const snapshot = new JournalSnapshot(ledger, range);
  let done = 0;
  const tell = (finished?: true) =>
    emit({
      type: 'task:progress',
      task: { kind: 'export', subject: '', done, total: snapshot.total, ...(finished ? { finished } : {}) },
    });
  try {
    const builder = new ExportBuilder(target, chart, range);
    const told = everyMs(PROGRESS_MS, tell);
    tell();
    await runSlices(
      (size) => {
        const entries = snapshot.next(size);
        builder.add(entries);
        done += entries.length;
        told();
        return { items: entries.length, finished: entries.length < size };
      },
      { budget },
    );
    return builder.finish();
  } finally {
    snapshot.close();
    // Also after an error: the UI hears the error itself from its call.
    tell(true);
  }
}

/** How often the progress is told to the renderer. */
const PROGRESS_MS = 100;
