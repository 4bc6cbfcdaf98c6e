import { useState } from 'react';
import { YAYOI_KETA } from '../../../shared/book-text.ts';
import type { TitleView } from '../../../shared/ipc/books-contract.ts';
import { call } from '../bridge.ts';
import type { ErrorState } from '../app/use-error.ts';
import { useWords } from '../i18n/words.ts';
import { KetaCount } from './KetaCount.tsx';
import type { ChartData } from './use-chart.ts';

/**
 * 口座の補助科目と帳簿: the name each linked bank account goes by under its 預金 title, editable, and
 * whether the account is in the books at all (帳簿に含める; an owner's private account is not).
 */
export function BankSubTitleList({
  chart,
  errors,
  onIncluded,
  onRenamed,
}: {
  chart: ChartData;
  errors: ErrorState;
  onIncluded?: () => void;
  onRenamed(name: string): void;
}) {
  const { t } = useWords();
  const [said, setSaid] = useState<string>();
  const accounts = chart.titles.flatMap((title) => title.bankAccounts.map((a) => ({ ...a, title })));
  if (accounts.length === 0) return null;
  const include = (account: TitleView['bankAccounts'][number], inBooks: boolean) =>
    call('books:accounts-update', { bankAccountId: account.bankAccountId, inBooks }).then(
      ({ unreviewed }) => {
        chart.reload();
        onIncluded?.();
        setSaid(
          inBooks
            ? t('books.chart.included', { name: account.bankLabel, count: unreviewed })
            : t('books.chart.excluded', { name: account.bankLabel }),
        );
      },
      (error: unknown) => errors.show(error),
    );
  return (
    <section aria-labelledby="bank-subs-heading">
      <h3 id="bank-subs-heading">{t('books.chart.bankSubsInBooks')}</h3>
      <p className="hint">{t('books.chart.inBooksHint')}</p>
      <p className="hint">{t('books.chart.bankSubsHint')}</p>
      {said && (
        <p role="status" className="notice" data-testid="in-books-said">
          {said}
        </p>
      )}
      <table className="chart-table bank-subs" data-testid="bank-sub-titles">
        <thead>
          <tr>
            <th>{t('books.chart.bankAccount')}</th>
            <th>{t('books.chart.inBooks')}</th>
            <th>{t('books.col.title')}</th>
            <th>{t('books.col.subTitle')}</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <BankSubTitleRow
              key={`${a.bankAccountId}-${a.name}`}
              account={a}
              title={a.title}
              errors={errors}
              onInclude={(inBooks) => void include(a, inBooks)}
              onRenamed={(name) => {
                chart.reload();
                onRenamed(name);
              }}
            />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function BankSubTitleRow({
  account,
  title,
  errors,
  onInclude,
  onRenamed,
}: {
  account: TitleView['bankAccounts'][number];
  title: TitleView;
  errors: ErrorState;
  onInclude(inBooks: boolean): void;
  onRenamed(name: string): void;
}) {
  const { t } = useWords();
  const [name, setName] = useState(account.name);
  const rename = () =>
    call('books:bank-sub-titles-rename', { bankAccountId: account.bankAccountId, name }).then(
      () => onRenamed(name.trim()),
      (error: unknown) => errors.show(error),
    );
  return (
    <tr className={account.inBooks ? undefined : 'out-of-books'} data-testid="bank-account-row">
      <td>
        {account.bankLabel}
        {!account.inBooks && <span className="badge badge-out-of-books">{t('books.chart.outOfBooks')}</span>}
      </td>
      <td>
        {/* The column's heading names it; the box's own name says which account. */}
        <input
          type="checkbox"
          className="in-books"
          checked={account.inBooks}
          aria-label={`${t('books.chart.inBooks')} ${account.bankLabel}`}
          onChange={(e) => onInclude(e.target.checked)}
        />
      </td>
      <td>{title.name}</td>
      <td>
        <form
          className="bank-sub-form"
          onSubmit={(event) => {
            event.preventDefault();
            void rename();
          }}
        >
          <input
            aria-label={`${t('books.col.subTitle')} ${account.bankLabel}`}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <button type="submit" disabled={name.trim() === account.name}>
            {t('books.chart.rename')}
          </button>
          <KetaCount text={name} max={YAYOI_KETA.subTitle} />
        </form>
      </td>
    </tr>
  );
}
