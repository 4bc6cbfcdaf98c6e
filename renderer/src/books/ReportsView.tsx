import { useState } from 'react';
import type { ErrorState } from '../app/use-error.ts';
import { useWords } from '../i18n/words.ts';
import { GeneralLedger } from './GeneralLedger.tsx';
import { OpenItems } from './OpenItems.tsx';
import { OpeningBalances } from './OpeningBalances.tsx';
import { Reconciliation } from './Reconciliation.tsx';
import { useReportPeriod } from './report-period.ts';
import { TrialBalance } from './TrialBalance.tsx';
import type { ChartData } from './use-chart.ts';
import './reports.css';
import { DateInput } from '../app/DateInput.tsx';

const VIEWS = ['trial', 'ledger', 'open', 'reconcile', 'opening'] as const;
type View = (typeof VIEWS)[number];

/**
 * 試算表・元帳: the reports over one period, the open 売掛金/買掛金 (未消込), the bank's balances
 * against the books', 期首残高.
 */
export function ReportsView({
  chart,
  errors,
  initialView = 'trial',
}: {
  chart: ChartData;
  errors: ErrorState;
  initialView?: View;
}) {
  const { t } = useWords();
  const [view, setView] = useState<View>(initialView);
  const [ledgerTitle, setLedgerTitle] = useState<string>();
  const period = useReportPeriod(errors);
  return (
    <div className="reports">
      <div className="report-views no-print" role="radiogroup" aria-label={t('books.reports.views')}>
        {VIEWS.map((name) => (
          <label key={name} className={view === name ? 'chosen' : ''}>
            <input type="radio" name="report-view" checked={view === name} onChange={() => setView(name)} />
            {t(`books.reports.view.${name}`)}
          </label>
        ))}
      </div>
      {period && (view === 'trial' || view === 'ledger') && (
        <div className="filters no-print">
          <label>
            {t('books.journal.from')}
            <DateInput value={period.dateFrom} onChange={period.setDateFrom} />
          </label>
          <label>
            {t('books.journal.to')}
            <DateInput value={period.dateTo} onChange={period.setDateTo} />
          </label>
          <button type="button" onClick={() => window.print()}>
            {t('books.reports.print')}
          </button>
        </div>
      )}
      {period && view === 'trial' && (
        <TrialBalance
          period={period}
          errors={errors}
          onOpenLedger={(code) => {
            setLedgerTitle(code);
            setView('ledger');
          }}
        />
      )}
      {period && view === 'ledger' && (
        <GeneralLedger period={period} chart={chart} errors={errors} initialTitle={ledgerTitle} />
      )}
      {view === 'open' && <OpenItems errors={errors} />}
      {view === 'reconcile' && <Reconciliation errors={errors} />}
      {view === 'opening' && <OpeningBalances chart={chart} errors={errors} />}
    </div>
  );
}
