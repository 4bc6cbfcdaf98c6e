import { useEffect, useState } from 'react';
import type { TrialBalanceRow, TrialBalanceView } from '../../../shared/ipc/reports-contract.ts';
import { call } from '../bridge.ts';
import type { ErrorState } from '../app/use-error.ts';
import { formatLedgerDate, formatYen } from '../i18n/format.ts';
import { useWords } from '../i18n/words.ts';
import { downloadCsv, type ReportPeriod } from './report-period.ts';
import { TableHead } from './TableHead.tsx';

/**
 * 残高試算表: B/S then P/L, each title's 前月繰越, the period's 借方 and 貸方, and its balance on its
 * own side; the totals of debit-side and credit-side balances, which agree when the books balance.
 */
export function TrialBalance({
  period,
  errors,
  onOpenLedger,
}: {
  period: ReportPeriod;
  errors: ErrorState;
  onOpenLedger(titleCode: string): void;
}) {
  const { t, lang } = useWords();
  const [view, setView] = useState<TrialBalanceView>();
  const { dateFrom, dateTo } = period;
  useEffect(() => {
    if (dateFrom > dateTo) return;
    let stale = false;
    call('reports:trial-balance-get', { dateFrom, dateTo }).then(
      (v) => !stale && setView(v),
      (error: unknown) => errors.show(error),
    );
    return () => {
      stale = true;
    };
  }, [dateFrom, dateTo, errors]);
  if (!view) return <p>{t('common.loading')}</p>;
  const yen = (n: number) => formatYen(n, lang);
  const exportCsv = () =>
    call('reports:trial-balance-export', { dateFrom, dateTo }).then(downloadCsv, (error: unknown) =>
      errors.show(error),
    );
  const row = (r: TrialBalanceRow) => (
    <tr key={r.titleCode}>
      <th scope="row">
        {r.titleCode.startsWith('_') ? (
          r.name
        ) : (
          <button type="button" className="link" onClick={() => onOpenLedger(r.titleCode)}>
            {r.name}
          </button>
        )}
      </th>
      <td>{t(`books.reports.side.${r.side}`)}</td>
      <td className="num">{yen(r.carry)}</td>
      <td className="num">{r.debit ? yen(r.debit) : ''}</td>
      <td className="num">{r.credit ? yen(r.credit) : ''}</td>
      <td className="num">{yen(r.balance)}</td>
    </tr>
  );
  const { totals } = view;
  return (
    <div className="trial-balance printable">
      <h3>
        {t('books.reports.trialTitle')}{' '}
        <small>
          {formatLedgerDate(view.dateFrom, lang)}〜{formatLedgerDate(view.dateTo, lang)}
        </small>
      </h3>
      <p className="hint no-print">
        {view.openingAsOf
          ? t('books.reports.openingFrom', { date: formatLedgerDate(view.openingAsOf, lang) })
          : t('books.reports.noOpening')}{' '}
        {t('books.reports.sideHint')}
      </p>
      <p className="no-print">
        <button type="button" onClick={() => void exportCsv()}>
          {t('books.reports.csv')}
        </button>{' '}
        <span className="hint">{t('books.reports.csvHint')}</span>
      </p>
      <p role="status" className={view.balanced ? 'balanced' : 'unbalanced'} data-testid="trial-status">
        {view.balanced ? t('books.reports.balanced') : t('books.reports.unbalanced')}
      </p>
      <table className="accounts report-table" data-testid="trial-table">
        <TableHead
          text={[t('books.col.title'), t('books.reports.col.side')]}
          amounts={[
            t('books.reports.col.carry'),
            t('books.reports.col.debit'),
            t('books.reports.col.credit'),
            t('books.reports.col.balance'),
          ]}
        />
        {view.sections.map((s) => (
          <tbody key={s.section}>
            <tr className="section">
              <th colSpan={6} scope="rowgroup">
                {t(`books.reports.section.${s.section}`)}
              </th>
            </tr>
            {s.rows.map(row)}
          </tbody>
        ))}
        <tfoot>
          <tr>
            <th scope="row">{t('books.reports.totalDebit')}</th>
            <td />
            <td className="num">{yen(totals.carryDebit)}</td>
            <td className="num">{yen(totals.debit)}</td>
            <td />
            <td className="num" data-testid="total-debit">
              {yen(totals.balanceDebit)}
            </td>
          </tr>
          <tr>
            <th scope="row">{t('books.reports.totalCredit')}</th>
            <td />
            <td className="num">{yen(totals.carryCredit)}</td>
            <td />
            <td className="num">{yen(totals.credit)}</td>
            <td className="num" data-testid="total-credit">
              {yen(totals.balanceCredit)}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
