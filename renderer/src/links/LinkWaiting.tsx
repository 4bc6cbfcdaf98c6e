import { useRef, useState } from 'react';
import type { PendingLinkView } from '../../../shared/ipc/contract.ts';
import { useNow } from '../app/use-now.ts';
import { useWords } from '../i18n/words.ts';
import { minutesLeft } from './link-state.ts';

/**
 * The wait at the bank, for when the browser did not open (headless, remote, a broken
 * xdg-open) or its tab was closed: which bank and channel, the address the app opened with コピー
 * and もう一度開く, and the minutes left.
 */
export function LinkWaiting({ pending, onReopen }: { pending: PendingLinkView; onReopen(): void }) {
  const { t } = useWords();
  const now = useNow(5_000);
  const address = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);

  const copy = () => {
    const done = () => setCopied(true);
    // The clipboard API needs a secure context (app:// and 127.0.0.1 are); else select it for ⌘C/Ctrl+C.
    navigator.clipboard?.writeText(pending.authorizationUrl).then(done, () => address.current?.select());
  };

  return (
    <div className="link-waiting">
      <p className="waiting-for" data-testid="waiting-for">
        {t('connect.waitingFor', { bank: pending.bankName, channel: t(`connect.${pending.channel}`) })}
      </p>
      <p className="hint">{t('connect.waitingHint')}</p>
      <label className="field">
        <span>{t('connect.address')}</span>
        <input
          ref={address}
          readOnly
          value={pending.authorizationUrl}
          onFocus={(event) => event.target.select()}
          data-testid="authorization-url"
        />
      </label>
      <div className="address-actions">
        <button type="button" onClick={copy}>
          {copied ? t('connect.copied') : t('connect.copy')}
        </button>
        <button type="button" onClick={onReopen}>
          {t('connect.reopen')}
        </button>
        <span className="minutes-left" data-testid="minutes-left">
          {t('connect.minutesLeft', { count: minutesLeft(pending.expiresAt, now) })}
        </span>
      </div>
    </div>
  );
}
