import type { Channel } from '../../../shared/bank/oauth.ts';
import { call, errorInfo } from '../bridge.ts';
import type { CoreState } from '../useCore.ts';

/** 個人 / 法人 buttons, and the waiting state with its cancel while the browser is open. */
export function ConnectPanel({ core }: { core: CoreState }) {
  const connect = async (channel: Channel) => {
    core.setError(undefined);
    try {
      await call('connections:connect', { channel });
    } catch (error) {
      core.setError(errorInfo(error));
    }
  };

  if (core.waiting) {
    return (
      <section className="panel waiting" aria-live="polite">
        <p className="waiting-text">ブラウザで認証を続けてください</p>
        <p className="hint">
          銀行の画面でログインし、アクセスを許可すると、ここに戻ります（5分で中止されます）。
        </p>
        <button type="button" onClick={() => void call('connections:cancel', undefined)}>
          キャンセル
        </button>
      </section>
    );
  }
  return (
    <section className="panel connect">
      <h2>口座を連携する</h2>
      <div className="buttons">
        <button type="button" className="primary" onClick={() => void connect('personal')}>
          個人（WEBバンキング）で連携
        </button>
        <button type="button" className="primary" onClick={() => void connect('corporate')}>
          法人（WEB-FB）で連携
        </button>
      </div>
    </section>
  );
}
