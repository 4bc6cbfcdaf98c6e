import { APP_ERROR_TEXT } from '../../../shared/app-errors.ts';
import { formatRetryTime, joinNames } from '../i18n/format.ts';
import { useWords } from '../i18n/words.ts';
import type { ShownError } from './use-error.ts';
import { useReachedTime } from './use-reached-time.ts';

export interface FixHandlers {
  relink(connectionId?: string): void;
  openSettings(): void;
  reload(): void;
  /** Bookkeeping: the 勘定科目 list, where a title gets its name in an export target. */
  openChart?(): void;
}

/** An error in words with its one fix action as a button (APP_ERROR_TEXT decides which). */
export function ErrorNotice({
  error,
  fix,
  onDismiss,
}: {
  error: ShownError;
  fix: FixHandlers;
  onDismiss(): void;
}) {
  const { t, lang, errorText } = useWords();
  const { info } = error;
  const action = APP_ERROR_TEXT[info.code].action;
  const reached = useReachedTime(action === 'retry-later' ? info.retryAt : undefined);

  const onFix = () => {
    onDismiss();
    if (action === 'relink') fix.relink(error.connectionId);
    else if (action === 'check-bank-settings') fix.openSettings();
    else if (action === 'reload') fix.reload();
    // The form that was sent is still there to correct.
    else if (action === 'edit-input') return;
    else if (action === 'open-chart') fix.openChart?.();
    // Without a failed action to run again, retrying means asking the core for the lists again.
    else (error.retry ?? fix.reload)();
  };
  const showButton = action !== 'none';

  return (
    <div className="notice notice-error" role="alert" data-code={info.code}>
      <div className="notice-body">
        <p className="notice-message">{errorText(info.code)}</p>
        {action === 'retry-later' && info.retryAt && (
          <p className="notice-time">{t('errors.retryAt', { time: formatRetryTime(info.retryAt, lang) })}</p>
        )}
        {action === 'unlock-keychain' && (
          <p className="hint" data-testid="keychain-cause">
            {t(`errors.keychain.${info.keychainCause ?? 'unknown'}`)}
          </p>
        )}
        {info.customers && (
          <p className="hint" data-testid="other-customer">
            {t('errors.otherCustomer', {
              signedIn: joinNames(info.customers.signedIn, lang) || t('common.none'),
              expected: joinNames(info.customers.expected, lang) || t('common.none'),
            })}
          </p>
        )}
        {/* The bank's own code (WG_ERR_106…), for the user to quote to the bank's support. */}
        {info.bankCode && (
          <p className="hint" data-testid="bank-code">
            {t('errors.bankCode', { code: info.bankCode })}
          </p>
        )}
      </div>
      <div className="notice-actions">
        {showButton && (
          <button
            type="button"
            className="primary"
            onClick={onFix}
            disabled={action === 'retry-later' && !reached}
          >
            {t(`errors.action.${action}`)}
          </button>
        )}
        <button type="button" className="link-button" onClick={onDismiss}>
          {t('common.close')}
        </button>
      </div>
    </div>
  );
}
