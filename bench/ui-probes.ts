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
