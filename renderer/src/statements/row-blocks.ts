import type { ScrollDirection } from './query.ts';

/**
 * Rows are kept and asked for in blocks of this many: a block is about a screenful (an 800 px
 * window shows ~17 rows, the list draws ~47 with its overscan), so the rows in view take one or two
 * blocks and an answer carries little more than what is drawn.
 */
export const BLOCK_ROWS = 50;
/** Blocks kept per query: 20,000 rows, a few MB; the ones not looked at for longest go first. */
const MAX_BLOCKS = 400;
/** The most rows one call asks for (the contract allows 1000). */
const MAX_CALL_ROWS = 1000;

/** A call for rows `offset..offset+limit-1`. */
export interface RowRun {
  offset: number;
  limit: number;
}

/**
 * The rows read so far of one query, by block, least recently used first: bounded, so a long drag
 * through a million rows keeps the last MAX_BLOCKS blocks rather than all it passed.
 */
export class RowBlocks<Row> {
  private readonly blocks = new Map<number, Row[]>();
  private readonly max: number;

  constructor(max = MAX_BLOCKS) {
    this.max = max;
  }

  get size(): number {
    return this.blocks.size;
  }

  has(block: number): boolean {
    return this.blocks.has(block);
  }

  row(index: number): Row | undefined {
    return this.blocks.get(Math.floor(index / BLOCK_ROWS))?.[index % BLOCK_ROWS];
  }

  /** Marks the blocks of rows `first..last` as just looked at, so they are the last to go. */
  touch(first: number, last: number): void {
    for (let block = blockOf(first); block <= blockOf(last); block++) {
      const rows = this.blocks.get(block);
      if (rows) {
        this.blocks.delete(block);
        this.blocks.set(block, rows);
      }
    }
  }

  /**
   * The answer to `run` (which starts at a block's first row), split into blocks. A block the
   * answer falls short of is kept empty: asked again, it would be asked forever.
   */
  put(run: RowRun, rows: Row[]): void {
    for (let start = 0; start < run.limit; start += BLOCK_ROWS) {
      const block = blockOf(run.offset + start);
      this.blocks.delete(block);
      this.blocks.set(block, rows.slice(start, start + BLOCK_ROWS));
    }
    for (const oldest of this.blocks.keys()) {
      if (this.blocks.size <= this.max) break;
      this.blocks.delete(oldest);
    }
  }
}

const blockOf = (row: number) => Math.floor(row / BLOCK_ROWS);

/**
 * The one call that brings rows `first..last` (those drawn): the blocks among them not yet read,
 * from the first missing to the last. Undefined when all are there.
 */
export function viewRun(first: number, last: number, total: number, has: (block: number) => boolean) {
  if (total <= 0 || last < first) return undefined;
  const blocks: number[] = [];
  for (let block = blockOf(Math.max(0, first)); block <= blockOf(Math.min(total - 1, last)); block++)
    if (!has(block)) blocks.push(block);
  return blocks.length ? runOf(blocks[0]!, blocks.at(-1)!, total) : undefined;
}

/**
 * The next call ahead of the view once the rows in view are all there: the missing blocks nearest
 * the view among the `ahead` rows the scroll is heading for (then `behind` rows the other way, or
 * both ways by `behind` when still), as one run of up to `ahead` rows. A wheel's fling (~80 rows a
 * frame) finds its rows read before it gets there; a drag (hundreds a frame) outruns any guess, and
 * gets its rows from viewRun.
 */
export function prefetchRun(
  first: number,
  last: number,
  direction: ScrollDirection,
  total: number,
  has: (block: number) => boolean,
  { ahead = 500, behind = 100 } = {},
): RowRun | undefined {
  if (total <= 0 || last < first) return undefined;
  const lastBlock = blockOf(total - 1);
  // The blocks past the view's own, nearest first.
  const down = (from: number, rows: number) => range(blockOf(from) + 1, blockOf(from + rows), 1, lastBlock);
  const up = (from: number, rows: number) =>
    range(blockOf(from) - 1, blockOf(Math.max(0, from - rows)), -1, lastBlock);
  const sides =
    direction === 'down'
      ? [down(last, ahead), up(first, behind)]
      : direction === 'up'
        ? [up(first, ahead), down(last, behind)]
        : [down(last, behind), up(first, behind)];
  const most = Math.ceil(ahead / BLOCK_ROWS);
  for (const side of sides) {
    const missing: number[] = [];
    for (const block of side) {
      if (has(block)) {
        if (missing.length) break;
      } else if (missing.push(block) >= most) break;
    }
    if (missing.length) return runOf(Math.min(...missing), Math.max(...missing), total);
  }
  return undefined;
}

/** Blocks from `from` to `to` by `step` (1 or -1), within 0..lastBlock, nearest first. */
function range(from: number, to: number, step: 1 | -1, lastBlock: number): number[] {
  const blocks: number[] = [];
  for (let block = from; step > 0 ? block <= to : block >= to; block += step)
    if (block >= 0 && block <= lastBlock) blocks.push(block);
  return blocks;
}

function runOf(firstBlock: number, lastBlock: number, total: number): RowRun {
  const offset = firstBlock * BLOCK_ROWS;
  const end = Math.min(total, (lastBlock + 1) * BLOCK_ROWS, offset + MAX_CALL_ROWS);
  return { offset, limit: Math.max(1, end - offset) };
}

/** Rows moved per frame beyond which the list is dragged, not scrolled: 500 rows ahead last a frame or two. */
const DRAG_ROWS_PER_FRAME = 2 * BLOCK_ROWS;
/**
 * Frames asked for beyond the first one an answer can reach: answers do not all take the same time
 * (a busy machine doubles some), so the frames after the expected one are asked too — two, and half
 * as many again as the answer takes — and a late answer still finds its rows used.
 */
const spreadFrames = (reached: number) => 2 + Math.ceil(reached / 2);
/** The furthest frame a drag's rows are asked for (a fifth of a second): a guess further out is mostly wrong. */
export const DRAG_MAX_FRAMES_AHEAD = 12;

/** Whether a list that moved `rows` rows since its last frame is being dragged (or flung) rather than scrolled. */
export function isDragStep(rows: number): boolean {
  return Math.abs(rows) > DRAG_ROWS_PER_FRAME;
}

/** The looks a drag's speed is read over: one frame's rounded time is 0.6 % off, eight frames' under 0.1 %. */
const SPEED_LOOKS = 8;

/** The list's last looks: the first row drawn, at the frame's time (document.timeline). */
export interface Motion {
  first: number;
  at: number;
  /** Rows a millisecond over the last looks that moved the same way (up to SPEED_LOOKS). */
  rowsPerMs: number;
  /** How long a frame lasts, averaged over the last looks: the next ones are guessed as long. */
  frameMs: number;
  /** Those looks, oldest first; the last is this one. */
  trail: ReadonlyArray<{ first: number; at: number }>;
}

/**
 * The motion after a look at row `first` at time `at`. Frame times come rounded (to 0.1 ms in
 * Chromium: a 60 Hz list's frames read 16.6 and 16.7 ms by turns), so neither a frame's length nor
 * the speed is read from one frame: a guess six frames ahead from one frame's rounded time misses
 * by a screen or more at a million rows. A frame the page missed counts as the frames it lasted.
 */
export function nextMotion(before: Motion | undefined, first: number, at: number): Motion {
  const gap = before ? at - before.at : Infinity;
  // A look that did not move (the render's own after the scroll's, or one an answer's render
  // makes between frames) says nothing of the motion: counted, it would read as a stop, then the
  // next frame's move as twice the speed.
  if (before && first === before.first) return before;
  // Another look in the same frame: the speed stays.
  if (before && gap === 0) return { ...before, first, trail: [...before.trail.slice(0, -1), { first, at }] };
  // A pause of a quarter second is a new start: no speed carried over.
  if (!before || gap < 0 || gap > 250)
    return { first, at, rowsPerMs: 0, frameMs: 1000 / 60, trail: [{ first, at }] };
  const last = before.trail.at(-2);
  // Turned back: the speed is read from the turn on.
  const turned =
    last !== undefined && Math.sign(first - before.first) !== Math.sign(before.first - last.first);
  const trail = [...(turned ? before.trail.slice(-1) : before.trail), { first, at }].slice(-SPEED_LOOKS);
  const oldest = trail[0]!;
  const frames = Math.max(1, Math.round(gap / before.frameMs));
  return {
    first,
    at,
    rowsPerMs: (first - oldest.first) / (at - oldest.at),
    frameMs: before.frameMs + (gap / frames - before.frameMs) * 0.2,
    trail,
  };
}

/**
 * How far off a drag's guess may be: in time, the frame times' rounding (0.1 ms) and what is left
 * of the frames' own jitter; in speed, what the looks' rounded times leave (0.2 %), which grows with
 * each frame guessed ahead. At a million rows dragged in 3 s (333 rows a millisecond) a guess a
 * frame ahead is ±60 rows, six frames ahead ±120; at 100,000 rows, a tenth of that.
 */
const GUESS_MARGIN_MS = 0.15;
const SPEED_ERROR = 0.002;

/** Whether `motion` is a drag still going on at time `now` (no look for two frames: it has stopped). */
export function isDragging(motion: Motion | undefined, now: number): boolean {
  return (
    motion !== undefined &&
    isDragStep(motion.rowsPerMs * motion.frameMs) &&
    now - motion.at <= 2 * motion.frameMs
  );
}

/**
 * A drag's next frames: where the rows drawn (`first..last`, at the last look) will be when an
 * answer asked at `now` can be painted, at the speed of the last frame — the first frame `answerMs`
 * after `now` and the spread after it — as the calls that bring what is not read or
 * asked yet. A thumb
 * dragged through 100,000 rows in 3 s moves ~550 rows a frame, and an answer takes a frame or more:
 * rows asked for where the list is now arrive where it was. Only a guess from its speed, as far
 * ahead as the answer takes, has the rows there when the frame that shows them is painted. None for
 * a list scrolled slower.
 */
export function dragRuns(
  first: number,
  last: number,
  motion: Motion,
  total: number,
  has: (block: number) => boolean,
  { now, answerMs }: { now: number; answerMs: number },
): RowRun[] {
  const perFrame = motion.rowsPerMs * motion.frameMs;
  if (!isDragStep(perFrame)) return [];
  const runs: RowRun[] = [];
  const planned = (block: number) =>
    has(block) ||
    runs.some((run) => block * BLOCK_ROWS >= run.offset && block * BLOCK_ROWS < run.offset + run.limit);
  const reached = Math.min(
    DRAG_MAX_FRAMES_AHEAD,
    Math.max(1, Math.ceil((now - motion.at + answerMs) / motion.frameMs)),
  );
  const furthest = Math.min(DRAG_MAX_FRAMES_AHEAD, reached + spreadFrames(reached));
  for (let frames = reached; frames <= furthest; frames++) {
    const shift = Math.round(perFrame * frames);
    const margin = Math.ceil(
      Math.abs(motion.rowsPerMs) * (GUESS_MARGIN_MS + frames * motion.frameMs * SPEED_ERROR),
    );
    const from = Math.max(0, Math.min(total - 1 - (last - first), first + shift));
    const run = viewRun(from - margin, from + (last - first) + margin, total, planned);
    if (run) runs.push(run);
  }
  return runs;
}
