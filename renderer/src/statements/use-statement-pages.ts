import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { StatementPage, TransactionQuery, TransactionView } from '../../../shared/ipc/contract.ts';
import { call } from '../bridge.ts';
import type { ScrollDirection } from './query.ts';
import {
  BLOCK_ROWS,
  DRAG_MAX_FRAMES_AHEAD,
  dragRuns,
  isDragging,
  nextMotion,
  prefetchRun,
  RowBlocks,
  viewRun,
} from './row-blocks.ts';
import type { Motion, RowRun } from './row-blocks.ts';

export interface StatementPages {
  /** The query whose rows are shown (JSON): the one asked for, or the one before until it answers. */
  shownQuery: string;
  /** Undefined until the first page of the shown query has come back. */
  total: number | undefined;
  /** 入金計 / 出金計 of every row the shown query matches. */
  sums: { deposits: number; withdrawals: number } | undefined;
  row(index: number): TransactionView | undefined;
  /** Rows `first..last` are drawn and the list moves `direction`: fetches what they and the next moments need. */
  want(first: number, last: number, direction: ScrollDirection): void;
  error: unknown;
}

/** The rows of one query at one state of the ledger: answers to an older store land in that one. */
interface Store {
  query: string;
  blocks: RowBlocks<TransactionView>;
  total: number | undefined;
  sums: StatementPages['sums'];
  error: unknown;
  /** The rows drawn the last time the list looked: the only view worth asking for. */
  view: { first: number; last: number; direction: ScrollDirection } | undefined;
  motion: Motion | undefined;
  /** Blocks asked for and not answered yet: not asked twice. */
  asked: Set<number>;
  /**
   * One call for the view at a time, and at most MAX_AHEAD_CALLS ahead of it (the next frames of a
   * drag, or the rows a scroll is heading for): a moving list never queues calls behind each other.
   */
  viewCall: boolean;
  aheadCalls: number;
}

/**
 * Calls out ahead of the view at most: a drag asks for about one frame's rows a frame, each answered
 * after as many frames as the answer takes, so up to the furthest frame dragRuns asks for.
 */
const MAX_AHEAD_CALLS = DRAG_MAX_FRAMES_AHEAD + 2;

/**
 * How long an answer takes, recent calls weighing most: how far ahead a drag must ask. Measured, not
 * assumed — Electron's IPC answers in a millisecond or two, the browser shell's HTTP bridge in a few
 * when idle and two frames or more while a drag keeps the page busy.
 */
class AnswerTime {
  private estimate = 1000 / 60;
  get ms(): number {
    return this.estimate;
  }
  record(ms: number): void {
    this.estimate += (ms - this.estimate) * 0.3;
  }
}

type Slot = 'view' | 'ahead';

const newStore = (query: string, total?: number, sums?: StatementPages['sums']): Store => ({
  query,
  blocks: new RowBlocks(),
  total,
  sums,
  error: undefined,
  view: undefined,
  motion: undefined,
  asked: new Set(),
  viewCall: false,
  aheadCalls: 0,
});

/**
 * The statement rows of one query, fetched as the table draws them and kept (a bounded cache) while
 * the query stays the same: 100,000 rows are never asked for at once. A list dragged through
 * thousands of rows a second asks only for where it is now: while a call is out, newer positions
 * replace each other, and when it answers the latest one is asked — the places passed on the way
 * are never asked. When the rows in view are there, the rows a scroll is heading for are read ahead.
 * Every keystroke asks at once — no pause —; an answer to a query the user has typed past lands in
 * that query's store and is never shown. Until the new query's first rows come, the previous rows
 * stay on screen rather than a blank list. New ledger data (`dataVersion`) starts a new store that
 * keeps the old count, so the list does not jump back to the top after a sync.
 */
export function useStatementPages(query: TransactionQuery, dataVersion: number): StatementPages {
  const queryKey = JSON.stringify(query);
  /** The last store that had an answer: what is shown while a newer query is on its way. */
  const answered = useRef<Store | undefined>(undefined);
  const store = useMemo<Store>(() => {
    const before = answered.current?.query === queryKey ? answered.current : undefined;
    return newStore(queryKey, before?.total, before?.sums);
    // dataVersion is a reason to start over even though the store does not read it.
  }, [queryKey, dataVersion]);
  const [, setArrived] = useState(0);
  const answerTime = useRef(new AnswerTime()).current;

  const fetchRun = useCallback(
    (run: RowRun, slot: Slot) => {
      const blocks = runBlocks(run);
      for (const block of blocks) store.asked.add(block);
      if (slot === 'view') store.viewCall = true;
      else store.aheadCalls++;
      const asked = performance.now();
      // A query's first call also counts and sums its rows: no measure of a page's answer.
      const timed = store.total !== undefined;
      const answered = (failure?: unknown) => {
        if (timed) answerTime.record(performance.now() - asked);
        for (const block of blocks) store.asked.delete(block);
        if (slot === 'view') store.viewCall = false;
        else store.aheadCalls--;
        store.error = failure;
        setArrived((n) => n + 1);
        // The latest view, once the call out is answered (not again and again after a failure).
        if (failure === undefined) askForView(store, fetchRun, performance.now(), answerTime.ms);
      };
      call('statements:query', { ...(JSON.parse(store.query) as TransactionQuery), ...run }).then(
        (answer: StatementPage) => {
          store.blocks.put(run, answer.rows);
          store.total = answer.total;
          store.sums = { deposits: answer.deposits, withdrawals: answer.withdrawals };
          answered();
        },
        (failure: unknown) => answered(failure),
      );
    },
    [store, answerTime],
  );

  const want = useCallback(
    (first: number, last: number, direction: ScrollDirection) => {
      store.view = { first, last, direction };
      // The frame's own time (the same for every look in one frame), so a drag's speed is exact.
      const now = Number(document.timeline.currentTime ?? performance.now());
      store.motion = nextMotion(store.motion, first, now);
      store.blocks.touch(first, last);
      askForView(store, fetchRun, now, answerTime.ms);
    },
    [store, fetchRun, answerTime],
  );

  // The first rows give the count, which the list needs before it can ask for anything else.
  useEffect(() => {
    if (store.total === undefined && !store.viewCall) fetchRun({ offset: 0, limit: BLOCK_ROWS }, 'view');
  }, [store, fetchRun]);

  const ready = store.blocks.size > 0 || store.error !== undefined;
  if (ready) answered.current = store;
  const shown = ready || !answered.current ? store : answered.current;
  return {
    shownQuery: shown.query,
    total: shown.total,
    sums: shown.sums,
    row: (index: number) => shown.blocks.row(index),
    // The rows in view are asked of the newest store: after new ledger data (the same query, its count
    // kept) nothing else would ask, and the list would wait on 読み込み中 for good. Another query's
    // list goes back to the top when its rows come, so its old positions are not worth a call.
    want: shown.query === store.query ? want : () => {},
    error: store.error,
  };
}

/**
 * The calls the store's view needs next, at time `now`: the rows in view first — but not while a
 * drag's calls are out: they would answer for a place the list has left, and the calls for where it
 * is heading would wait behind them —, then a drag's next frames, or what a scroll heads for.
 */
function askForView(
  store: Store,
  fetchRun: (run: RowRun, slot: Slot) => void,
  now: number,
  answerMs: number,
) {
  const { view, total, blocks, motion } = store;
  if (!view || total === undefined) return;
  const has = (block: number) => blocks.has(block) || store.asked.has(block);
  const dragging = isDragging(motion, now);
  const inView = viewRun(view.first, view.last, total, has);
  if (inView && !store.viewCall && !(dragging && store.aheadCalls > 0)) fetchRun(inView, 'view');
  const drag = dragging ? dragRuns(view.first, view.last, motion!, total, has, { now, answerMs }) : [];
  for (const run of drag) {
    if (store.aheadCalls >= MAX_AHEAD_CALLS) return;
    if (viewRun(run.offset, run.offset + run.limit - 1, total, has)) fetchRun(run, 'ahead');
  }
  if (drag.length || inView || store.aheadCalls > 0) return;
  const ahead = prefetchRun(view.first, view.last, view.direction, total, has);
  if (ahead) fetchRun(ahead, 'ahead');
}

const runBlocks = (run: RowRun): number[] =>
  Array.from({ length: Math.ceil(run.limit / BLOCK_ROWS) }, (_, i) => run.offset / BLOCK_ROWS + i);
