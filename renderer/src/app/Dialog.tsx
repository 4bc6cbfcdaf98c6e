import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

/** What Tab can reach inside a dialog. */
const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog named by its title. Focus moves into it on open and back where it was on close;
 * Tab and Shift+Tab go round its own controls, never to the screen behind it; Escape calls
 * `onEscape` (a dialog whose work is under way, such as a wait at the bank, handles Escape as its
 * own cancel).
 */
export function Dialog({
  title,
  onEscape,
  children,
}: {
  title: string;
  onEscape(): void;
  children: ReactNode;
}) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    ref.current?.querySelector<HTMLElement>('button, select, input')?.focus();
    return () => before?.focus?.();
  }, []);

  return (
    <div className="dialog-backdrop">
      <div
        ref={ref}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onEscape();
          if (event.key === 'Tab' && ref.current) keepFocusWithin(ref.current, event);
        }}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </div>
  );
}

/** Tab from the last control goes to the first, Shift+Tab from the first to the last. */
function keepFocusWithin(dialog: HTMLElement, event: KeyboardEvent<HTMLElement>): void {
  const controls = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => !el.matches(':disabled') && el.getClientRects().length > 0,
  );
  const first = controls[0];
  const last = controls.at(-1);
  if (!first || !last) return;
  const active = document.activeElement;
  if (event.shiftKey && active === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}
