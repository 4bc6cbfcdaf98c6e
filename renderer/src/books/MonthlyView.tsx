import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { MonthlyView as Monthly } from '../../../shared/ipc/books-contract.ts';
import { call } from '../bridge.ts';
import type { ErrorState } from '../app/use-error.ts';
import { formatMonth, formatYen } from '../i18n/format.ts';
import { useWords } from '../i18n/words.ts';
import { MonthlyChart } from './MonthlyChart.tsx';
import type { ChartData } from './use-chart.ts';

/** Room for the title column, and per character of an amount at the table's size (0.85rem). */
const TITLE_COLUMN = 112;
const CHAR_WIDTH = 7.5;
const CELL_PADDING = 16;

/**
 * How many months a table row can hold in `width` pixels beside the title and the total: the
 * months are then shown as consecutive tables of that many, so that no month is ever cut off or
 * hidden behind a scroll bar (12 months fit at 1280 px; at 800 px they come as two rows of tables).
 */
function monthsPerTable(width: number, months: number, amountColumn: number): number {
  const fit = Math.floor((width - TITLE_COLUMN) / amountColumn) - 1;
  if (fit >= months) return months;
  return Math.max(1, Math.ceil(months / Math.ceil(months / Math.max(1, fit))));
}

/** The width of an element, followed as the window is resized. */
function useWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(1200);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.clientWidth);
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

/**
 * 月次推移: the last twelve months — a chart per account, and per title its month's amount, B/S
 * titles apart from P/L titles, each on its own side of the books (the sign explained on screen).
 */
export function MonthlyView({ chart, errors }: { chart: ChartData; errors: ErrorState }) {
  const { t, lang } = useWords();
  const [view, setView] = useState<Monthly>();
  const [account, setAccount] = useState(0);
  const { ref, width } = useWidth();
  useEffect(() => {
    call('books:month-totals-get', {}).then(setView, (error: unknown) => errors.show(error));
  }, [errors]);
  const kindOf = (code: string) => chart.titles.find((x) => x.code === code)?.kind;
  const pl = (code: string) => kindOf(code) === 'revenue' || kindOf(code) === 'expense';
  // The widest amount shown (the totals included) sets every amount column's width.
  const widest = view
    ? Math.max(
        6,
        ...view.titles.flatMap((r) => [...r.byMonth, r.total].map((v) => formatYen(v, lang).length)),
      )
    : 10;
  const per = view ? monthsPerTable(width, view.months.length, widest * CHAR_WIDTH + CELL_PADDING) : 12;
  const chunks: number[][] = [];
  if (view)
    for (let i = 0; i < view.months.length; i += per)
      chunks.push([...Array(Math.min(per, view.months.length - i)).keys()].map((k) => i + k));
  const table = (rows: Monthly['titles'], testId: string) =>
    chunks.map((chunk, c) => {
      const last = c === chunks.length - 1;
      return (
        <table key={c} className="accounts monthly-table" data-testid={testId}>
          <colgroup>
            <col style={{ width: TITLE_COLUMN }} />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">{t('books.col.title')}</th>
              {chunk.map((i) => (
                <th key={i} scope="col" className="num">
                  {formatMonth(view!.months[i]!, lang)}
                </th>
              ))}
              {last && (
                <th scope="col" className="num">
                  {t('books.col.total')}
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.titleCode}>
                <th scope="row">{chart.titleName(row.titleCode)}</th>
                {chunk.map((i) => (
                  <td key={i} className="num">
                    {row.byMonth[i] === 0 ? '' : formatYen(row.byMonth[i]!, lang)}
                  </td>
                ))}
                {last && <td className="num">{formatYen(row.total, lang)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      );
    });
  return (
    <div className="monthly" ref={ref}>
      {!view ? (
        <p>{t('common.loading')}</p>
      ) : (
        <>
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
          <p className="hint" data-testid="monthly-signs">
            {t('books.monthly.signs')}
          </p>
          <h4>{t('books.monthly.bs')}</h4>
          {table(
            view.titles.filter((r) => !pl(r.titleCode)),
            'monthly-table-bs',
          )}
          <h4>{t('books.monthly.pl')}</h4>
          {table(
            view.titles.filter((r) => pl(r.titleCode)),
            'monthly-table-pl',
          )}
        </>
      )}
    </div>
  );
}
