import { log } from '../log/logger.ts';
import type { AppDatabase } from '../store/app-database.ts';
import { EntryFinder } from '../store/books/entry-finder.ts';
import { SliceSizer, traceStep } from '../tasks/slices.ts';

/**
 * Reads an older ledger's entries into the finder and the 取引先 balances (migration 23) in the
 * background, in slices of ~10 ms with the app answering other calls between them: a million
 * entries read in one statement at start held the app for seconds. Until it is done the 仕訳帳's
 * search and the 消込 proposals read the journal as before. A new ledger has nothing to read.
 */
export class FinderBackfill {
  private readonly finder: EntryFinder;
  private readonly sizer = new SliceSizer({
    budgetMs: SLICE_MS,
    initial: FIRST_ENTRIES,
    min: 100,
    max: 50_000,
  });
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(db: AppDatabase) {
    this.finder = new EntryFinder(db);
  }

  /** Starts reading, if anything is left to read (and it is not reading already). */
  start(): void {
    if (this.finder.ready()) return;
    this.running ??= this.run()
      .catch((error: unknown) => log.error('books.finder-backfill-failed', { cause: error }))
      .finally(() => (this.running = undefined));
  }

  /** Reads no more: waits for the slice being read, if one is. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  /** One slice; true when every entry is read. */
  slice(): boolean {
    const started = performance.now();
    const { entries, finished } = this.finder.backfillSlice(this.sizer.size);
    const ms = performance.now() - started;
    this.sizer.took(entries, ms);
    traceStep({ task: 'finder-backfill', step: 'slice', ms, items: entries });
    return finished;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      // Between slices, whatever waits runs first (a keystroke's query, a sync's next page).
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (this.stopped || this.slice()) return;
    }
  }
}

const SLICE_MS = 10;
const FIRST_ENTRIES = 2_000;
