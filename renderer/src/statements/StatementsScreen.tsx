import { useMemo, useState } from 'react';
import type { AccountView } from '../../../shared/ipc/contract.ts';
import { useDebounced } from '../app/use-debounced.ts';
import { errorInfo } from '../bridge.ts';
import { useWords } from '../i18n/words.ts';
import { StatementFilters } from './StatementFilters.tsx';
import { StatementTable } from './StatementTable.tsx';
import { emptyFilters, toQuery, type StatementFilters as Filters } from './query.ts';
import { useStatementPages } from './use-statement-pages.ts';

/** Typing in the amount and remarks boxes asks the core once it pauses this long. */
const TYPING_PAUSE_MS = 300;

/** 明細: the filters, the count, and the virtualized rows, newest first. */
export function StatementsScreen({
  accounts,
  dataVersion,
}: {
  accounts: AccountView[];
  dataVersion: number;
}) {
  const { t, errorText } = useWords();
  const [filters, setFilters] = useState<Filters>(emptyFilters);
  const typed = useDebounced(
    useMemo(
      () => ({ text: filters.text, minAmount: filters.minAmount, maxAmount: filters.maxAmount }),
      [filters.text, filters.minAmount, filters.maxAmount],
    ),
    TYPING_PAUSE_MS,
  );
  // Selects and dates apply at once; typed boxes once the typing pauses.
  const { query, problems } = useMemo(() => toQuery({ ...filters, ...typed }), [filters, typed]);
  const queryKey = JSON.stringify(query);
  const filtered = Object.keys(query).some((key) => key !== 'order');
  const pages = useStatementPages(query, dataVersion);
  const failure = pages.error === undefined ? undefined : errorInfo(pages.error);

  return (
    <section className="panel statements" aria-labelledby="statements-heading">
      <div className="panel-head">
        <h2 id="statements-heading">{t('statements.heading')}</h2>
        <span className="statement-count" data-testid="statement-count" aria-live="polite">
          {pages.total === undefined ? t('common.loading') : t('statements.count', { count: pages.total })}
        </span>
        <button type="button" className="link-button" onClick={() => setFilters(emptyFilters)}>
          {t('statements.clear')}
        </button>
      </div>
      <StatementFilters filters={filters} accounts={accounts} problems={problems} onChange={setFilters} />
      {problems.length > 0 && (
        <ul className="filter-problems">
          {problems.map((p) => (
            <li key={p}>{t(`statements.problem.${p}`)}</li>
          ))}
        </ul>
      )}
      {failure && (
        <p className="result-error" data-code={failure.code}>
          {errorText(failure.code)}
        </p>
      )}
      <StatementTable pages={pages} accounts={accounts} queryKey={queryKey} />
      {pages.total === 0 && (
        <p className="muted">{filtered ? t('statements.noMatch') : t('empty.noStatements')}</p>
      )}
    </section>
  );
}
