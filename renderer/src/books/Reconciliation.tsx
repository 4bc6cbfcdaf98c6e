import { useEffect, useState } from 'react';
import type { ReconciliationView } from '../../../shared/ipc/reports-contract.ts';
import { call } from '../bridge.ts';
import type { ErrorState } from '../app/use-error.ts';
import { formatLedgerDate, formatYen } from '../i18n/format.ts';
import { useWords } from '../i18n/words.ts';
import { TableHead } from './TableHead.tsx';

/**
 * 残高照合: per account the bank's balance on its last synced day against the books', what the
 * lines not yet registered explain, and what nothing explains — with the days it changed and the
 * bank's lines around the first (a ⚠ where a balance does not follow from the line before).
 */
export function Reconciliation({ errors }: { errors: ErrorState }) {
  const { t, lang } = useWords();
  const [view, setView] = useState<ReconciliationView>();
  useEffect(() => {
    call('reports:reconciliation-get', undefined).then(setView, (error: unknown) => errors.show(error));
  }, [errors]);
  if (!view) return <p>{t('common.loading')}</p>;
  const yen = (n: number) => formatYen(n, lang);
  const date = (d: string) => formatLedgerDate(d, lang);
  return (
    <div className="reconcile">
      <p className="hint">
        {t('books.reports.reconcileHint')}{' '}
        {view.openingAsOf
          ? t('books.reports.openingFrom', { date: date(view.openingAsOf) })
          : t('books.reports.noOpening')}
      </p>
      {view.accounts.length === 0 && <p>{t('books.reports.noAccounts')}</p>}
      {view.accounts.map((a) => (
        <section key={a.accountId} className="reconcile-account" data-testid="reconcile-account">
          <h4>
            {a.label}{' '}
            <span className={a.unexplained === 0 ? 'balanced' : 'unbalanced'}>
              {a.unexplained === 0
                ? t('books.reports.matches')
                : t('books.reports.differs', { amount: yen(a.unexplained) })}
            </span>
          </h4>
          <dl className="reconcile-figures">
            <dt>{t('books.reports.bankBalance', { date: a.lastDate ? date(a.lastDate) : '—' })}</dt>
            <dd>{a.bankBalance === null ? '—' : yen(a.bankBalance)}</dd>
            <dt>{t('books.reports.ledgerBalance')}</dt>
            <dd>{yen(a.ledgerBalance)}</dd>
            <dt>{t('books.reports.notBooked')}</dt>
            <dd>{yen(a.notBooked)}</dd>
          </dl>
          {a.changes.length > 0 && (
            <>
              <table className="accounts report-table">
                <caption>{t('books.reports.changes')}</caption>
                <TableHead
                  text={[t('books.col.date')]}
                  amounts={[
                    t('books.reports.col.bank'),
                    t('books.reports.col.books'),
                    t('books.reports.col.notBooked'),
                    t('books.reports.col.unexplained'),
                  ]}
                />
                <tbody>
                  {a.changes.map((c) => (
                    <tr key={c.date}>
                      <td>{date(c.date)}</td>
                      <td className="num">{yen(c.bankBalance)}</td>
                      <td className="num">{yen(c.ledgerBalance)}</td>
                      <td className="num">{yen(c.notBooked)}</td>
                      <td className="num">{yen(c.unexplained)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <table className="accounts report-table" data-testid="reconcile-lines">
                <caption>{t('books.reports.around', { date: date(a.changes[0]!.date) })}</caption>
                <TableHead
                  text={[t('books.col.date'), t('books.reports.col.memo')]}
                  amounts={[
                    t('books.monthly.deposits'),
                    t('books.monthly.withdrawals'),
                    t('books.reports.col.bank'),
                  ]}
                  after={[t('books.reports.col.state')]}
                />
                <tbody>
                  {a.around.map((l, i) => (
                    <tr key={i} className={l.chainBreak ? 'chain-break' : ''}>
                      <td>{date(l.date)}</td>
                      <td className="memo">{l.remarks}</td>
                      <td className="num">{l.type === '1' ? yen(l.amount) : ''}</td>
                      <td className="num">{l.type === '2' ? yen(l.amount) : ''}</td>
                      <td className="num">{yen(l.balance)}</td>
                      <td>
                        {l.booked ? t('books.reports.booked') : t('books.reports.unbooked')}
                        {l.chainBreak && ` ⚠ ${t('books.reports.chainBreak')}`}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </section>
      ))}
    </div>
  );
}
