import type { AppEvent, ApplyRulesResult } from '../../shared/ipc/contract.ts';
import type { AppliedSoFar } from '../books/journal-service.ts';
import { log } from '../log/logger.ts';
import type { AppDatabase } from '../store/app-database.ts';
import type { BackgroundTaskStore } from '../store/background-task-store.ts';
import { WalCheckpoints } from '../store/wal-checkpoints.ts';
import { everyMs, runSlices, type SliceBudget } from './slices.ts';

/** What the journal offers for this (main/books/journal-service.ts's applyRulesInSteps). */
export interface StepwiseRules {
  applyRulesInSteps(
    batchSize?: number,
    budgetMs?: number,
  ): Generator<AppliedSoFar, Omit<ApplyRulesResult, 'suggested' | 'tooSmall'>, number | undefined>;
  waitingInSteps(budgetMs: number): Generator<number, Pick<ApplyRulesResult, 'suggested' | 'tooSmall'>>;
}

/** A batch of queue lines costs more than a deleted row: the first slice is smaller. */
const RULES_BUDGET: SliceBudget = { budgetMs: 10, initial: 200, min: 50, max: 5_000 };

/**
 * 自動登録 applied to every 未処理 line, a batch per slice with the app answering other calls between
 * (a million lines took seconds in one go). Each batch is its own transaction that registers the
 * lines it wins and takes them off the queue together, so a crash leaves each line either
 * registered — rightly, by the rules of its batch — or 未処理, never half; the mark written first
 * (background_tasks) makes the next start finish the application. One at a time: asked again while
 * one runs, it runs again after it (the rules may have changed meanwhile).
 */
export class RulesApplication {
  private readonly deps: {
    rules: StepwiseRules;
    tasks: BackgroundTaskStore;
    emit(event: AppEvent): void;
    budget?: SliceBudget;
    /**
     * The ledger the batches commit to: while the application runs, its WAL is copied back by
     * checkpoints of their own between slices (store/wal-checkpoints.ts), not in a batch's commit.
     */
    db: AppDatabase;
  };
  private last: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(deps: RulesApplication['deps']) {
    this.deps = deps;
  }

  /** `count: false`: no 推測 count after (a sync's application: the queue read once less). */
  run(options: { count?: boolean } = {}): Promise<ApplyRulesResult> {
    const run = this.last.catch(() => {}).then(() => this.slices(options.count ?? true));
    this.last = run;
    return run;
  }

  /** An application a crash cut short, finished; at the core's start. */
  async resume(): Promise<void> {
    if (this.deps.tasks.list('rules-apply').length === 0) return;
    log.info('books.rules-resumed', {});
    await this.run().catch((error: unknown) => log.error('books.rules-failed', { cause: error }));
  }

  /** Applies no more after the batch being written (the app closing); the mark resumes it at next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.last.catch(() => {});
  }

  private async slices(count: boolean): Promise<ApplyRulesResult> {
    const { rules, tasks, emit } = this.deps;
    const budget = this.deps.budget ?? RULES_BUDGET;
    // Marked before the first batch: a crash from here on is finished at the next start.
    tasks.begin('rules-apply', '', 0, new Date().toISOString());
    // The preparation's reading of the queue sizes its own steps to the budget (queue-scan.ts).
    const steps = rules.applyRulesInSteps(budget.initial, budget.budgetMs);
    let progress = { registered: 0, batches: 0, looked: 0, queued: 0 };
    const tell = (finished?: true) =>
      emit({
        type: 'task:progress',
        task: {
          kind: 'rules-apply',
          subject: '',
          done: progress.looked,
          total: progress.queued,
          ...(finished ? { finished } : {}),
        },
      });
    const told = everyMs(PROGRESS_MS, tell);
    let result: Omit<ApplyRulesResult, 'suggested' | 'tooSmall'> | undefined;
    // A batch writes its entries, versions, lines, reviews and queue removals: every few batches'
    // commit took the WAL past SQLite's checkpoint threshold and copied it back, with its syncs, in
    // the commit — the batches' slowest steps (130–230 ms under load, bench:blocking).
    const checkpoints = new WalCheckpoints(this.deps.db, 'rules-apply');
    checkpoints.hold();
    const finished = await runSlices(
      (size) => {
        // The size asked is the next batch's: the generator reads it when it resumes.
        const step = steps.next(size);
        if (step.done) {
          result = step.value;
          // Its last step lets its scratch tables go (rule-scratch.ts).
          return { items: 0, finished: true, traced: { part: 'end', items: 0 } };
        }
        // The batch's lines size the next batch; a step of the preparation tells the sizer nothing.
        const items = step.value.looked - progress.looked;
        progress = step.value;
        told();
        return { items, finished: false, traced: step.value.step };
      },
      {
        stopped: () => this.stopped,
        budget,
        name: 'rules-apply',
        // The batches' lines: a preparation step writes only TEMP tables, which have no WAL.
        between: (items) => checkpoints.after(items),
      },
    ).finally(() => checkpoints.release());
    if (!finished || !result)
      return {
        registered: progress.registered,
        transferLines: 0,
        settlementLines: 0,
        suggested: 0,
        tooSmall: 0,
      };
    // What 推測 now shows: the queue read once more, in slices too.
    const counting = rules.waitingInSteps(budget.budgetMs);
    let waiting: Pick<ApplyRulesResult, 'suggested' | 'tooSmall'> = { suggested: 0, tooSmall: 0 };
    await runSlices(
      () => {
        if (!count) return { items: 0, finished: true };
        const step = counting.next();
        if (step.done) waiting = step.value;
        return {
          items: 0,
          finished: step.done === true,
          traced: { part: 'count', items: step.done ? 0 : step.value },
        };
      },
      { budget, name: 'rules-apply' },
    );
    tasks.end('rules-apply', '');
    progress = { ...progress, looked: progress.queued };
    tell(true);
    if (result.registered > 0) emit({ type: 'books:changed' });
    return { ...result, ...waiting };
  }
}

/** How often the progress is told to the renderer. */
const PROGRESS_MS = 100;
