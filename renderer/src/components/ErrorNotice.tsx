import { APP_ERROR_TEXT, type AppErrorInfo, type FixAction } from '../../../shared/app-errors.ts';
import { jstDateTime } from '../format.ts';

/** What each fix action tells the user to do, when it is not a button elsewhere on the page. */
const ACTION_HINTS: Record<FixAction, string> = {
  relink: '「連携」の一覧から「再連携」を押してください。',
  retry: 'もう一度お試しください。',
  'retry-later': 'しばらく待ってから「同期」を押してください。',
  'unlock-keychain': 'OSのキーチェーン（パスワード管理）のロックを解除してから、もう一度お試しください。',
  'check-bank-settings': '銀行の設定を確認してください。',
  reload: '画面を更新してください。',
  none: '',
};

/** An error in words, with its one fix action. */
export function ErrorNotice({ error, onDismiss }: { error: AppErrorInfo; onDismiss(): void }) {
  const text = APP_ERROR_TEXT[error.code];
  return (
    <div className="notice notice-error" role="alert" data-code={error.code}>
      <p>{text.ja}</p>
      {error.retryAt && <p>再試行できる時刻: {jstDateTime(error.retryAt)}</p>}
      {ACTION_HINTS[text.action] && <p className="hint">{ACTION_HINTS[text.action]}</p>}
      <button type="button" onClick={onDismiss}>
        閉じる
      </button>
    </div>
  );
}
