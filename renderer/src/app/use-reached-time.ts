import { useEffect, useState } from 'react';

/**
 * Whether `at` (ISO) has come, re-rendering when it does: a button that waits for the bank's time
 * enables itself then. No time: reached.
 */
export function useReachedTime(at: string | undefined): boolean {
  const time = at ? Date.parse(at) : 0;
  const [reached, setReached] = useState(() => Date.now() >= time);
  useEffect(() => {
    const wait = time - Date.now();
    setReached(wait <= 0);
    if (wait <= 0) return;
    const timer = setTimeout(() => setReached(true), wait);
    return () => clearTimeout(timer);
  }, [time]);
  return reached;
}
