import { useEffect, useRef, useState } from 'react';
import { fiscalYear } from '../../../shared/fiscal-year.ts';
import type { OpeningBalancesView } from '../../../shared/ipc/reports-contract.ts';
import { call } from '../bridge.ts';
import type { ErrorState } from '../app/use-error.ts';
import { formatYen } from '../i18n/format.ts';
import { useWords } from '../i18n/words.ts';
import type { ChartData } from './use-chart.ts';
import { TableHead } from './TableHead.tsx';

type Amounts = Record<string, { debit: string; credit: string }>;
const keyOf = (titleCode: string, subTitle: string) => `${titleCode}\u0000${subTitle}`;
const yenOf = (text: string) =>
  /^\d{1,13}$/.test(text.replaceAll(',', '')) ? Number(text.replaceAll(',', '')) : NaN;

/**
 * 期首残高: the B/S titles' balances on the first day of the fiscal year the books start in — one
 * line per title and per 補助科目 (each bank account under 普通預金 / 当座預金). Saved only when the
 * debits equal the credits (the core refuses otherwise, BOOKS_OPENING_UNBALANCED).
 */
export function OpeningBalances({ chart, errors }: { chart: ChartData; errors: ErrorState }) {
  const { t, lang } = useWords();
  const [startMonth, setStartMonth] = useState(1);
  const [year, setYear] = useState(Number(new Date().getFullYear()));
  const [amounts, setAmounts] = useState<Amounts>({});
  const [saved, setSaved] = useState<OpeningBalancesView>();
  const [done, setDone] = useState(false);
  // Read once: the form is the user's from then on (an error shown must not reset what they typed).
  const loaded = useRef(false);
  useEffect(() => {
    if (loaded.current) return;
    loaded.current = true;
    Promise.all([call('settings:get', undefined), call('reports:opening-balances-get', undefined)]).then(
      ([settings, view]) => {
        setStartMonth(settings.fiscalYearStartMonth);
        if (view.asOf) setYear(Number(view.asOf.slice(0, 4)));
        setSaved(view);
        const a: Amounts = {};
        for (const r of view.rows)
          a[keyOf(r.titleCode, r.subTitle)] = {
            debit: r.debit ? String(r.debit) : '',
            credit: r.credit ? String(r.credit) : '',
          };
        setAmounts(a);
      },
      (error: unknown) => errors.show(error),
    );
  }, [errors]);
  const lines = chart.titles
    .filter((x) => x.kind !== 'revenue' && x.kind !== 'expense')
    .flatMap((x) => [
      ...(x.subTitles.length === 0 || !x.bank ? [{ title: x, sub: '' }] : []),
      ...x.subTitles.map((sub) => ({ title: x, sub })),
    ]);
  const value = (k: string, side: 'debit' | 'credit') => amounts[k]?.[side] ?? '';
  const total = (side: 'debit' | 'credit') =>
    Object.values(amounts).reduce((s, a) => s + (a[side] ? yenOf(a[side]) : 0), 0);
  const debit = total('debit');
  const credit = total('credit');
  const invalid = Number.isNaN(debit) || Number.isNaN(credit);
  const asOf = fiscalYear(year, startMonth).dateFrom;
  const save = () => {
    const rows = Object.entries(amounts)
      .map(([k, a]) => {
        const [titleCode, subTitle] = k.split('\u0000') as [string, string];
        return {
          titleCode,
          subTitle,
          debit: a.debit ? yenOf(a.debit) : 0,
          credit: a.credit ? yenOf(a.credit) : 0,
        };
      })
      .filter((r) => r.debit || r.credit);
    call('reports:opening-balances-save', { asOf, rows }).then(
      (view) => {
        setSaved(view);
        setDone(true);
      },
      (error: unknown) => errors.show(error),
    );
  };
  return (
    <div className="opening">
      <p className="hint">{t('books.reports.openingHint')}</p>
      <label>
        {t('books.reports.openingYear')}
        <input
          type="number"
          min={2000}
          max={2100}
          value={year}
          onChange={(e) => setYear(Number(e.target.value) || year)}
        />
        <span className="hint"> {t('books.reports.asOf', { date: asOf })}</span>
      </label>
      <div className="table-scroll">
        <table className="accounts report-table" data-testid="opening-table">
          <TableHead
            text={[t('books.col.title'), t('books.reports.subTitle')]}
            amounts={[t('books.reports.col.debit'), t('books.reports.col.credit')]}
          />
          <tbody>
            {lines.map(({ title, sub }) => {
              const k = keyOf(title.code, sub);
              const input = (side: 'debit' | 'credit') => (
                <input
                  inputMode="numeric"
                  className="amount"
                  aria-label={`${title.name}${sub ? ` ${sub}` : ''} ${t(`books.reports.col.${side}`)}`}
                  value={value(k, side)}
                  onChange={(e) => {
                    setDone(false);
                    setAmounts({
                      ...amounts,
                      [k]: {
                        debit: value(k, 'debit'),
                        credit: value(k, 'credit'),
                        [side]: e.target.value.trim(),
                      },
                    });
                  }}
                />
              );
              return (
                <tr key={k}>
                  <th scope="row">{title.name}</th>
                  <td>{sub}</td>
                  <td className="num">{input('debit')}</td>
                  <td className="num">{input('credit')}</td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                {t('books.col.total')}
              </th>
              <td className="num" data-testid="opening-debit">
                {invalid ? '—' : formatYen(debit, lang)}
              </td>
              <td className="num" data-testid="opening-credit">
                {invalid ? '—' : formatYen(credit, lang)}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p role="status" className={!invalid && debit === credit ? 'balanced' : 'unbalanced'}>
        {invalid
          ? t('books.reports.amountInvalid')
          : debit === credit
            ? t('books.reports.openingBalanced')
            : t('books.reports.openingDifference', { amount: formatYen(Math.abs(debit - credit), lang) })}
      </p>
      <button type="button" disabled={invalid} onClick={save}>
        {t('books.reports.openingSave')}
      </button>
      {done && saved?.asOf && (
        <p role="status" className="balanced">
          {t('books.reports.openingSaved', { date: saved.asOf })}
        </p>
      )}
    </div>
  );
}
