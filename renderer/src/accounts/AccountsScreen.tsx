import type { AccountView, ConnectionView } from '../../../shared/ipc/contract.ts';
import { formatBaseDateTime, formatDateTime, formatYen } from '../i18n/format.ts';
import { useWords } from '../i18n/words.ts';
import { accountSyncResult } from './sync-result.ts';

/** 口座: every linked account with its balance, when the bank struck it, its last sync, and the total. */
export function AccountsScreen({
  accounts,
  connections,
}: {
  accounts: AccountView[];
  connections: ConnectionView[];
}) {
  const { t, lang, accountType } = useWords();
  const total = accounts.reduce((sum, a) => sum + (a.balance ?? 0), 0);
  const connectionOf = new Map(connections.map((c) => [c.id, c]));
  return (
    <section className="panel" aria-labelledby="accounts-heading">
      <h2 id="accounts-heading">{t('accounts.heading')}</h2>
      <div className="table-scroll">
        <table className="accounts" data-testid="accounts-table">
          <thead>
            <tr>
              <th scope="col">{t('accounts.bank')}</th>
              <th scope="col">{t('accounts.branch')}</th>
              <th scope="col">{t('accounts.type')}</th>
              <th scope="col">{t('accounts.number')}</th>
              <th scope="col">{t('accounts.name')}</th>
              <th scope="col" className="num">
                {t('accounts.balance')}
              </th>
              <th scope="col">{t('accounts.baseDateTime')}</th>
              <th scope="col">{t('accounts.lastSync')}</th>
              <th scope="col" className="num">
                {t('accounts.transactions')}
              </th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.id}>
                <td>{a.bankName}</td>
                <td>{a.branchName}</td>
                <td>{accountType(a.accountTypeName)}</td>
                <td className="mono">{a.maskedNumber}</td>
                <td>{a.accountName}</td>
                <td className="num">
                  {a.balance === undefined ? t('common.none') : formatYen(a.balance, lang)}
                </td>
                <td>
                  {a.balanceBaseDate
                    ? formatBaseDateTime(a.balanceBaseDate, a.balanceBaseTime, lang)
                    : t('common.none')}
                </td>
                <td>
                  <SyncResult result={accountSyncResult(a, connectionOf.get(a.connectionId))} />
                </td>
                <td className="num">{t('accounts.items', { count: a.transactionCount })}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr data-testid="accounts-total">
              <th scope="row" colSpan={5}>
                {t('accounts.total')}
              </th>
              <td className="num total">{formatYen(total, lang)}</td>
              <td colSpan={3}></td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}

function SyncResult({ result }: { result: ReturnType<typeof accountSyncResult> }) {
  const { t, lang, errorText } = useWords();
  if (!result) return <>{t('accounts.neverSynced')}</>;
  return (
    <>
      {formatDateTime(result.at, lang)}
      <span className={result.error ? 'result result-error' : 'result result-ok'}>
        {result.error ? errorText(result.error.code) : t('accounts.syncOk')}
      </span>
    </>
  );
}
