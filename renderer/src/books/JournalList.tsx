import { useEffect, useState } from 'react';
import type {
  EntryFilter,
  EntrySide,
  JournalEntryView,
  JournalSide,
} from '../../../shared/ipc/books-contract.ts';
import { call } from '../bridge.ts';
import { DateInput } from '../app/DateInput.tsx';
import type { ErrorState } from '../app/use-error.ts';
import { formatLedgerDate, formatYen } from '../i18n/format.ts';
import { useWords } from '../i18n/words.ts';
import { TitleSelect } from './ChartSelects.tsx';
import { EntryDelete, EntryEditor } from './EntryEditor.tsx';
import { yenOf } from './EntryLinesEditor.tsx';
import { EntryHistory } from './EntryHistory.tsx';
import { Pager } from './Pager.tsx';
import type { ChartData } from './use-chart.ts';
import { TableHead } from './TableHead.tsx';

const PAGE = 200;

const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' });

/** A browser download of the search's CSV (the core made it). */
function download(file: { fileName: string; base64: string; mimeType: string }): void {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
  link.download = file.fileName;
  link.click();
  URL.revokeObjectURL(link.href);
}

type Open =
  | { kind: 'voucher' }
  | { kind: 'edit'; entry: JournalEntryView }
  | { kind: 'delete'; entry: JournalEntryView }
  | { kind: 'history'; id: number };

/**
 * 仕訳帳: the journal entries, oldest first, searched by 取引日, amount and 取引先 ranges (any of
 * them combined, 電子帳簿保存法's search) besides a title and a 取引先/摘要 text, a page at a time,
 * with the count and the amount total of everything found, downloadable as CSV. Each entry can be
 * corrected (修正) or deleted (削除) with a reason, and its history shown; a 振替伝票 is typed here.
 */
export function JournalList({ chart, errors }: { chart: ChartData; errors: ErrorState }) {
  const { t, lang } = useWords();
  const [dateFrom, setDateFrom] = useState('');
  const [dateTo, setDateTo] = useState('');
  const [titleCode, setTitleCode] = useState('');
  const [text, setText] = useState('');
  const [counterparty, setCounterparty] = useState('');
  const [amountMin, setAmountMin] = useState('');
  const [amountMax, setAmountMax] = useState('');
  const [offset, setOffset] = useState(0);
  const [answer, setAnswer] = useState<{ total: number; amount: number; rows: JournalEntryView[] }>();
  const [open, setOpen] = useState<Open>();
  const [notice, setNotice] = useState<string>();
  const [reloads, setReloads] = useState(0);
  const filter: EntryFilter = {
    ...(dateFrom ? { dateFrom } : {}),
    ...(dateTo ? { dateTo } : {}),
    ...(titleCode ? { titleCode } : {}),
    ...(text.trim() ? { text: text.trim() } : {}),
    ...(counterparty.trim() ? { counterparty: counterparty.trim() } : {}),
    ...(yenOf(amountMin) !== undefined ? { amountMin: yenOf(amountMin)! } : {}),
    ...(yenOf(amountMax) !== undefined ? { amountMax: yenOf(amountMax)! } : {}),
  };
  const filterKey = JSON.stringify(filter);
  // Other filters: back to the first page.
  useEffect(() => setOffset(0), [filterKey]);
  useEffect(() => {
    let stale = false;
    call('books:entries-query', { ...(JSON.parse(filterKey) as EntryFilter), offset, limit: PAGE }).then(
      (page) => !stale && setAnswer(page),
      (error: unknown) => errors.show(error),
    );
    return () => {
      stale = true;
    };
  }, [filterKey, offset, errors, reloads]);
  const done = (message: string) => {
    setOpen(undefined);
    setNotice(message);
    setReloads((n) => n + 1);
  };
  const exportCsv = () =>
    call('books:entries-export', filter).then(
      (file) => {
        download(file);
        setNotice(t('books.journal.downloaded', { count: file.entries, file: file.fileName }));
      },
      (error: unknown) => errors.show(error),
    );
  const side = (s: JournalSide) => `${chart.titleName(s.titleCode)}${s.subTitle ? `（${s.subTitle}）` : ''}`;
  const lines = (e: JournalEntryView, which: EntrySide) =>
    e.lines
      .filter((l) => l.side === which)
      .map((l, i) => (
        <div key={i}>
          {side(l)}
          {e.lines.length > 2 && <span className="line-amount"> {formatYen(l.amount, lang)}</span>}
        </div>
      ));
  return (
    <div className="journal">
      <div className="filters">
        <label>
          {t('books.journal.from')}
          <DateInput value={dateFrom} onChange={setDateFrom} />
        </label>
        <label>
          {t('books.journal.to')}
          <DateInput value={dateTo} onChange={setDateTo} />
        </label>
        <label>
          {t('books.journal.amountMin')}
          <input
            inputMode="numeric"
            size={9}
            value={amountMin}
            onChange={(e) => setAmountMin(e.target.value)}
          />
        </label>
        <label>
          {t('books.journal.amountMax')}
          <input
            inputMode="numeric"
            size={9}
            value={amountMax}
            onChange={(e) => setAmountMax(e.target.value)}
          />
        </label>
        <label>
          {t('books.journal.counterparty')}
          <input
            value={counterparty}
            onChange={(e) => setCounterparty(e.target.value)}
            maxLength={60}
            size={12}
          />
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
      </div>
      <div className="journal-actions">
        {answer && (
          <span data-testid="journal-count">
            {t('books.journal.count', { count: answer.total })} · {t('books.journal.total')}{' '}
            {formatYen(answer.amount, lang)}
          </span>
        )}
        <button type="button" onClick={() => void exportCsv()} disabled={!answer?.total}>
          {t('books.journal.downloadCsv')}
        </button>
        <button type="button" className="primary" onClick={() => setOpen({ kind: 'voucher' })}>
          {t('books.journal.voucher')}
        </button>
      </div>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <div className="table-scroll">
        <table className="accounts" data-testid="journal-table">
          <TableHead
            text={[t('books.col.date'), t('books.col.debit'), t('books.col.credit')]}
            amounts={[t('books.col.amount')]}
            after={[
              t('books.col.tax'),
              t('books.col.counterparty'),
              t('books.col.memo'),
              t('books.journal.actions'),
            ]}
          />
          <tbody>
            {answer?.rows.map((e) => (
              <tr key={e.id} data-testid="journal-entry" data-entry-id={e.id}>
                <td>
                  {formatLedgerDate(e.date, lang)}
                  {e.late && (
                    <span
                      className="badge badge-expiring"
                      title={t('books.journal.lateTitle', { date: formatLedgerDate(e.recordedOn, lang) })}
                    >
                      {t('books.journal.late')}
                    </span>
                  )}
                </td>
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
                  {e.version > 1 && (
                    <span className="badge" data-testid="corrected-badge">
                      {t('books.journal.corrected', { count: e.version - 1 })}
                    </span>
                  )}
                </td>
                <td className="entry-actions">
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => setOpen({ kind: 'edit', entry: e })}
                  >
                    {t('books.journal.edit')}
                  </button>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => setOpen({ kind: 'delete', entry: e })}
                  >
                    {t('books.journal.delete')}
                  </button>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => setOpen({ kind: 'history', id: e.id })}
                  >
                    {t('books.journal.history')}
                  </button>
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
      {open?.kind === 'voucher' && (
        <EntryEditor
          chart={chart}
          today={today()}
          errors={errors}
          onSaved={() => done(t('books.journal.added'))}
          onCancel={() => setOpen(undefined)}
        />
      )}
      {open?.kind === 'edit' && (
        <EntryEditor
          chart={chart}
          entry={open.entry}
          today={today()}
          errors={errors}
          onSaved={() => done(t('books.journal.updated'))}
          onCancel={() => setOpen(undefined)}
        />
      )}
      {open?.kind === 'delete' && (
        <EntryDelete
          entry={open.entry}
          errors={errors}
          onDeleted={() => done(t('books.journal.deleted'))}
          onCancel={() => setOpen(undefined)}
        />
      )}
      {open?.kind === 'history' && (
        <EntryHistory id={open.id} chart={chart} errors={errors} onClose={() => setOpen(undefined)} />
      )}
    </div>
  );
}
