import type { AccountGroup, ConnectionView } from '../../../shared/ipc/contract.ts';
import { Dialog } from '../app/Dialog.tsx';
import { useWords } from '../i18n/words.ts';
import { accountLabel } from '../accounts/account-label.ts';

interface Props {
  connection: ConnectionView;
  group: AccountGroup | undefined;
  onStart(): void;
  onCancel(): void;
}

/**
 * Before 再連携: who must log in at the bank. The core refuses a re-link by anyone else (only a
 * customer who holds this link's accounts), so the user is told before the browser opens.
 */
export function RelinkDialog({ connection, group, onStart, onCancel }: Props) {
  const { t, channelName } = useWords();
  return (
    <Dialog title={t('relinkWho.title')} onEscape={onCancel}>
      <p>{t('relinkWho.body', { bank: connection.bankName, channel: channelName(connection.channel) })}</p>
      <p className="relink-who" data-testid="relink-who">
        <strong>{group?.holderNames.join('・') || t('common.none')}</strong>
        {group && group.accounts.length > 0 && (
          <span className="muted">
            {' '}
            （{group.accounts.map((a) => accountLabel(a, { short: true })).join('、')}）
          </span>
        )}
      </p>
      <p className="hint">{t('relinkWho.other')}</p>
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onStart}>
          {t('relinkWho.start')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
