import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal dialog named by its title. Focus moves into it on open; Escape calls `onEscape` (a dialog
 * whose work is under way, such as a wait at the bank, handles Escape as its own cancel).
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
        }}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </div>
  );
}
