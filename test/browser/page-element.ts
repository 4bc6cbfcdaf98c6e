/**
 * What the statement specs' page-side functions touch of an element. The Node project has no DOM
 * library (as in bench/ui-probes.ts), so a spec declares `document` over this for its own file.
 */
export interface PageElement {
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
  textContent: string | null;
  dataset: Record<string, string | undefined>;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { top: number; bottom: number };
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement> & Iterable<PageElement>;
  dispatchEvent(event: Event): boolean;
}
