/**
 * bench:ui's probes: functions Playwright runs inside the app's page (serialized: no imports, no
 * closures over this module). The Node project has no DOM library, so the little of the page they
 * touch is declared here, for this file only.
 */
interface PageElement {
  textContent: string | null;
  scrollTop: number;
  click(): void;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { top: number; bottom: number };
  querySelectorAll(selector: string): ArrayLike<PageElement> & Iterable<PageElement>;
  dispatchEvent(event: Event): boolean;
}
declare const document: {
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement> & Iterable<PageElement>;
};
declare const HTMLInputElement: { prototype: object };
declare function requestAnimationFrame(callback: (now: number) => void): number;

/** Clicks 明細 and resolves at the first frame after its rows are in the DOM. */
export function timeNavigation(): Promise<number> {
  return new Promise((resolve) => {
    const start = performance.now();
    const button = [...document.querySelectorAll('nav button')].find((b) => b.textContent === '明細');
    button!.click();
    const check = () => {
      if (document.querySelector('[data-testid="statement-row"]'))
        requestAnimationFrame(() => resolve(performance.now() - start));
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}

/** Types the last character of `full` and resolves at the first frame that shows its rows. */
export function timeLastKeystroke(full: string): Promise<number> {
  return new Promise((resolve) => {
    const input = document.querySelector('input[type="search"]')!;
    const table = document.querySelector('[data-testid="statement-table"]')!;
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    const start = performance.now();
    setValue.call(input, full);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    const check = () => {
      const shown = JSON.parse(table.getAttribute('data-query')!) as { text?: string };
      const painted =
        shown.text === full &&
        (document.querySelector('[data-testid="statement-row"]') ||
          document.querySelector('[data-testid="statement-empty"]'));
      if (painted) requestAnimationFrame(() => resolve(performance.now() - start));
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}

/**
 * Scrolls the list `step` px every frame for `frames` frames and records each frame's length and
 * whether any row in view was a 読み込み中 placeholder.
 */
export function fastScroll({ frames, step }: { frames: number; step: number }) {
  return new Promise<{ frames: number[]; withPlaceholders: number }>((resolve) => {
    const scroller = document.querySelector('.statement-scroll')!;
    const lengths: number[] = [];
    let withPlaceholders = 0;
    let last = performance.now();
    const frame = (now: number) => {
      lengths.push(now - last);
      last = now;
      const view = scroller.getBoundingClientRect();
      const loading = [...scroller.querySelectorAll('[data-testid="statement-row-loading"]')].some((row) => {
        const r = row.getBoundingClientRect();
        return r.bottom > view.top && r.top < view.bottom;
      });
      if (loading) withPlaceholders++;
      if (lengths.length >= frames) return resolve({ frames: lengths.slice(1), withPlaceholders });
      scroller.scrollTop += step;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

/** Whether the list shows the rows of a search for `text` ('' = no search). */
export function shownText(text: string): boolean {
  const table = document.querySelector('[data-testid="statement-table"]');
  return (
    !!table && ((JSON.parse(table.getAttribute('data-query')!) as { text?: string }).text ?? '') === text
  );
}

/**
 * Drags the list from the top to the bottom in `ms` milliseconds, as a hand on the scrollbar's thumb
 * does: every frame puts the scroll position where the time says (hundreds of rows a frame, so no
 * fixed prefetch can guess ahead). As with a real drag, the scroll reaches the page's scroll
 * listeners before the frame is painted (the move, then its scroll event, then the paint): the
 * probe moves the list and dispatches the scroll in the frame's requestAnimationFrame, then looks at
 * what that frame will paint. Records each frame's length, whether any row in view was a 読み込み中
 * placeholder, and whether the view was not filled with rows (a placeholder, or no row drawn there).
 */
export function drag({ ms }: { ms: number }) {
  return new Promise<{
    frames: number[];
    checked: number;
    withPlaceholders: number;
    notFilled: number;
    rows: number;
  }>((resolve) => {
    const scroller = document.querySelector('.statement-scroll')! as PageElement & {
      scrollHeight: number;
      clientHeight: number;
    };
    const bottom = scroller.scrollHeight - scroller.clientHeight;
    const lengths: number[] = [];
    let withPlaceholders = 0;
    let notFilled = 0;
    let start = -1;
    let last = 0;
    const frame = (now: number) => {
      if (start < 0) start = last = now;
      lengths.push(now - last);
      last = now;
      scroller.scrollTop = Math.round(bottom * Math.min(1, (now - start) / ms));
      scroller.dispatchEvent(new Event('scroll'));
      const view = scroller.getBoundingClientRect();
      const inView = (row: PageElement) => {
        const r = row.getBoundingClientRect();
        return Math.max(0, Math.min(r.bottom, view.bottom) - Math.max(r.top, view.top));
      };
      const loading = [...scroller.querySelectorAll('[data-testid="statement-row-loading"]')];
      const shown = [...scroller.querySelectorAll('[data-testid="statement-row"]')];
      if (loading.some((row) => inView(row) > 0)) withPlaceholders++;
      const filled = shown.reduce((n, row) => n + inView(row), 0);
      if (filled < Math.min(view.bottom - view.top, scroller.clientHeight) - 1) notFilled++;
      if (now - start >= ms)
        return resolve({
          frames: lengths.slice(1),
          checked: lengths.length,
          withPlaceholders,
          notFilled,
          rows: Math.round(bottom / 36),
        });
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

/** Clicks 帳簿 and resolves at the first frame that shows a line of 仕訳待ち. */
export function timeQueueFirstPage(): Promise<number> {
  return new Promise((resolve) => {
    const start = performance.now();
    const button = [...document.querySelectorAll('nav button')].find((b) => b.textContent === '帳簿');
    button!.click();
    const check = () => {
      if (document.querySelector('[data-testid="review-queue"] [role="option"]'))
        requestAnimationFrame(() => resolve(performance.now() - start));
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}

/**
 * The wall-clock time (ms since the epoch, to compare with the core's log) of the first frame after
 * the 口座 screen's accounts are in the DOM: the frame that paints them. Asked as the page starts
 * loading.
 */
export function accountsPainted(): Promise<number> {
  return new Promise<number>((resolve) => {
    const check = () =>
      document.querySelector('[data-testid="account-group"]')
        ? requestAnimationFrame(() => resolve(performance.timeOrigin + performance.now()))
        : requestAnimationFrame(check);
    check();
  });
}

/** The page's own load, from its navigation's start until DOMContentLoaded ended (ms). */
export function pageLoaded(): number {
  // Node's types know no 'navigation' entry; the page's performance has one.
  const page = performance as unknown as { getEntriesByType(type: string): unknown[] };
  const entries = page.getEntriesByType('navigation');
  const [navigation] = entries as Array<{ domContentLoadedEventEnd: number }>;
  return navigation?.domContentLoadedEventEnd ?? 0;
}
