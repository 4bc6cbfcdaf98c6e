import { useMemo, useState } from 'react';
import type { AccountGroup, AccountView } from '../../../shared/ipc/contract.ts';
import { errorInfo } from '../bridge.ts';
import { formatYen } from '../i18n/format.ts';
import { useWords } from '../i18n/words.ts';
import { StatementFilters } from './StatementFilters.tsx';
import { StatementTable } from './StatementTable.tsx';
import { emptyFilters, hasKanji, toQuery, type StatementFilters as Filters } from './query.ts';
import { useStatementPages } from './use-statement-pages.ts';

/**
 * 明細: the filters, the count and sums of what they match, and the virtualized rows. Every
 * keystroke asks the core at once (its answers take milliseconds; a stale one is dropped), and the
 * list fills the window below the filters, scrolling inside.
 */
export function StatementsScreen({
  accounts,
  groups,
  dataVersion,
  accountId = '',
}: {
  accounts: AccountView[];
  groups: AccountGroup[];
  dataVersion: number;
  /** Opened from a row of 口座: that account's statement. */
  accountId?: string;
}) {
  const { t, lang, errorText } = useWords();
  const [filters, setFilters] = useState<Filters>({ ...emptyFilters, accountId });
  const { query, problems } = useMemo(() => toQuery(filters), [filters]);
  const filtered = Object.keys(query).some((key) => key !== 'order');
  const pages = useStatementPages(query, dataVersion);
  const failure = pages.error === undefined ? undefined : errorInfo(pages.error);
  const shownText = (JSON.parse(pages.shownQuery) as { text?: string }).text ?? '';
  // 「すべての口座」 adds up every linked account: say so when some of them are not the books'.
  const outOfBooks = filters.accountId === '' ? accounts.filter((a) => a.inBooks === false) : [];

  return (
    <section className="panel statements" aria-labelledby="statements-heading">
      <div className="panel-head">
        <h2 id="statements-heading">{t('statements.heading')}</h2>
        <dl className="statement-totals" aria-label={t('statements.totals')} aria-live="polite">
          <dt className="visually-hidden">{t('statements.totals')}</dt>
          <dd data-testid="statement-count">
            {pages.total === undefined ? t('common.loading') : t('statements.count', { count: pages.total })}
          </dd>
          {pages.sums && (
            <>
              <dt>{t('statements.depositTotal')}</dt>
              <dd className="deposit" data-testid="statement-deposits">
                {formatYen(pages.sums.deposits, lang)}
              </dd>
              <dt>{t('statements.withdrawalTotal')}</dt>
              <dd data-testid="statement-withdrawals">{formatYen(pages.sums.withdrawals, lang)}</dd>
            </>
          )}
        </dl>
        <button
          type="button"
          className="link-button"
          onClick={() => setFilters({ ...emptyFilters, order: filters.order })}
        >
          {t('statements.clear')}
        </button>
      </div>
      <StatementFilters filters={filters} groups={groups} problems={problems} onChange={setFilters} />
      {outOfBooks.length > 0 && (
        <p className="hint" data-testid="all-accounts-out-of-books">
          {t('statements.allIncludesOutOfBooks', {
            accounts: outOfBooks
              .map((a) => `${a.bankName} ${a.branchName} ${a.maskedNumber} ${a.accountName}`.trim())
              .join('、'),
          })}
        </p>
      )}
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
      {pages.total === 0 && (
        <div className="empty-result" data-testid="statement-empty">
          <p>{filtered ? t('statements.noMatch') : t('empty.noStatements')}</p>
          {hasKanji(shownText) && <p className="hint">{t('statements.kanaHint')}</p>}
        </div>
      )}
      <StatementTable pages={pages} accounts={accounts} />
    </section>
  );
}
