import { useEffect, useMemo, useState } from 'react';

/**
 * The time, refreshed every `everyMs` so days left and retry times move on while the app stays
 * open, and read again whenever `readAgainOn` changes: new data (a link whose end the bank moved)
 * is then counted from the present, not from the last tick up to a minute ago.
 */
export function useNow(everyMs = 60_000, readAgainOn?: unknown): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  // The clock is read again when the tick or the data change (deliberately not pure).
  return useMemo(() => Date.now(), [tick, readAgainOn]);
}
