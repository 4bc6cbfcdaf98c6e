import { CHANNEL_NAMES, SCOPE_NAMES } from '../../../shared/bank/oauth.ts';
import type { ConnectionStatus, ConnectionView } from '../../../shared/ipc/contract.ts';
import { call, errorInfo } from '../bridge.ts';
import { daysLeft, jstDate } from '../format.ts';
import type { CoreState } from '../useCore.ts';

const STATUS_NAMES: Record<ConnectionStatus, string> = {
  active: '有効',
  'relink-required': '要再連携',
  disconnected: '連携解除済み',
};
/** The link's end is announced this many days ahead. */
const WARN_DAYS = 14;

/** 連携: each connection with its channel, scopes, expiry, and 再連携 / 連携解除. */
export function ConnectionList({ core }: { core: CoreState }) {
  const act = async (run: () => Promise<unknown>) => {
    core.setError(undefined);
    try {
      await run();
    } catch (error) {
      core.setError(errorInfo(error));
    }
  };
  const disconnect = (connection: ConnectionView) => {
    if (!window.confirm(`${connection.bankName}との連携を解除します。よろしいですか？`)) return;
    const keepData = window.confirm('取り込み済みの残高・明細をこのアプリに残しますか？（キャンセルで削除）');
    void act(() => call('connections:disconnect', { connectionId: connection.id, keepData }));
  };

  return (
    <section className="panel">
      <h2>連携</h2>
      <ul className="connections">
        {core.connections.map((c) => {
          const left = daysLeft(c.expiresAt);
          return (
            <li key={c.id} className={`connection status-${c.status}`}>
              <div>
                <strong>{c.bankName}</strong> {CHANNEL_NAMES[c.channel].ja}
                <span className="badge">{STATUS_NAMES[c.status]}</span>
              </div>
              <div className="meta">
                {c.scopes.map((s) => SCOPE_NAMES[s].ja).join('・')} ／ 連携日 {jstDate(c.linkedAt)} ／
                有効期限 {jstDate(c.expiresAt)}
                {c.status === 'active' && <>（あと{left}日）</>}
              </div>
              {c.status === 'active' && left <= WARN_DAYS && (
                <div className="warning">連携の有効期限が近づいています。期限後は再連携が必要です。</div>
              )}
              <div className="actions">
                {c.status === 'relink-required' && (
                  <button
                    type="button"
                    className="primary"
                    onClick={() => void act(() => call('connections:relink', { connectionId: c.id }))}
                  >
                    再連携
                  </button>
                )}
                {c.status !== 'disconnected' && (
                  <button type="button" onClick={() => disconnect(c)}>
                    連携解除
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
