import { useCallback, useEffect, useState } from 'react';
import type { TaxCategoryView, TitleView } from '../../../shared/ipc/books-contract.ts';
import { call } from '../bridge.ts';
import type { ErrorState } from '../app/use-error.ts';

export interface ChartData {
  titles: TitleView[];
  taxes: TaxCategoryView[];
  titleName(code: string): string;
  taxName(code: string): string;
  reload(): void;
}

/** The chart of account titles and tax categories, asked once per visit to the books. */
export function useChart(errors: ErrorState): ChartData {
  const [titles, setTitles] = useState<TitleView[]>([]);
  const [taxes, setTaxes] = useState<TaxCategoryView[]>([]);
  const reload = useCallback(() => {
    call('books:chart-get', undefined).then(
      (chart) => {
        setTitles(chart.titles);
        setTaxes(chart.taxCategories);
      },
      (error: unknown) => errors.show(error),
    );
  }, [errors]);
  useEffect(reload, [reload]);
  return {
    titles,
    taxes,
    titleName: (code) => titles.find((t) => t.code === code)?.name ?? code,
    taxName: (code) => taxes.find((t) => t.code === code)?.name ?? code,
    reload,
  };
}
