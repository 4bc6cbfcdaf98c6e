import { describe, expect, it } from 'vitest';
import {
  MAX_SCROLL_PX,
  placeAfterScroll,
  placeForOffset,
  scrolledHeight,
  type ScrollPlace,
} from '../../renderer/src/statements/scaled-scroll.ts';

const ROW = 36;
const VIEWPORT = 700;
/** A million rows: 36M px of content in a 15M px spacer. */
const million = { content: 1_000_000 * ROW, viewport: VIEWPORT };
const realMax = MAX_SCROLL_PX - VIEWPORT;
const offsetMax = million.content - VIEWPORT;
const top: ScrollPlace = { real: 0, shift: 0 };
const offsetOf = (place: ScrollPlace) => place.real + place.shift;
/** The place after each scrollTop in turn, from the top. */
const scrolled = (...reals: number[]) =>
  reals.reduce((place, real) => placeAfterScroll(place, real, million), top);

describe('the spacer of a list taller than the browser lays out', () => {
  it('is the content’s own height up to the cap, and the cap beyond it', () => {
    expect(scrolledHeight(100_010 * ROW)).toBe(100_010 * ROW);
    expect(scrolledHeight(million.content)).toBe(MAX_SCROLL_PX);
    expect(MAX_SCROLL_PX).toBeLessThan(16_777_214);
  });
});

describe('a scroll of a list below the cap', () => {
  it.each([
    ['a wheel tick', 360],
    ['a jump of the thumb to the middle', (100_010 * ROW) / 2],
    ['the end', 100_010 * ROW - VIEWPORT],
  ])('is the content offset itself: %s', (_, real) => {
    expect(placeAfterScroll(top, real, { content: 100_010 * ROW, viewport: VIEWPORT })).toEqual({
      real,
      shift: 0,
    });
  });
});

describe('a scroll of a million rows', () => {
  it('shows the first row at the top and the last row at the bottom', () => {
    expect(offsetOf(scrolled(realMax / 2, 0))).toBe(0);
    expect(offsetOf(scrolled(realMax))).toBe(offsetMax);
    expect(Math.floor((offsetOf(scrolled(realMax)) + VIEWPORT) / ROW) - 1).toBe(999_999);
  });

  it('lands a jump in proportion: half-way down the scrollbar is half-way through the rows', () => {
    expect(offsetOf(scrolled(realMax / 2))).toBeCloseTo(offsetMax / 2, 6);
    expect(offsetOf(scrolled(realMax / 4, realMax / 10))).toBeCloseTo(offsetMax / 10, 6);
  });

  it('moves the rows exactly as far as a wheel tick or a key moves the scroll', () => {
    const landed = scrolled(realMax / 2);
    for (const delta of [100, -100, 40, -40, VIEWPORT - 88, VIEWPORT, 3000]) {
      const after = placeAfterScroll(landed, landed.real + delta, million);
      expect(offsetOf(after) - offsetOf(landed)).toBeCloseTo(delta, 6);
    }
  });

  it('reads a move of one pixel of the scrollbar’s thumb as a jump', () => {
    const landed = scrolled(realMax / 2);
    const onePixel = realMax / VIEWPORT;
    const after = placeAfterScroll(landed, landed.real + onePixel, million);
    expect(offsetOf(after)).toBeCloseTo(((landed.real + onePixel) * offsetMax) / realMax, 6);
  });

  it('keeps small moves row-accurate across many of them, until a jump puts the rows in proportion again', () => {
    const reals = Array.from({ length: 50 }, (_, i) => 1_000_000 + i * 120);
    const wheeled = scrolled(1_000_000, ...reals);
    expect(offsetOf(wheeled) - offsetOf(scrolled(1_000_000))).toBeCloseTo(49 * 120, 6);
    const jumped = placeAfterScroll(wheeled, 5_000_000, million);
    expect(offsetOf(jumped)).toBeCloseTo((5_000_000 * offsetMax) / realMax, 6);
  });

  it('reaches the first row from a wheel that meets the top, and the last from one that meets the bottom', () => {
    expect(offsetOf(scrolled(realMax / 3, 300, 200, 100, 0))).toBe(0);
    expect(offsetOf(scrolled(realMax / 3, realMax - 300, realMax - 100, realMax))).toBe(offsetMax);
    expect(offsetOf(scrolled(realMax - 0.4))).toBe(offsetMax);
  });

  it('never places the content past its ends, whatever the moves', () => {
    const places = [scrolled(realMax - 5, 10), scrolled(realMax / 2, realMax / 2 + 600), scrolled(50, 400)];
    for (const place of places) {
      expect(offsetOf(place)).toBeGreaterThanOrEqual(0);
      expect(offsetOf(place)).toBeLessThanOrEqual(offsetMax);
    }
  });

  it('keeps a shift inside the new range when the rows shrink under it (another query)', () => {
    const deep = scrolled(realMax - 100);
    const fewer = { content: 500_000 * ROW, viewport: VIEWPORT };
    const after = placeAfterScroll(deep, deep.real - 50, fewer);
    expect(after.shift).toBe(fewer.content - VIEWPORT - (MAX_SCROLL_PX - VIEWPORT));
  });
});

describe('a scroll the app asks for, by content offset', () => {
  it.each([
    ['the top', 0],
    ['row 500,000', 500_000 * ROW],
    ['the end', offsetMax],
  ])('lands on a whole scrollTop whose offset reads back as asked: %s', (_, offset) => {
    const place = placeForOffset(offset, million);
    expect(Number.isInteger(place.real)).toBe(true);
    expect(offsetOf(place)).toBe(offset);
    // The browser's scroll event for that scrollTop is a jump, and reads back in proportion.
    expect(Math.abs(offsetOf(placeAfterScroll(top, place.real, million)) - offset)).toBeLessThan(3);
  });

  it('clamps an offset past either end', () => {
    expect(placeForOffset(-10, million)).toEqual({ real: 0, shift: 0 });
    expect(offsetOf(placeForOffset(offsetMax + 1_000, million))).toBe(offsetMax);
  });

  it('is the offset itself below the cap', () => {
    expect(placeForOffset(1234, { content: 100_010 * ROW, viewport: VIEWPORT })).toEqual({
      real: 1234,
      shift: 0,
    });
  });
});
