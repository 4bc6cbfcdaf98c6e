import { useEffect, useState } from 'react';
import type { LedgerView } from '../../../shared/ipc/reports-contract.ts';
import { call } from '../bridge.ts';
import type { ErrorState } from '../app/use-error.ts';
import { formatLedgerDate, formatYen } from '../i18n/format.ts';
import { useWords } from '../i18n/words.ts';
import { TitleSelect } from './ChartSelects.tsx';
import { Pager } from './Pager.tsx';
import { downloadCsv, type ReportPeriod } from './report-period.ts';
import type { ChartData } from './use-chart.ts';
import { TableHead } from './TableHead.tsx';

const PAGE = 200;

/** 総勘定元帳: one title's (or 補助科目's) lines in the period with 相手科目 and the running balance. */
export function GeneralLedger({
  period,
  chart,
  errors,
  initialTitle,
}: {
  period: ReportPeriod;
  chart: ChartData;
  errors: ErrorState;
  initialTitle: string | undefined;
}) {
  const { t, lang } = useWords();
  const [titleCode, setTitleCode] = useState(initialTitle ?? 'ordinary_deposit');
  const [subTitle, setSubTitle] = useState('');
  const [offset, setOffset] = useState(0);
  const [view, setView] = useState<LedgerView>();
  const { dateFrom, dateTo } = period;
  const query = { titleCode, ...(subTitle ? { subTitle } : {}), dateFrom, dateTo };
  const key = JSON.stringify(query);
  useEffect(() => setOffset(0), [key]);
  useEffect(() => {
    if (dateFrom > dateTo) return;
    let stale = false;
    call('reports:ledger-query', { ...(JSON.parse(key) as typeof query), offset, limit: PAGE }).then(
      (v) => !stale && setView(v),
      (error: unknown) => errors.show(error),
    );
    return () => {
      stale = true;
    };
  }, [key, offset, errors]);
  const subs = chart.titles.find((x) => x.code === titleCode)?.subTitles ?? [];
  const yen = (n: number) => formatYen(n, lang);
  const exportCsv = () =>
    call('reports:ledger-export', query).then(downloadCsv, (error: unknown) => errors.show(error));
  return (
    <div className="ledger printable">
      <div className="filters no-print">
        <TitleSelect
          chart={chart}
          value={titleCode}
          onChange={(code) => {
            setTitleCode(code || 'ordinary_deposit');
            setSubTitle('');
          }}
        />
        {subs.length > 0 && (
          <label>
            {t('books.reports.subTitle')}
            <select value={subTitle} onChange={(e) => setSubTitle(e.target.value)}>
              <option value="">{t('books.reports.allSubs')}</option>
              {subs.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="button" onClick={() => void exportCsv()}>
          {t('books.reports.csv')}
        </button>
      </div>
      {!view ? (
        <p>{t('common.loading')}</p>
      ) : (
        <>
          <h3>
            {t('books.reports.ledgerTitle')} {view.name}
            {view.subTitle ? `（${view.subTitle}）` : ''}{' '}
            <small>
              {formatLedgerDate(view.dateFrom, lang)}〜{formatLedgerDate(view.dateTo, lang)} ·{' '}
              {t(`books.reports.side.${view.side}`)}
            </small>
          </h3>
          <div className="table-scroll">
            <table className="accounts report-table" data-testid="ledger-table">
              <TableHead
                text={[t('books.col.date'), t('books.reports.col.counter'), t('books.reports.col.memo')]}
                amounts={[
                  t('books.reports.col.debit'),
                  t('books.reports.col.credit'),
                  t('books.reports.col.balance'),
                ]}
              />
              <tbody>
                {offset === 0 && (
                  <tr className="carry">
                    <td>{formatLedgerDate(view.dateFrom, lang)}</td>
                    <td colSpan={4}>{t('books.reports.col.carry')}</td>
                    <td className="num">{yen(view.carry)}</td>
                  </tr>
                )}
                {view.rows.map((r, i) => (
                  <tr key={`${r.entryId}-${i}`}>
                    <td>{formatLedgerDate(r.date, lang)}</td>
                    <td>{r.counterName ?? t('books.reports.several')}</td>
                    <td className="memo">{[r.counterparty, r.memo].filter(Boolean).join(' ')}</td>
                    <td className="num">{r.debit ? yen(r.debit) : ''}</td>
                    <td className="num">{r.credit ? yen(r.credit) : ''}</td>
                    <td className="num" data-testid="running-balance">
                      {yen(r.balance)}
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={3}>
                    {t('books.reports.periodTotal', { count: view.total })}
                  </th>
                  <td className="num">{yen(view.debitTotal)}</td>
                  <td className="num">{yen(view.creditTotal)}</td>
                  <td className="num" data-testid="ledger-closing">
                    {yen(view.closing)}
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
          <Pager offset={offset} pageSize={PAGE} total={view.total} onOffset={setOffset} ends />
        </>
      )}
    </div>
  );
}
