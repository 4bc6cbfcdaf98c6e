import type { AccountView } from '../../../shared/ipc/contract.ts';
import { useNow } from '../app/use-now.ts';
import { formatDateTime, formatRetryTime } from '../i18n/format.ts';
import { useWords } from '../i18n/words.ts';
import { newRows, outcomeError, syncFraction, syncTotals } from './progress.ts';
import type { SyncControl } from './use-sync.ts';

/** The top bar's 同期 button, the bar by date with pages and rows while it runs, and the last result. */
export function SyncStatus({ sync, accounts }: { sync: SyncControl; accounts: AccountView[] }) {
  const { t, lang, errorText } = useWords();
  const now = useNow();
  const { state } = sync;
  const running = sync.busy;
  const accountCount = accounts.filter((a) => state.running.includes(a.connectionId)).length;
  const percent = Math.round(syncFraction(state, accountCount, now) * 100);
  const totals = syncTotals(state);
  const lastError = state.last && outcomeError(state.last);

  return (
    <div className="sync-status">
      <button type="button" className="primary" onClick={() => sync.run()} disabled={running}>
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
            aria-valuetext={`${percent}% ${t('sync.progress', totals)}`}
          >
            <div className="progress-fill" style={{ width: `${percent}%` }} />
          </div>
          <span className="sync-text" aria-live="polite">
            {state.waitingUntil
              ? t('sync.waiting', { time: formatRetryTime(state.waitingUntil, lang) })
              : `${t('sync.running')} ${t('sync.progress', totals)}`}
          </span>
        </div>
      ) : (
        state.last && (
          <span className="sync-text" title={lastError ? errorText(lastError.code) : undefined}>
            {t('sync.last', { time: formatDateTime(state.last.finishedAt, lang) })}{' '}
            <span className={lastError ? 'result-error' : 'result-ok'}>
              {lastError ? t('sync.lastFailed') : t('sync.lastOk', { count: newRows(state.last) })}
            </span>
          </span>
        )
      )}
    </div>
  );
}
