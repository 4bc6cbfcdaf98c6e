import { useState } from 'react';
import type { ChartKind } from '../../../shared/ipc/books-contract.ts';
import { call } from '../bridge.ts';
import type { ErrorState } from '../app/use-error.ts';
import { useWords } from '../i18n/words.ts';
import { titleNameIn } from './title-names.ts';
import type { ChartData } from './use-chart.ts';

const KINDS: ChartKind[] = ['corporation', 'sole'];

/** Uses a kind's standard chart; answers what it added and kept, in the screen's words. */
function useChartKindSave(chart: ChartData, errors: ErrorState) {
  const { t, lang } = useWords();
  const [said, setSaid] = useState<string>();
  const save = (kind: ChartKind) =>
    call('books:chart-kind-save', { kind }).then(
      ({ added, kept }) => {
        chart.reload();
        const names = (titles: { code: string; name: string }[]) =>
          titles.map((x) => titleNameIn({ ...x, builtIn: true }, lang)).join(lang === 'en' ? ', ' : '、');
        setSaid(
          [
            t('books.chartKind.saved', { kind: t(`books.chartKind.${kind}`) }),
            added.length > 0 ? t('books.chartKind.added', { names: names(added) }) : '',
            kept.length > 0 ? t('books.chartKind.kept', { names: names(kept) }) : '',
          ]
            .filter(Boolean)
            .join(' '),
        );
      },
      (error: unknown) => errors.show(error),
    );
  return { said, save };
}

/**
 * 帳簿's first start: which standard chart of accounts — a company's (法人) or a sole proprietor's
 * (個人事業主). Two buttons and what each brings; changeable later on 勘定科目.
 */
export function ChartKindChoice({ chart, errors }: { chart: ChartData; errors: ErrorState }) {
  const { t } = useWords();
  const { save } = useChartKindSave(chart, errors);
  return (
    <section className="chart-kind-choice" aria-labelledby="chart-kind-heading">
      <h3 id="chart-kind-heading">{t('books.chartKind.question')}</h3>
      <p className="hint">{t('books.chartKind.why')}</p>
      <div className="chart-kind-options">
        {KINDS.map((kind) => (
          <button key={kind} type="button" className="chart-kind-option" onClick={() => void save(kind)}>
            <strong>{t(`books.chartKind.${kind}`)}</strong>
            <span>{t(`books.chartKind.${kind}Hint`)}</span>
          </button>
        ))}
      </div>
      <p className="hint">{t('books.chartKind.later')}</p>
    </section>
  );
}

/** 勘定科目: the chart in use, and the switch to the other kind (titles in use are kept). */
export function ChartKindSwitch({ chart, errors }: { chart: ChartData; errors: ErrorState }) {
  const { t } = useWords();
  const { said, save } = useChartKindSave(chart, errors);
  const [asking, setAsking] = useState(false);
  if (!chart.kind) return null;
  const other: ChartKind = chart.kind === 'corporation' ? 'sole' : 'corporation';
  return (
    <section className="chart-kind-switch" aria-labelledby="chart-kind-now">
      <h3 id="chart-kind-now">{t('books.chartKind.now', { kind: t(`books.chartKind.${chart.kind}`) })}</h3>
      {said && (
        <p role="status" className="notice" data-testid="chart-kind-said">
          {said}
        </p>
      )}
      {asking ? (
        <p className="confirm-row">
          {t('books.chartKind.confirm', { kind: t(`books.chartKind.${other}`) })}
          <button
            type="button"
            onClick={() => {
              setAsking(false);
              void save(other);
            }}
          >
            {t('books.chartKind.switch', { kind: t(`books.chartKind.${other}`) })}
          </button>
          <button type="button" className="link-button" onClick={() => setAsking(false)}>
            {t('books.chartKind.cancel')}
          </button>
        </p>
      ) : (
        <button type="button" onClick={() => setAsking(true)}>
          {t('books.chartKind.switch', { kind: t(`books.chartKind.${other}`) })}
        </button>
      )}
    </section>
  );
}
