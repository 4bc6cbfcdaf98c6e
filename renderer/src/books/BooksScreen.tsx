import { useState } from 'react';
import type { RuleInput } from '../../../shared/ipc/books-contract.ts';
import type { ErrorState } from '../app/use-error.ts';
import { useWords } from '../i18n/words.ts';
import { ChartKindChoice } from './ChartKindChoice.tsx';
import { ChartView } from './ChartView.tsx';
import { CounterpartyList } from './CounterpartyList.tsx';
import { ExportPanel } from './ExportPanel.tsx';
import { JournalList } from './JournalList.tsx';
import { MonthlyView } from './MonthlyView.tsx';
import { ReportsView } from './ReportsView.tsx';
import { ReviewQueue } from './ReviewQueue.tsx';
import { RuleEditor } from './RuleEditor.tsx';
import { useChart } from './use-chart.ts';
import './books.css';

const TABS = [
  'queue',
  'rules',
  'journal',
  'monthly',
  'reports',
  'export',
  'chart',
  'counterparties',
] as const;
type Tab = (typeof TABS)[number];

/**
 * 帳簿: the review queue, rules, 仕訳帳, 月次推移, 試算表・元帳, exports, the chart of titles and
 * 取引先, one tab each.
 */
export function BooksScreen({
  errors,
  dataVersion,
  initialTab = 'queue',
  onAccountsChanged,
}: {
  errors: ErrorState;
  dataVersion: number;
  /** 'reconcile': 試算表・元帳 at its 残高照合 (from 口座). */
  initialTab?: Tab | 'reconcile';
  /** 帳簿に含める changed: the app's account list (口座, 明細) reloads. */
  onAccountsChanged?: () => void;
}) {
  const { t } = useWords();
  const [tab, setTab] = useState<Tab>(initialTab === 'reconcile' ? 'reports' : initialTab);
  const [ruleDraft, setRuleDraft] = useState<RuleInput>();
  const chart = useChart(errors);
  const makeRule = (draft: RuleInput) => {
    setRuleDraft(draft);
    setTab('rules');
  };
  return (
    <section className="panel books" aria-labelledby="books-heading">
      <h2 id="books-heading">{t('books.heading')}</h2>
      {chart.kind === undefined ? (
        <p>{t('common.loading')}</p>
      ) : chart.kind === null ? (
        <ChartKindChoice chart={chart} errors={errors} />
      ) : (
        <>
          <div className="books-tabs" role="tablist">
            {TABS.map((name) => (
              <button
                key={name}
                type="button"
                role="tab"
                aria-selected={tab === name}
                onClick={() => setTab(name)}
              >
                {t(`books.tabs.${name}`)}
              </button>
            ))}
          </div>
          <div role="tabpanel" aria-label={t(`books.tabs.${tab}`)}>
            {tab === 'queue' && (
              <ReviewQueue chart={chart} errors={errors} dataVersion={dataVersion} onMakeRule={makeRule} />
            )}
            {tab === 'rules' && (
              <RuleEditor
                chart={chart}
                errors={errors}
                draft={ruleDraft}
                onDraftUsed={() => setRuleDraft(undefined)}
              />
            )}
            {tab === 'journal' && <JournalList chart={chart} errors={errors} />}
            {tab === 'monthly' && <MonthlyView chart={chart} errors={errors} />}
            {tab === 'reports' && (
              <ReportsView
                chart={chart}
                errors={errors}
                {...(initialTab === 'reconcile' ? { initialView: 'reconcile' as const } : {})}
              />
            )}
            {tab === 'export' && <ExportPanel errors={errors} />}
            {tab === 'chart' && (
              <ChartView
                chart={chart}
                errors={errors}
                {...(onAccountsChanged ? { onAccountsChanged } : {})}
              />
            )}
            {tab === 'counterparties' && <CounterpartyList errors={errors} />}
          </div>
        </>
      )}
    </section>
  );
}
