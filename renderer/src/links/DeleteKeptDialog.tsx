import type { AccountGroup, ConnectionView } from '../../../shared/ipc/contract.ts';
import { Dialog } from '../app/Dialog.tsx';
import { useWords } from '../i18n/words.ts';

interface Props {
  connection: ConnectionView;
  group: AccountGroup | undefined;
  onDelete(): void;
  onCancel(): void;
}

/** 保存データを削除: what a disconnected link kept goes for good, so the dialog says exactly what. */
export function DeleteKeptDialog({ connection, group, onDelete, onCancel }: Props) {
  const { t, channelName } = useWords();
  const rows = group?.accounts.reduce((n, a) => n + a.transactionCount, 0) ?? 0;
  return (
    <Dialog title={t('deleteKept.title')} onEscape={onCancel}>
      <p className="warning" role="alert">
        {t('deleteKept.warning', {
          bank: connection.bankName,
          channel: channelName(connection.channel),
          holder: group?.holderNames.join('・') ?? '',
          accounts: group?.accounts.length ?? 0,
          rows,
        })}
      </p>
      <div className="dialog-actions">
        {/* Cancel first: Enter on the dialog's first button must not delete. */}
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="button" className="danger" onClick={onDelete}>
          {t('deleteKept.confirm')}
        </button>
      </div>
    </Dialog>
  );
}
