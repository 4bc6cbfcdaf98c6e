/**
 * A list taller than the browser can lay out, scrolled through a shorter one. Chromium stops an
 * element at ~33.5M px (16.7M in some layouts): 1,000,000 rows of 36 px (36M px) would leave the
 * last ~70,000 unreachable. Past MAX_SCROLL_PX the list's spacer stays at that height and a scroll
 * position (`real`, the element's scrollTop) stands for a place in the content (`offset`, what the
 * virtualizer lays rows out by) as `offset = real + shift`:
 *  - the top is the first row and the bottom the last (shift 0 at the top, all of the extra at the
 *    bottom);
 *  - a jump (the scrollbar's thumb dragged, or anything moving further than one pixel of the
 *    scrollbar stands for: ~40,000 px at a million rows) lands in proportion: half-way down the
 *    scrollbar is half-way through the rows;
 *  - a smaller move (the wheel, a fling, the arrow and page keys) keeps the shift, so the rows move
 *    exactly as far as the scroll: row-accurate, as in a list of its true height.
 * Below the cap the shift is always 0 and nothing differs from a plain list.
 */
export const MAX_SCROLL_PX = 15_000_000;

/** Where the list is: the element's scrollTop and the distance from it to the content's offset. */
export interface ScrollPlace {
  real: number;
  shift: number;
}

/** The content's height and the viewport's, in px. */
export interface ScrollSizes {
  content: number;
  viewport: number;
}

/** The height the spacer is given: the content's own, or the cap. */
export function scrolledHeight(content: number, cap = MAX_SCROLL_PX): number {
  return Math.min(content, cap);
}

/** The furthest scrollTop, and the furthest content offset, the list can be at. */
function ranges({ content, viewport }: ScrollSizes, cap: number) {
  return {
    realMax: Math.max(0, scrolledHeight(content, cap) - viewport),
    offsetMax: Math.max(0, content - viewport),
  };
}

/** The place after the element was scrolled from `before` to `real`. */
export function placeAfterScroll(
  before: ScrollPlace,
  real: number,
  sizes: ScrollSizes,
  cap = MAX_SCROLL_PX,
): ScrollPlace {
  const { realMax, offsetMax } = ranges(sizes, cap);
  const extra = offsetMax - realMax;
  if (extra <= 0 || real < 1) return { real, shift: 0 };
  // A fractional scrollTop (a zoomed page) within a pixel of the end is the end.
  if (real > realMax - 1) return { real, shift: offsetMax - real };
  // The scrollbar's track is about the viewport's height; half a pixel of it leaves room for its ends.
  const jump = realMax / Math.max(1, sizes.viewport) / 2;
  if (Math.abs(real - before.real) < jump) return { real, shift: Math.min(extra, Math.max(0, before.shift)) };
  return { real, shift: (real * offsetMax) / realMax - real };
}

/** The place that shows content offset `offset` (a scroll asked for by the app: the top, a row). */
export function placeForOffset(offset: number, sizes: ScrollSizes, cap = MAX_SCROLL_PX): ScrollPlace {
  const { realMax, offsetMax } = ranges(sizes, cap);
  const to = Math.min(offsetMax, Math.max(0, offset));
  if (offsetMax <= realMax) return { real: to, shift: 0 };
  // A whole scrollTop, so the browser lands exactly where asked and the offset reads back the same.
  const real = Math.round((to * realMax) / offsetMax);
  return { real, shift: to - real };
}
