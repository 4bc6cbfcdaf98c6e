import { useRef } from 'react';
import type { AccountView } from '../../../shared/ipc/contract.ts';
import { useNow } from '../app/use-now.ts';
import { useReachedTime } from '../app/use-reached-time.ts';
import { formatDateTime, formatRetryTime } from '../i18n/format.ts';
import { useWords } from '../i18n/words.ts';
import { syncEstimate, syncFraction, syncTotals } from './progress.ts';
import type { SyncControl } from './use-sync.ts';

/**
 * The top bar's 同期 button, the bar by date with pages and rows while it runs, and the last result
 * over every link: green only when no account failed. 同期 waits for the time the bank asked for,
 * as the error's 再試行 does.
 */
export function SyncStatus({ sync, accounts }: { sync: SyncControl; accounts: AccountView[] }) {
  const { t, lang, errorText } = useWords();
  const now = useNow();
  const { state, summary } = sync;
  const running = sync.busy;
  const accountCount = accounts.filter((a) => state.running.includes(a.connectionId)).length;
  const fraction = syncFraction(state, accountCount, now);
  const percent = Math.round(fraction * 100);
  const totals = syncTotals(state);
  // When this run began, as the screen saw it: the time left is the time taken so far, scaled.
  const began = useRef<number | undefined>(undefined);
  if (!running) began.current = undefined;
  else began.current ??= Date.now();
  const estimate = running ? syncEstimate(fraction, Date.now() - began.current!, totals.rows) : undefined;
  const left = (seconds: number) =>
    seconds < 90
      ? t('sync.secondsLeft', { count: Math.max(1, Math.round(seconds / 5) * 5) })
      : t('sync.minutesLeft', { count: Math.round(seconds / 60) });
  const progressText = `${t('sync.running')} ${percent}% ${t('sync.progress', totals)}${
    estimate ? t('sync.estimate', { total: estimate.totalRows, left: left(estimate.secondsLeft) }) : ''
  }`;
  const reached = useReachedTime(summary?.notBefore);

  return (
    <div className="sync-status">
      <button
        type="button"
        className="primary"
        onClick={() => sync.run()}
        disabled={running || !reached}
        title={
          reached ? undefined : t('errors.retryAt', { time: formatRetryTime(summary!.notBefore!, lang) })
        }
      >
        {t('sync.button')}
      </button>
      {running ? (
        <div className="sync-progress">
          <div
            className="progress-track"
            role="progressbar"
            aria-label={t('sync.progressLabel')}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            aria-valuetext={progressText}
          >
            <div className="progress-fill" style={{ width: `${percent}%` }} />
          </div>
          <span className="sync-text" aria-live="polite">
            {state.waitingUntil
              ? t('sync.waiting', { time: formatRetryTime(state.waitingUntil, lang) })
              : progressText}
          </span>
        </div>
      ) : (
        summary && (
          <span
            className="sync-text"
            data-testid="sync-last"
            title={summary.error ? errorText(summary.error.code) : undefined}
          >
            {t('sync.last', { time: formatDateTime(summary.finishedAt, lang) })}{' '}
            <span className={summary.error ? 'result-error' : 'result-ok'}>
              {summary.error
                ? t('sync.lastFailed', { count: summary.failed })
                : t('sync.lastOk', { count: summary.newRows })}
            </span>
          </span>
        )
      )}
    </div>
  );
}
