import { useState } from 'react';
import type { ProfileChoice } from '../app/use-core-data.ts';
import { Dialog } from '../app/Dialog.tsx';
import { useWords } from '../i18n/words.ts';
import { LinkWaiting } from './LinkWaiting.tsx';
import type { Linking } from './use-linking.ts';

/** 口座を連携: 個人 / 法人 (and the bank, when there is more than one), then the wait at the bank. */
export function ConnectDialog({ linking, profiles }: { linking: Linking; profiles: ProfileChoice[] }) {
  const { t } = useWords();
  const [profileId, setProfileId] = useState(profiles[0]?.id ?? '');
  const dialog = linking.dialog;
  if (!dialog) return null;

  const title = dialog.mode === 'relink' ? t('connect.relinkTitle') : t('connect.title');
  if (dialog.phase !== 'choose') {
    // キャンセル works in every phase: the core stops a flow still preparing its request as well.
    const pending = dialog.phase === 'browser' ? dialog.pending : undefined;
    return (
      // Keyed by phase: when the browser opens, the dialog is new and focus moves into it.
      <Dialog key={dialog.phase} title={title} onEscape={linking.cancel}>
        <div className="waiting" aria-live="polite">
          <span className="spinner" aria-hidden="true" />
          <p className="waiting-text">{pending ? t('connect.waiting') : t('connect.starting')}</p>
        </div>
        {pending && <LinkWaiting pending={pending} onReopen={linking.reopen} />}
        <div className="dialog-actions">
          <button type="button" onClick={linking.cancel}>
            {t('common.cancel')}
          </button>
        </div>
      </Dialog>
    );
  }

  const chosen = profiles.length > 1 ? profileId : undefined;
  return (
    <Dialog title={title} onEscape={linking.close}>
      <p>{t('connect.choose')}</p>
      {profiles.length > 1 && (
        <label className="field">
          <span>{t('connect.bank')}</span>
          <select value={profileId} onChange={(event) => setProfileId(event.target.value)}>
            {profiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="channel-choices">
        <button type="button" className="primary" onClick={() => linking.connect('personal', chosen)}>
          {t('connect.personal')}
        </button>
        <button type="button" className="primary" onClick={() => linking.connect('corporate', chosen)}>
          {t('connect.corporate')}
        </button>
      </div>
      <div className="dialog-actions">
        <button type="button" onClick={linking.close}>
          {t('common.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
