import { useEffect, useState } from 'react';
import {
  REOPEN_REASON,
  type EntryVersionView,
  type JournalLine,
} from '../../../shared/ipc/books-contract.ts';
import { Dialog } from '../app/Dialog.tsx';
import type { ErrorState } from '../app/use-error.ts';
import { call } from '../bridge.ts';
import { formatDateTime, formatLedgerDate, formatYen } from '../i18n/format.ts';
import { useWords } from '../i18n/words.ts';
import { versionChanges } from './entry-changes.ts';
import type { ChartData } from './use-chart.ts';
import { TableHead } from './TableHead.tsx';

/**
 * An entry's history (電子帳簿保存法's 訂正削除履歴): each version with when it was written, why,
 * and what it changed from the one before (fields before → after, lines out and in); the first
 * version shows the entry as registered.
 */
export function EntryHistory({
  id,
  chart,
  errors,
  onClose,
}: {
  id: number;
  chart: ChartData;
  errors: ErrorState;
  onClose(): void;
}) {
  const { t, lang } = useWords();
  const [versions, setVersions] = useState<EntryVersionView[]>();
  useEffect(() => {
    call('books:entry-history-get', { id }).then(setVersions, (error: unknown) => errors.show(error));
  }, [id, errors]);
  const line = (l: JournalLine) =>
    `${t(`books.col.${l.side}`)} ${chart.titleName(l.titleCode)}${l.subTitle ? `（${l.subTitle}）` : ''} ${chart.taxName(l.taxCode)} ${formatYen(l.amount, lang)}`;
  const field = (f: 'date' | 'counterparty' | 'memo', value: string) =>
    f === 'date' ? formatLedgerDate(value, lang) : value || '—';
  const fieldName = (f: 'date' | 'counterparty' | 'memo') =>
    f === 'date' ? t('books.entry.date') : t(`books.col.${f}`);
  return (
    <Dialog title={t('books.history.title', { id })} onEscape={onClose}>
      <div className="table-scroll entry-history">
        <table className="accounts" data-testid="entry-history">
          <TableHead
            text={[
              t('books.history.version'),
              t('books.history.at'),
              t('books.history.reason'),
              t('books.history.change'),
            ]}
          />
          <tbody>
            {versions?.map((v, i) => {
              const prev = versions[i - 1];
              const changes = prev && v.change === 'corrected' ? versionChanges(prev, v) : undefined;
              return (
                <tr key={v.version} data-testid="history-version">
                  <td>
                    {v.version} {t(`books.history.${v.change}`)}
                  </td>
                  <td>{formatDateTime(v.writtenAt, lang)}</td>
                  <td>{v.reason === REOPEN_REASON ? t('books.history.reopened') : v.reason}</td>
                  <td>
                    {v.change === 'registered' && (
                      <ul className="plain">
                        <li>
                          {fieldName('date')}: {field('date', v.date)} · {fieldName('counterparty')}:{' '}
                          {field('counterparty', v.counterparty)} · {fieldName('memo')}:{' '}
                          {field('memo', v.memo)}
                        </li>
                        {v.lines.map((l, j) => (
                          <li key={j}>{line(l)}</li>
                        ))}
                      </ul>
                    )}
                    {changes && (
                      <ul className="plain">
                        {changes.fields.map((c) => (
                          <li key={c.field}>
                            {fieldName(c.field)}: {field(c.field, c.before)} → {field(c.field, c.after)}
                          </li>
                        ))}
                        {changes.removed.map((l, j) => (
                          <li key={`r${j}`} className="before">
                            {t('books.history.before')}: {line(l)}
                          </li>
                        ))}
                        {changes.added.map((l, j) => (
                          <li key={`a${j}`} className="after">
                            {t('books.history.after')}: {line(l)}
                          </li>
                        ))}
                      </ul>
                    )}
                    {v.change === 'deleted' && prev && (
                      <ul className="plain">
                        {prev.lines.map((l, j) => (
                          <li key={j} className="before">
                            {t('books.history.before')}: {line(l)}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('books.history.close')}
        </button>
      </div>
    </Dialog>
  );
}
