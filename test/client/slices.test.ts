import diagnostics from 'node:diagnostics_channel';
import { describe, expect, it } from 'vitest';
import { runSlices, SLICE_TRACE, type SliceTrace, SliceSizer } from '../../main/tasks/slices.ts';

/** The slices' clock: how big the next slice is, and that the event loop runs between two slices. */
describe('SliceSizer', () => {
  const budget = { budgetMs: 15, initial: 500, min: 50, max: 20_000 };
  it.each([
    // [items, ms taken] → the next size: halfway from the size up to what the budget would fit,
    // or down to it at once.
    ['a fast slice grows the next', 500, 5, Math.round((500 + 1_500) / 2)],
    ['a slow slice shrinks the next to what the budget fits', 500, 60, 125],
    ['on budget, it stays', 500, 15, 500],
    ['never above the most', 500, 0.01, 20_000],
    ['never below the least', 500, 10_000, 50],
  ])('%s', (_name, items, ms, next) => {
    const sizer = new SliceSizer(budget);
    sizer.took(items, ms);
    expect(sizer.size).toBe(next);
  });

  it('never goes below the least however slow', () => {
    const sizer = new SliceSizer(budget);
    for (let i = 0; i < 10; i++) sizer.took(sizer.size, 10_000);
    expect(sizer.size).toBe(50);
  });

  it('ignores a slice that did nothing (a preparation step)', () => {
    const sizer = new SliceSizer(budget);
    sizer.took(0, 500);
    expect(sizer.size).toBe(500);
  });
});

describe('runSlices', () => {
  it('lets what waits run between two slices, and stops when asked', async () => {
    const order: string[] = [];
    let slices = 0;
    setImmediate(() => order.push('other call'));
    const finished = await runSlices(() => {
      slices += 1;
      order.push(`slice ${slices}`);
      return { items: 1, finished: slices === 3 };
    });
    expect(finished).toBe(true);
    expect(order).toEqual(['slice 1', 'other call', 'slice 2', 'slice 3']);

    let stop = false;
    const stopped = await runSlices(
      () => {
        stop = true;
        return { items: 1, finished: false };
      },
      { stopped: () => stop },
    );
    expect(stopped).toBe(false);
  });

  it('runs the step between two slices after a turn of the event loop, never after the last', async () => {
    const order: string[] = [];
    let slices = 0;
    const finished = await runSlices(
      () => {
        slices += 1;
        order.push(`slice ${slices}`);
        setImmediate(() => order.push(`call after slice ${slices}`));
        return { items: 10, finished: slices === 3 };
      },
      { between: async (items) => void order.push(`between (${items})`) },
    );
    expect(finished).toBe(true);
    expect(order).toEqual([
      'slice 1',
      'call after slice 1',
      'between (10)',
      'slice 2',
      'call after slice 2',
      'between (10)',
      'slice 3',
    ]);
  });

  it('traces each slice of a named task, and nothing of an unnamed one', async () => {
    const heard: SliceTrace[] = [];
    const listen = (trace: unknown) => heard.push(trace as SliceTrace);
    diagnostics.subscribe(SLICE_TRACE, listen);
    try {
      let left = 2;
      await runSlices(() => ({ items: 5, finished: --left === 0 }), { name: 'named' });
      await runSlices(() => ({ items: 5, finished: true }));
    } finally {
      diagnostics.unsubscribe(SLICE_TRACE, listen);
    }
    expect(heard.map(({ task, step, items }) => ({ task, step, items }))).toEqual([
      { task: 'named', step: 'slice', items: 5 },
      { task: 'named', step: 'slice', items: 5 },
    ]);
    expect(heard.every((t) => t.ms >= 0)).toBe(true);
  });
});
