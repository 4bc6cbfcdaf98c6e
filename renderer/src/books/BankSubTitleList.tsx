import { useState } from 'react';
import { YAYOI_KETA } from '../../../shared/book-text.ts';
import type { TitleView } from '../../../shared/ipc/books-contract.ts';
import { call } from '../bridge.ts';
import type { ErrorState } from '../app/use-error.ts';
import { useWords } from '../i18n/words.ts';
import { KetaCount } from './KetaCount.tsx';
import type { ChartData } from './use-chart.ts';

/** 口座の補助科目: the name each linked bank account goes by under its 預金 title, editable. */
export function BankSubTitleList({
  chart,
  errors,
  onRenamed,
}: {
  chart: ChartData;
  errors: ErrorState;
  onRenamed(name: string): void;
}) {
  const { t } = useWords();
  const accounts = chart.titles.flatMap((title) => title.bankAccounts.map((a) => ({ ...a, title })));
  if (accounts.length === 0) return null;
  return (
    <section aria-labelledby="bank-subs-heading">
      <h3 id="bank-subs-heading">{t('books.chart.bankSubs')}</h3>
      <p className="hint">{t('books.chart.bankSubsHint')}</p>
      <table className="chart-table" data-testid="bank-sub-titles">
        <thead>
          <tr>
            <th>{t('books.chart.bankAccount')}</th>
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
  onRenamed,
}: {
  account: TitleView['bankAccounts'][number];
  title: TitleView;
  errors: ErrorState;
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
    <tr>
      <td>{account.bankLabel}</td>
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
