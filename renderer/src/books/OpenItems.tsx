import { useEffect, useState } from 'react';
import type { OpenItemsView, SettledTitle } from '../../../shared/ipc/books-contract.ts';
import { call } from '../bridge.ts';
import type { ErrorState } from '../app/use-error.ts';
import { formatLedgerDate, formatYen } from '../i18n/format.ts';
import { useWords } from '../i18n/words.ts';
import { TableHead } from './TableHead.tsx';

/**
 * 未消込: the 売掛金 (or 買掛金) items per 取引先 — each entry that raised one, what settled part or all
 * of it, and what is still open — as the journal stands (main/books/open-items.ts). Settled items
 * are listed too when asked, marked 消込済 with the entries that settled them.
 */
export function OpenItems({ errors }: { errors: ErrorState }) {
  const { t, lang } = useWords();
  const [title, setTitle] = useState<SettledTitle>('receivables');
  const [includeSettled, setIncludeSettled] = useState(false);
  const [view, setView] = useState<OpenItemsView>();
  useEffect(() => {
    call('books:open-items-get', { titleCode: title, includeSettled }).then(setView, (error: unknown) =>
      errors.show(error),
    );
  }, [errors, title, includeSettled]);
  const yen = (n: number) => formatYen(n, lang);
  const date = (d: string) => formatLedgerDate(d, lang);
  return (
    <div className="open-items" data-testid="open-items">
      <div className="filters no-print">
        <label>
          {t('books.openItems.title')}
          <select value={title} onChange={(e) => setTitle(e.target.value as SettledTitle)}>
            <option value="receivables">{t('books.openItems.receivables')}</option>
            <option value="payables">{t('books.openItems.payables')}</option>
          </select>
        </label>
        <label className="inline">
          <input
            type="checkbox"
            checked={includeSettled}
            onChange={(e) => setIncludeSettled(e.target.checked)}
          />
          {t('books.openItems.includeSettled')}
        </label>
      </div>
      <p className="hint">{t(`books.openItems.hint.${title}`)}</p>
      {!view ? (
        <p>{t('common.loading')}</p>
      ) : view.items.length === 0 && view.counterparties.length === 0 ? (
        <p data-testid="open-items-none">{t('books.openItems.none')}</p>
      ) : (
        <>
          <table className="accounts report-table" data-testid="open-items-counterparties">
            <caption>{t('books.openItems.perCounterparty', { total: yen(view.open) })}</caption>
            <TableHead
              text={[t('books.col.counterparty')]}
              amounts={[
                t('books.openItems.col.count'),
                t('books.openItems.col.open'),
                t('books.openItems.col.unapplied'),
              ]}
            />
            <tbody>
              {view.counterparties.map((c) => (
                <tr key={c.counterparty}>
                  <td>{c.counterparty || t('books.openItems.noCounterparty')}</td>
                  <td className="num">{c.items}</td>
                  <td className="num">{yen(c.open)}</td>
                  <td className="num">{c.unapplied ? yen(c.unapplied) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="accounts report-table" data-testid="open-items-list">
            <caption>{t('books.openItems.items')}</caption>
            <TableHead
              text={[t('books.col.date'), t('books.col.counterparty'), t('books.col.memo')]}
              amounts={[
                t('books.openItems.col.amount'),
                t('books.openItems.col.settled'),
                t('books.openItems.col.open'),
              ]}
              after={[t('books.openItems.col.state')]}
            />
            <tbody>
              {view.items.map((i) => (
                <tr key={i.entryId} data-testid="open-item" className={i.open === 0 ? 'settled' : ''}>
                  <td>{date(i.date)}</td>
                  <td>{i.counterparty || t('books.openItems.noCounterparty')}</td>
                  <td className="memo">{i.memo}</td>
                  <td className="num">{yen(i.amount)}</td>
                  <td className="num">{yen(i.amount - i.open)}</td>
                  <td className="num">{yen(i.open)}</td>
                  <td>
                    {i.open === 0
                      ? t('books.openItems.settled')
                      : i.open < i.amount
                        ? t('books.openItems.partly')
                        : t('books.openItems.open')}
                    {i.settledBy.length > 0 &&
                      ` (${i.settledBy.map((s) => t('books.openItems.by', { date: date(s.date), amount: yen(s.amount) })).join(', ')})`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
