import { useCallback, useState } from 'react';
import type { AppErrorInfo } from '../../../shared/app-errors.ts';
import { errorInfo } from '../bridge.ts';

/** The error on screen: its code, and what its fix action needs (what to retry, which link). */
export interface ShownError {
  info: AppErrorInfo;
  retry?: () => void;
  connectionId?: string;
}

export interface ErrorState {
  shown: ShownError | undefined;
  show(error: unknown, context?: Omit<ShownError, 'info'>): void;
  clear(): void;
}

/** One error at a time: the newest replaces the one before, as the user acts on the newest. */
export function useError(): ErrorState {
  const [shown, setShown] = useState<ShownError>();
  const show = useCallback((error: unknown, context: Omit<ShownError, 'info'> = {}) => {
    const info = isInfo(error) ? error : errorInfo(error);
    setShown({ info, ...context });
  }, []);
  const clear = useCallback(() => setShown(undefined), []);
  return { shown, show, clear };
}

function isInfo(value: unknown): value is AppErrorInfo {
  return typeof value === 'object' && value !== null && 'code' in value && !(value instanceof Error);
}
