import type { AccountGroup, ConnectionView } from '../../../shared/ipc/contract.ts';
import { formatDate, formatDateTime, formatRetryTime, joinNames } from '../i18n/format.ts';
import { useWords } from '../i18n/words.ts';
import { outcomeError } from '../sync/progress.ts';
import { linkBadge, linkDaysLeft } from './link-state.ts';
import { accountLabel } from '../accounts/account-label.ts';

interface Props {
  connection: ConnectionView;
  /** Its accounts and their holder: what tells two links of one bank apart. */
  group: AccountGroup | undefined;
  now: number;
  onRelink(): void;
  onDisconnect(): void;
  onDeleteKept(): void;
}

/**
 * One link: bank, channel and customer, the accounts it covers, what it allows, its dates and
 * status, and what can be done with it — for a disconnected one, delete the data it kept.
 */
export function ConnectionCard({ connection: c, group, now, onRelink, onDisconnect, onDeleteKept }: Props) {
  const { t, lang, channelName, scopeName, errorText, accountType } = useWords();
  const badge = linkBadge(c, now);
  const lastError = c.lastSync && outcomeError(c.lastSync);
  return (
    <li className={`connection badge-${badge}`} data-testid="connection" data-connection={c.id}>
      <div className="connection-head">
        <strong className="bank-name">{c.bankName}</strong>
        <span className="channel">{channelName(c.channel)}</span>
        <span className={`badge badge-${badge}`} data-testid="connection-status">
          {t(`links.status.${badge}`)}
        </span>
        {c.deleting && (
          <span className="badge badge-deleting" data-testid="connection-deleting">
            {t('links.deleting')}
          </span>
        )}
        {c.keyProtected && (
          <span className="badge badge-key" data-testid="connection-key" title={t('links.keyProtectedHint')}>
            {t('links.keyProtected')}
          </span>
        )}
      </div>
      <dl className="connection-facts">
        <dt>{t('links.holder')}</dt>
        <dd className="holder" data-testid="connection-holder">
          {group?.holderNames.length ? group.holderNames.join('・') : t('common.none')}
        </dd>
        <dt>{t('links.accounts')}</dt>
        <dd data-testid="connection-accounts">
          {group?.accounts.length ? (
            <ul className="covered-accounts">
              {group.accounts.map((a) => (
                <li key={a.id}>{accountLabel(a, { typeName: accountType })}</li>
              ))}
            </ul>
          ) : (
            t('links.noAccounts')
          )}
        </dd>
        <dt>{t('links.scopes')}</dt>
        <dd>{joinNames(c.scopes.map(scopeName), lang)}</dd>
        <dt>{t('links.linked')}</dt>
        <dd>{formatDate(c.linkedAt, lang)}</dd>
        {/* A disconnected link has no end any more: its 有効期限 would read as if it still held. */}
        {c.status !== 'disconnected' && (
          <>
            <dt>{t('links.expires')}</dt>
            <dd data-testid="connection-expiry">
              {/* A link that needs 再連携 is never shown with its old end date as if it still held; a bank
              that states no lifetime leaves the end unknown until it refuses the link. */}
              {badge === 'relink-required' ? (
                <span className="result-error">
                  {c.expiresAt !== undefined && Date.parse(c.expiresAt) <= now
                    ? t('links.expiredOn', { date: formatDate(c.expiresAt, lang) })
                    : t('links.endedAtBank')}
                </span>
              ) : c.expiresAt === undefined ? (
                t('links.expiryUnknown')
              ) : (
                <>
                  {formatDate(c.expiresAt, lang)}
                  {(badge === 'active' || badge === 'expiring') && (
                    <span className="days-left">
                      {t('links.daysLeft', { count: linkDaysLeft({ ...c, expiresAt: c.expiresAt }, now) })}
                    </span>
                  )}
                </>
              )}
            </dd>
          </>
        )}
        {c.lastSync && (
          <>
            <dt>{t('links.lastSync')}</dt>
            <dd>
              {formatDateTime(c.lastSync.finishedAt, lang)}{' '}
              <span className={lastError ? 'result-error' : 'result-ok'}>
                {lastError ? errorText(lastError.code) : t('accounts.syncOk')}
                {lastError?.retryAt &&
                  ` ${t('errors.retryAt', { time: formatRetryTime(lastError.retryAt, lang) })}`}
              </span>
            </dd>
          </>
        )}
      </dl>
      {badge === 'expiring' && <p className="warning">{t('links.expiringWarning')}</p>}
      {badge === 'relink-required' && <p className="warning">{t('links.expiredWarning')}</p>}
      {/* 削除中: the data goes in slices (a kill resumes it at the next start); nothing more to do. */}
      {c.deleting && <p className="hint">{t('links.deletingNote')}</p>}
      {c.status === 'disconnected' && !c.deleting && (
        <>
          <p className="hint">{t('links.keptNote')}</p>
          <div className="actions">
            <button type="button" className="danger" onClick={onDeleteKept}>
              {t('links.deleteKept')}
            </button>
          </div>
        </>
      )}
      {c.status !== 'disconnected' && (
        <div className="actions">
          {/* まもなく期限切れ: renewing early gives a new full term, as a bank's own app offers. */}
          {(badge === 'relink-required' || badge === 'expiring') && (
            <button type="button" className={badge === 'expiring' ? undefined : 'primary'} onClick={onRelink}>
              {t('links.relink')}
            </button>
          )}
          <button type="button" onClick={onDisconnect}>
            {t('links.disconnect')}
          </button>
        </div>
      )}
    </li>
  );
}
