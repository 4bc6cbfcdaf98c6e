import { APP_ERROR_TEXT } from '../../../shared/app-errors.ts';
import { call, errorInfo } from '../bridge.ts';
import { jstDateTime } from '../format.ts';
import type { CoreState } from '../useCore.ts';

/** The 同期 button, its progress while it runs, and how the last sync ended. */
export function SyncBar({ core }: { core: CoreState }) {
  const sync = async () => {
    core.setError(undefined);
    try {
      const outcomes = await call('sync:run', {});
      const failed = outcomes.map((o) => o.error ?? o.accounts.find((a) => a.error)?.error).find(Boolean);
      if (failed) core.setError(failed);
    } catch (error) {
      core.setError(errorInfo(error));
    }
  };
  const last = core.lastSync;
  const lastError = last?.error ?? last?.accounts.find((a) => a.error)?.error;
  return (
    <section className="panel sync">
      <button type="button" className="primary" onClick={() => void sync()} disabled={!!core.progress}>
        同期
      </button>
      {core.progress ? (
        <span className="progress" role="status">
          同期中… {core.progress.pages}ページ・{core.progress.rows.toLocaleString('ja-JP')}件
        </span>
      ) : (
        last && (
          <span className="last-sync">
            前回の同期: {jstDateTime(last.finishedAt)}{' '}
            {lastError
              ? `（${APP_ERROR_TEXT[lastError.code].ja}）`
              : `（新しい明細 ${last.accounts.reduce((n, a) => n + a.newTransactions, 0)}件）`}
          </span>
        )
      )}
    </section>
  );
}
