import type { TaxCode } from '../../../shared/ipc/books-contract.ts';
import { useWords } from '../i18n/words.ts';
import type { ChartData } from './use-chart.ts';

/** 勘定科目, labelled, from the chart; `emptyLabel` names the choice of none. */
export function TitleSelect({
  chart,
  value,
  onChange,
  emptyLabel = '—',
}: {
  chart: ChartData;
  value: string;
  onChange(code: string): void;
  emptyLabel?: string;
}) {
  const { t } = useWords();
  return (
    <label>
      {t('books.col.title')}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{emptyLabel}</option>
        {chart.titles.map((x) => (
          <option key={x.code} value={x.code}>
            {x.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** 税区分, labelled, from the chart. */
export function TaxSelect({
  chart,
  value,
  onChange,
}: {
  chart: ChartData;
  value: TaxCode;
  onChange(code: TaxCode): void;
}) {
  const { t } = useWords();
  return (
    <label>
      {t('books.col.tax')}
      <select value={value} onChange={(e) => onChange(e.target.value as TaxCode)}>
        {chart.taxes.map((x) => (
          <option key={x.code} value={x.code}>
            {x.name}
          </option>
        ))}
      </select>
    </label>
  );
}
