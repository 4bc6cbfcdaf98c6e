import type { ConnectionView } from '../../../shared/ipc/contract.ts';
import { Dialog } from '../app/Dialog.tsx';
import { JournalKeptNote } from '../books/JournalKeptNote.tsx';
import { useWords } from '../i18n/words.ts';

interface Props {
  connection: ConnectionView;
  onChoose(keepData: boolean): void;
  onCancel(): void;
}

/** 連携解除: the bank's consent is withdrawn either way; the user decides about the local data. */
export function DisconnectDialog({ connection, onChoose, onCancel }: Props) {
  const { t, channelName } = useWords();
  return (
    <Dialog title={t('disconnect.title')} onEscape={onCancel}>
      <p>
        {t('disconnect.question', { bank: connection.bankName, channel: channelName(connection.channel) })}
      </p>
      <JournalKeptNote connectionId={connection.id} />
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={() => onChoose(true)}>
          {t('disconnect.keep')}
        </button>
        <button type="button" className="danger" onClick={() => onChoose(false)}>
          {t('disconnect.delete')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
