import type { ExportTarget } from '../../shared/ipc/books-contract.ts';
import type { AppEvent } from '../../shared/ipc/contract.ts';
import type { ChartLookup } from '../books/export/export-entry.ts';
import { ExportBuilder, type ExportFile } from '../books/export/export-file.ts';
import type { AppDatabase } from '../store/app-database.ts';
import { JournalSnapshot } from '../store/journal-snapshot.ts';
import { everyMs, runSlices, type SliceBudget } from './slices.ts';

/** About 6 µs an entry (bench:books), 30 µs on a busy machine: 300 entries a slice to begin with. */
const EXPORT_BUDGET: SliceBudget = { budgetMs: 10, initial: 300, min: 100, max: 20_000 };

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
      { budget, name: 'export' },
    );
    // The files joined in slices too (ExportBuilder.finishInSteps).
    const finishing = builder.finishInSteps();
    let file: ExportFile | undefined;
    await runSlices(
      () => {
        const step = finishing.next();
        if (step.done) file = step.value;
        return { items: 0, finished: step.done === true };
      },
      { budget, name: 'export' },
    );
    return file!;
  } finally {
    snapshot.close();
    // Also after an error: the UI hears the error itself from its call.
    tell(true);
  }
}

/**
 * The files as base64 (what books:export answers when the shell saves none itself), a chunk of
 * bytes per slice: a million entries' files are some hundred MB, whose encoding in one go held the
 * app. A chunk is a multiple of 3 bytes, so the chunks' texts joined are the whole file's.
 */
export async function base64InSlices(parts: readonly { bytes: Buffer }[]): Promise<string[]> {
  const texts: string[][] = parts.map(() => []);
  let part = 0;
  let offset = 0;
  await runSlices(
    () => {
      const bytes = parts[part]?.bytes;
      if (!bytes) return { items: 0, finished: true };
      texts[part]!.push(bytes.subarray(offset, offset + BASE64_CHUNK).toString('base64'));
      offset += BASE64_CHUNK;
      if (offset >= bytes.length) {
        part += 1;
        offset = 0;
      }
      return { items: 0, finished: part >= parts.length };
    },
    { budget: EXPORT_BUDGET, name: 'export' },
  );
  return texts.map((chunks) => chunks.join(''));
}

/** 1.5 MB of bytes a slice: a couple of ms to encode. */
const BASE64_CHUNK = 3 * 512 * 1024;

/** How often the progress is told to the renderer. */
const PROGRESS_MS = 100;
