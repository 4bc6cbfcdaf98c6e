import { useEffect, useState } from 'react';
import type { EntrySide, JournalEntryView, JournalSide } from '../../../shared/ipc/books-contract.ts';
import { call } from '../bridge.ts';
import type { ErrorState } from '../app/use-error.ts';
import { formatLedgerDate, formatYen } from '../i18n/format.ts';
import { useWords } from '../i18n/words.ts';
import { TitleSelect } from './ChartSelects.tsx';
import { Pager } from './Pager.tsx';
import type { ChartData } from './use-chart.ts';

const PAGE = 200;

/**
 * 仕訳帳: the journal entries, oldest first, filtered by dates, an account title and a 取引先/摘要
 * search, a page at a time like the review queue (a range of thousands is paged through, never
 * cut), with the count and the amount total of everything the filters match.
 */
export function JournalList({ chart, errors }: { chart: ChartData; errors: ErrorState }) {
  const { t, lang } = useWords();
  const [dateFrom, setDateFrom] = useState('');
  const [dateTo, setDateTo] = useState('');
  const [titleCode, setTitleCode] = useState('');
  const [text, setText] = useState('');
  const [offset, setOffset] = useState(0);
  const [answer, setAnswer] = useState<{ total: number; amount: number; rows: JournalEntryView[] }>();
  const filterKey = JSON.stringify([dateFrom, dateTo, titleCode, text.trim()]);
  // Other filters: back to the first page.
  useEffect(() => setOffset(0), [filterKey]);
  useEffect(() => {
    let stale = false;
    const [from, to, title, search] = JSON.parse(filterKey) as string[];
    call('books:entries-query', {
      ...(from ? { dateFrom: from } : {}),
      ...(to ? { dateTo: to } : {}),
      ...(title ? { titleCode: title } : {}),
      ...(search ? { text: search } : {}),
      offset,
      limit: PAGE,
    }).then(
      (page) => !stale && setAnswer(page),
      (error: unknown) => errors.show(error),
    );
    return () => {
      stale = true;
    };
  }, [filterKey, offset, errors]);
  const side = (s: JournalSide) => `${chart.titleName(s.titleCode)}${s.subTitle ? `（${s.subTitle}）` : ''}`;
  const lines = (e: JournalEntryView, which: EntrySide) =>
    e.lines
      .filter((l) => l.side === which)
      .map((l) => side(l))
      .join(' / ');
  return (
    <div className="journal">
      <div className="filters">
        <label>
          {t('books.journal.from')}
          <input type="date" value={dateFrom} onChange={(e) => setDateFrom(e.target.value)} />
        </label>
        <label>
          {t('books.journal.to')}
          <input type="date" value={dateTo} onChange={(e) => setDateTo(e.target.value)} />
        </label>
        <TitleSelect
          chart={chart}
          value={titleCode}
          onChange={setTitleCode}
          emptyLabel={t('books.journal.allTitles')}
        />
        <label>
          {t('books.journal.search')}
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} maxLength={60} />
        </label>
        {answer && (
          <span data-testid="journal-count">
            {t('books.journal.count', { count: answer.total })} · {t('books.journal.total')}{' '}
            {formatYen(answer.amount, lang)}
          </span>
        )}
      </div>
      <div className="table-scroll">
        <table className="accounts" data-testid="journal-table">
          <thead>
            <tr>
              <th scope="col">{t('books.col.date')}</th>
              <th scope="col">{t('books.col.debit')}</th>
              <th scope="col">{t('books.col.credit')}</th>
              <th scope="col" className="num">
                {t('books.col.amount')}
              </th>
              <th scope="col">{t('books.col.tax')}</th>
              <th scope="col">{t('books.col.counterparty')}</th>
              <th scope="col">{t('books.col.memo')}</th>
            </tr>
          </thead>
          <tbody>
            {answer?.rows.map((e) => (
              <tr key={e.id}>
                <td>{formatLedgerDate(e.date, lang)}</td>
                <td>{lines(e, 'debit')}</td>
                <td>{lines(e, 'credit')}</td>
                <td className="num">{formatYen(e.amount, lang)}</td>
                <td>{chart.taxName(e.lines.find((l) => l.taxCode !== 'none')?.taxCode ?? 'none')}</td>
                <td>{e.counterparty}</td>
                <td>
                  {e.memo}{' '}
                  {e.changedAtBank && (
                    <span className="badge badge-expiring">{t('books.journal.changed')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {answer && (
        <Pager
          offset={offset}
          total={answer.total}
          pageSize={PAGE}
          onOffset={setOffset}
          ends
          testId="journal-pager"
        />
      )}
    </div>
  );
}
