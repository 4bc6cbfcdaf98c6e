import { useEffect, useState } from 'react';
import type { MonthlyView as Monthly } from '../../../shared/ipc/books-contract.ts';
import { call } from '../bridge.ts';
import type { ErrorState } from '../app/use-error.ts';
import { formatMonth, formatYen } from '../i18n/format.ts';
import { useWords } from '../i18n/words.ts';
import { MonthlyChart } from './MonthlyChart.tsx';
import type { ChartData } from './use-chart.ts';

/** 月次推移: the last twelve months — a chart per account, and the totals per title and month. */
export function MonthlyView({ chart, errors }: { chart: ChartData; errors: ErrorState }) {
  const { t, lang } = useWords();
  const [view, setView] = useState<Monthly>();
  const [account, setAccount] = useState(0);
  useEffect(() => {
    call('books:month-totals-get', {}).then(setView, (error: unknown) => errors.show(error));
  }, [errors]);
  if (!view) return <p>{t('common.loading')}</p>;
  return (
    <div className="monthly">
      <h3>{t('books.monthly.inOut')}</h3>
      {view.accounts.length > 1 && (
        <select
          aria-label={t('books.col.account')}
          value={account}
          onChange={(e) => setAccount(Number(e.target.value))}
        >
          {view.accounts.map((a, i) => (
            <option key={a.accountId} value={i}>
              {a.accountLabel}
            </option>
          ))}
        </select>
      )}
      <MonthlyChart view={view} accountIndex={account} />
      <h3>{t('books.monthly.titles')}</h3>
      <div className="table-scroll">
        <table className="accounts monthly-table" data-testid="monthly-table">
          <thead>
            <tr>
              <th scope="col">{t('books.col.title')}</th>
              {view.months.map((m) => (
                <th key={m} scope="col" className="num">
                  {formatMonth(m, lang)}
                </th>
              ))}
              <th scope="col" className="num">
                {t('books.col.total')}
              </th>
            </tr>
          </thead>
          <tbody>
            {view.titles.map((row) => (
              <tr key={row.titleCode}>
                <th scope="row">{chart.titleName(row.titleCode)}</th>
                {row.byMonth.map((v, i) => (
                  <td key={view.months[i]} className="num">
                    {v === 0 ? '' : formatYen(v, lang)}
                  </td>
                ))}
                <td className="num">{formatYen(row.total, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
