import { describe, expect, it } from 'vitest';
import {
  BLOCK_ROWS,
  dragRuns,
  isDragging,
  nextMotion,
  prefetchRun,
  RowBlocks,
  viewRun,
} from '../../renderer/src/statements/row-blocks.ts';

const rows = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
const none = () => false;

describe('the call for the rows drawn', () => {
  it.each([
    ['the top screenful', 0, 46, 100_010, { offset: 0, limit: 50 }],
    ['a screenful across two blocks', 40, 86, 100_010, { offset: 0, limit: 100 }],
    ['the middle of 100,000 rows', 50_020, 50_066, 100_010, { offset: 50_000, limit: 100 }],
    ['the end: nothing past the last row', 99_963, 100_009, 100_010, { offset: 99_950, limit: 60 }],
  ] as const)('%s', (_, first, last, total, run) => {
    expect(viewRun(first, last, total, none)).toEqual(run);
  });

  it('asks only for the blocks not read yet, from the first missing to the last', () => {
    expect(viewRun(40, 86, 100_010, (block) => block === 0)).toEqual({ offset: 50, limit: 50 });
    expect(viewRun(40, 86, 100_010, () => true)).toBeUndefined();
  });

  it('asks for nothing when there are no rows', () => {
    expect(viewRun(0, -1, 0, none)).toBeUndefined();
  });
});

describe('the call ahead of a scroll, once the rows in view are read', () => {
  it.each([
    ['scrolling down: the 500 rows below', 600, 646, 'down', 100_010, { offset: 650, limit: 500 }],
    ['scrolling up: the 500 rows above', 1_100, 1_146, 'up', 100_010, { offset: 600, limit: 500 }],
    [
      'scrolling up at the top: nothing before the first row, a little below',
      0,
      46,
      'up',
      100_010,
      { offset: 50, limit: 100 },
    ],
    ['still: a little below', 600, 646, 'none', 100_010, { offset: 650, limit: 100 }],
    [
      'scrolling down at the end: nothing past the last row',
      99_903,
      99_949,
      'down',
      100_010,
      {
        offset: 99_950,
        limit: 60,
      },
    ],
  ] as const)('%s', (_, first, last, direction, total, run) => {
    expect(prefetchRun(first, last, direction, total, none)).toEqual(run);
  });

  it('goes on from the nearest block not read, and then the other way', () => {
    const read = new Set([13, 14, 15]);
    expect(prefetchRun(600, 646, 'down', 100_010, (b) => read.has(b))).toEqual({ offset: 800, limit: 350 });
    const below = new Set([13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23]);
    expect(prefetchRun(600, 646, 'down', 100_010, (b) => below.has(b))).toEqual({ offset: 500, limit: 100 });
  });

  it('asks for nothing when all around is read', () => {
    expect(prefetchRun(600, 646, 'down', 100_010, () => true)).toBeUndefined();
  });
});

describe('the rows kept', () => {
  it('splits an answer into blocks and finds each row by its index', () => {
    const kept = new RowBlocks<number>();
    kept.put({ offset: 100, limit: 100 }, rows(100, 100));
    expect(kept.size).toBe(2);
    expect(kept.row(100)).toBe(100);
    expect(kept.row(199)).toBe(199);
    expect(kept.row(200)).toBeUndefined();
  });

  it('keeps a block the answer fell short of, empty, so it is not asked for again and again', () => {
    const kept = new RowBlocks<number>();
    kept.put({ offset: 0, limit: 100 }, rows(0, 20));
    expect(kept.has(1)).toBe(true);
    expect(kept.row(60)).toBeUndefined();
  });

  it('keeps at most its bound, dropping the blocks looked at longest ago', () => {
    const kept = new RowBlocks<number>(3);
    for (const block of [0, 1, 2])
      kept.put({ offset: block * BLOCK_ROWS, limit: BLOCK_ROWS }, rows(0, BLOCK_ROWS));
    kept.touch(0, 10);
    kept.put({ offset: 3 * BLOCK_ROWS, limit: BLOCK_ROWS }, rows(0, BLOCK_ROWS));
    expect([0, 1, 2, 3].map((b) => kept.has(b))).toEqual([true, false, true, true]);
  });
});

describe('the rows of a drag’s next frames', () => {
  const FRAME = 1000 / 60;
  // 550 rows a frame: 100,000 rows dragged in 3 s. 13 rows drawn (the view and one row each side).
  const dragged = nextMotion(nextMotion(undefined, 10_010, 1000), 10_560, 1000 + FRAME);
  const soon = { now: dragged.at, answerMs: 10 };

  it('asks where the rows drawn will be from the first frame an answer reaches, and the frames after', () => {
    // An answer within a frame: frames 1 to 4 on, each the 13 rows and a margin of 5 each side.
    expect(dragRuns(10_560, 10_572, dragged, 100_010, none, soon)).toEqual([
      { offset: 11_100, limit: 50 },
      { offset: 11_650, limit: 50 },
      { offset: 12_200, limit: 50 },
      { offset: 12_750, limit: 50 },
    ]);
  });

  it('asks further ahead when answers take longer: none for frames an answer cannot reach', () => {
    // Answers in 45 ms: the third frame on is the first one reached, and four more for late ones.
    const runs = dragRuns(10_560, 10_572, dragged, 100_010, none, { now: dragged.at, answerMs: 45 });
    // Each further frame's margin is wider (the speed's own error grows with it): from the fifth on
    // it reaches into the block before.
    expect(runs.map((run) => run.offset)).toEqual([12_200, 12_750, 13_250, 13_800, 14_350]);
  });

  it('counts the time since the list last looked when it asks between frames (an answer came)', () => {
    const runs = dragRuns(10_560, 10_572, dragged, 100_010, none, { now: dragged.at + 10, answerMs: 10 });
    expect(runs[0]).toEqual({ offset: 11_650, limit: 50 });
  });

  it('widens each guess by the frame times’ rounding: ~60 rows each side a frame ahead at a million rows in 3 s', () => {
    const fast = nextMotion(nextMotion(undefined, 100_000, 1000), 105_555, 1000 + FRAME);
    const [first] = dragRuns(105_555, 105_567, fast, 1_000_000, none, { now: fast.at, answerMs: 10 });
    // 111,110..111,122 drawn a frame on, from 111,048 to 111,184 asked: blocks 2220 to 2223.
    expect(first).toEqual({ offset: 111_000, limit: 200 });
  });

  it('does not ask again for blocks asked or read', () => {
    const asked = new Set([222, 233]);
    expect(dragRuns(10_560, 10_572, dragged, 100_010, (b) => asked.has(b), soon)).toEqual([
      { offset: 12_200, limit: 50 },
      { offset: 12_750, limit: 50 },
    ]);
  });

  it('asks nothing ahead for a list scrolled a screenful or two a frame (the 500 rows ahead do)', () => {
    const scrolled = nextMotion(nextMotion(undefined, 10_000, 1000), 10_080, 1000 + FRAME);
    expect(dragRuns(10_080, 10_126, scrolled, 100_010, none, soon)).toEqual([]);
  });

  it('stops at the last rows', () => {
    // A frame on: 99,950 and its margin; then the last 13 rows, whose first block is already asked.
    expect(dragRuns(99_400, 99_412, dragged, 100_010, none, soon)).toEqual([
      { offset: 99_900, limit: 100 },
      { offset: 100_000, limit: 10 },
    ]);
  });

  it('averages the frames’ length, which comes rounded to 16.6 or 16.7 ms', () => {
    let motion = nextMotion(undefined, 0, 1000);
    let at = 1000;
    for (const gap of [16.7, 16.6, 16.7, 16.7, 16.6, 16.7, 16.6, 16.7, 16.7, 16.6]) {
      at += gap;
      motion = nextMotion(motion, motion.first + 5555, at);
    }
    expect(motion.frameMs).toBeCloseTo(FRAME, 1);
  });

  it('reads the speed over the last eight looks, a missed frame counting as two', () => {
    let motion = nextMotion(undefined, 0, 1000);
    for (let frame = 1; frame <= 12; frame++) {
      // Frame 6 is missed: the look after it comes two frames on, twice as far.
      if (frame === 6) continue;
      motion = nextMotion(motion, frame * 5555, 1000 + Math.round(frame * FRAME * 10) / 10);
    }
    expect(motion.trail).toHaveLength(8);
    expect(motion.rowsPerMs * FRAME).toBeCloseTo(5555, -1);
    expect(motion.frameMs).toBeCloseTo(FRAME, 0);
  });

  it('reads the speed from the turn on when the list turns back', () => {
    let motion = nextMotion(undefined, 50_000, 1000);
    for (let frame = 1; frame <= 5; frame++)
      motion = nextMotion(motion, 50_000 + frame * 1000, 1000 + frame * FRAME);
    motion = nextMotion(motion, 54_000, 1000 + 6 * FRAME);
    expect(motion.rowsPerMs * FRAME).toBeCloseTo(-1000, 0);
  });

  it('keeps the speed over a look that did not move or came in the same frame, and none over a pause', () => {
    expect(nextMotion(dragged, 10_560, dragged.at + 7)).toEqual(dragged);
    expect(nextMotion(dragged, 10_600, dragged.at).rowsPerMs).toBe(dragged.rowsPerMs);
    expect(nextMotion(dragged, 20_000, 5000).rowsPerMs).toBe(0);
  });

  it('counts as dragging until two frames pass without a look', () => {
    expect(isDragging(dragged, dragged.at + FRAME)).toBe(true);
    expect(isDragging(dragged, dragged.at + 3 * FRAME)).toBe(false);
    expect(isDragging(nextMotion(undefined, 0, 0), 0)).toBe(false);
  });
});
