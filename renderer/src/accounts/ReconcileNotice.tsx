import { useEffect, useState } from 'react';
import type { ReconciliationView } from '../../../shared/ipc/contract.ts';
import { call } from '../bridge.ts';
import { formatLedgerDate, formatYen } from '../i18n/format.ts';
import { useWords } from '../i18n/words.ts';

/**
 * On 口座: the accounts whose bank balance the books do not explain (残高照合), each with the
 * bank's lines around the day the difference began, and the way to the books' reconciliation.
 * Nothing is shown while every account matches, nor before the books' opening balances are
 * entered: until then the books start from zero and every account would "differ" by its balance.
 */
export function ReconcileNotice({ dataVersion, onOpen }: { dataVersion: number; onOpen(): void }) {
  const { t, lang } = useWords();
  const [view, setView] = useState<ReconciliationView>();
  useEffect(() => {
    // A failure here must not hide the accounts: the books' screen shows it with its fix.
    call('reports:reconciliation-get', undefined).then(setView, () => setView(undefined));
  }, [dataVersion]);
  const differing =
    view?.openingAsOf == null ? [] : view.accounts.filter((a) => a.unexplained !== 0 && a.changes.length > 0);
  if (differing.length === 0) return null;
  const date = (d: string) => formatLedgerDate(d, lang);
  return (
    <section className="reconcile-notice" data-testid="reconcile-notice" aria-labelledby="reconcile-heading">
      <h3 id="reconcile-heading">{t('accounts.reconcileHeading')}</h3>
      {differing.map((a) => (
        <div key={a.accountId}>
          <p className="result-error">
            {t('accounts.reconcileDiff', {
              account: a.label,
              amount: formatYen(a.unexplained, lang),
              date: date(a.changes[0]!.date),
            })}
          </p>
          <div className="table-scroll">
            <table className="accounts">
              <caption>{t('accounts.reconcileLines', { date: date(a.changes[0]!.date) })}</caption>
              <tbody>
                {a.around.map((l, i) => (
                  <tr key={i}>
                    <td>{date(l.date)}</td>
                    <td>{l.remarks}</td>
                    <td className="num">{formatYen(l.type === '1' ? l.amount : -l.amount, lang)}</td>
                    <td className="num">{formatYen(l.balance, lang)}</td>
                    <td>{l.chainBreak ? `⚠ ${t('accounts.reconcileBreak')}` : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ))}
      <button type="button" onClick={onOpen}>
        {t('accounts.reconcileOpen')}
      </button>
    </section>
  );
}
