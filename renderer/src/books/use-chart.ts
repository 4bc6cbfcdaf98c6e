import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ChartKind, TaxCategoryView, TitleView } from '../../../shared/ipc/books-contract.ts';
import { call } from '../bridge.ts';
import type { ErrorState } from '../app/use-error.ts';
import { useWords } from '../i18n/words.ts';
import { taxNameIn, titleNameIn } from './title-names.ts';

export interface ChartData {
  /** Names in the screen's language (title-names.ts): every screen shows them from here. */
  titles: TitleView[];
  taxes: TaxCategoryView[];
  /** The standard chart in use (法人 / 個人事業主); null until chosen; undefined while loading. */
  kind: ChartKind | null | undefined;
  titleName(code: string): string;
  taxName(code: string): string;
  reload(): void;
}

/** The chart of account titles and tax categories, asked once per visit to the books. */
export function useChart(errors: ErrorState): ChartData {
  const { lang } = useWords();
  const [data, setData] = useState<{
    titles: TitleView[];
    taxes: TaxCategoryView[];
    kind: ChartKind | null;
  }>();
  const reload = useCallback(() => {
    call('books:chart-get', undefined).then(
      (chart) => setData({ titles: chart.titles, taxes: chart.taxCategories, kind: chart.kind }),
      (error: unknown) => errors.show(error),
    );
  }, [errors]);
  useEffect(reload, [reload]);
  const titles = useMemo(
    () => (data?.titles ?? []).map((t) => ({ ...t, name: titleNameIn(t, lang) })),
    [data, lang],
  );
  const taxes = useMemo(
    () => (data?.taxes ?? []).map((t) => ({ ...t, name: taxNameIn(t, lang) })),
    [data, lang],
  );
  return {
    titles,
    taxes,
    kind: data?.kind,
    titleName: (code) => titles.find((t) => t.code === code)?.name ?? code,
    taxName: (code) => taxes.find((t) => t.code === code)?.name ?? code,
    reload,
  };
}
