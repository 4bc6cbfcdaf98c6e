import { useRef, useState } from 'react';
import type { AppErrorCode } from '../../../shared/app-errors.ts';
import type { ExportTarget, TaxCode, TitleKind } from '../../../shared/ipc/books-contract.ts';
import { call, errorInfo } from '../bridge.ts';
import type { ErrorState } from '../app/use-error.ts';
import { useWords } from '../i18n/words.ts';
import { YAYOI_KETA } from '../../../shared/book-text.ts';
import { BankSubTitleList } from './BankSubTitleList.tsx';
import { ChartKindSwitch } from './ChartKindChoice.tsx';
import { TaxSelect, TitleSelect } from './ChartSelects.tsx';
import { KetaCount } from './KetaCount.tsx';
import type { ChartData } from './use-chart.ts';

const KINDS: TitleKind[] = ['asset', 'liability', 'equity', 'revenue', 'expense'];
const TARGETS: ExportTarget[] = ['yayoi', 'freee', 'mf'];

interface TitleForm {
  name: string;
  kind: TitleKind;
  defaultTax: TaxCode;
  labels: Record<ExportTarget, string>;
}
const EMPTY_TITLE: TitleForm = {
  name: '',
  kind: 'expense',
  defaultTax: 'purchase10',
  labels: { yayoi: '', freee: '', mf: '' },
};

/** 勘定科目: the chart by category, and forms for the user's own titles and 補助科目. */
export function ChartView({
  chart,
  errors,
  onAccountsChanged,
}: {
  chart: ChartData;
  errors: ErrorState;
  /** An account put in or left out of the books: 口座 and 明細 mark it, so they reload. */
  onAccountsChanged?: () => void;
}) {
  const { t, errorText } = useWords();
  const [form, setForm] = useState<TitleForm>(EMPTY_TITLE);
  /** A name taken or not allowed is said at the name field, where it is fixed, not in the banner. */
  const [nameProblem, setNameProblem] = useState<{ code: AppErrorCode; name: string }>();
  const nameInput = useRef<HTMLInputElement>(null);
  const [sub, setSub] = useState({ titleCode: '', name: '' });
  const [notice, setNotice] = useState<string>();

  // A name left empty for a package is the title's own name there (the placeholder says so).
  const addTitle = () => {
    const labels = Object.fromEntries(TARGETS.map((x) => [x, form.labels[x].trim() || form.name]));
    call('books:titles-add', { ...form, labels }).then(
      (added) => {
        setNotice(t('books.chart.added', { name: added.name }));
        setNameProblem(undefined);
        setForm(EMPTY_TITLE);
        chart.reload();
      },
      (error: unknown) => {
        const { code } = errorInfo(error);
        if (code !== 'BOOKS_TITLE_EXISTS' && code !== 'BOOKS_TITLE_NAME_INVALID') return errors.show(error);
        setNotice(undefined);
        setNameProblem({ code, name: form.name });
        nameInput.current?.focus();
      },
    );
  };
  const addSub = () =>
    call('books:sub-titles-add', sub).then(
      (title) => {
        setNotice(t('books.chart.subAdded', { title: title.name, name: sub.name.trim() }));
        setSub({ titleCode: sub.titleCode, name: '' });
        chart.reload();
      },
      (error: unknown) => errors.show(error),
    );

  return (
    <div className="chart-view">
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      <div className="chart-forms">
        <form
          aria-label={t('books.chart.newTitle')}
          onSubmit={(event) => {
            event.preventDefault();
            addTitle();
          }}
        >
          <h3>{t('books.chart.newTitle')}</h3>
          <label>
            {t('books.chart.name')}
            <input
              ref={nameInput}
              value={form.name}
              onChange={(e) => setForm({ ...form, name: e.target.value })}
              aria-invalid={nameProblem && nameProblem.name === form.name ? true : undefined}
              aria-describedby={nameProblem ? 'title-name-problem' : undefined}
            />
            <KetaCount text={form.name} max={YAYOI_KETA.title} />
          </label>
          {nameProblem && nameProblem.name === form.name && (
            <p className="field-error" role="alert" id="title-name-problem" data-code={nameProblem.code}>
              {errorText(nameProblem.code)}
            </p>
          )}
          <label>
            {t('books.chart.kind')}
            <select
              value={form.kind}
              onChange={(e) => setForm({ ...form, kind: e.target.value as TitleKind })}
            >
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`books.kind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <TaxSelect
            chart={chart}
            value={form.defaultTax}
            onChange={(defaultTax) => setForm({ ...form, defaultTax })}
          />
          <fieldset>
            <legend>{t('books.chart.labels')}</legend>
            {TARGETS.map((target) => (
              <label key={target}>
                {t(`books.chart.target.${target}`)}
                <input
                  value={form.labels[target]}
                  placeholder={form.name || t('books.chart.sameName')}
                  onChange={(e) => setForm({ ...form, labels: { ...form.labels, [target]: e.target.value } })}
                />
                {target === 'yayoi' && (
                  <KetaCount text={form.labels.yayoi || form.name} max={YAYOI_KETA.title} />
                )}
              </label>
            ))}
          </fieldset>
          <button type="submit" className="primary">
            {t('books.chart.addTitle')}
          </button>
        </form>
        <form
          aria-label={t('books.chart.newSub')}
          onSubmit={(event) => {
            event.preventDefault();
            addSub();
          }}
        >
          <h3>{t('books.chart.newSub')}</h3>
          <TitleSelect
            chart={chart}
            value={sub.titleCode}
            onChange={(titleCode) => setSub({ ...sub, titleCode })}
          />
          <label>
            {t('books.col.subTitle')}
            <input value={sub.name} onChange={(e) => setSub({ ...sub, name: e.target.value })} />
            <KetaCount text={sub.name} max={YAYOI_KETA.subTitle} />
          </label>
          <button type="submit" className="primary" disabled={!sub.titleCode}>
            {t('books.chart.addSub')}
          </button>
        </form>
      </div>
      <ChartKindSwitch chart={chart} errors={errors} />
      <BankSubTitleList
        chart={chart}
        errors={errors}
        {...(onAccountsChanged ? { onIncluded: onAccountsChanged } : {})}
        onRenamed={(name) => setNotice(t('books.chart.renamed', { name }))}
      />
      {KINDS.map((kind) => (
        <section key={kind} aria-label={t(`books.kind.${kind}`)}>
          <h3>{t(`books.kind.${kind}`)}</h3>
          <table className="chart-table" data-testid={`chart-${kind}`}>
            <thead>
              <tr>
                <th>{t('books.col.title')}</th>
                <th>{t('books.chart.defaultTax')}</th>
                {TARGETS.map((target) => (
                  <th key={target}>{t(`books.chart.target.${target}`)}</th>
                ))}
                <th>{t('books.col.subTitle')}</th>
              </tr>
            </thead>
            <tbody>
              {chart.titles
                .filter((x) => x.kind === kind)
                .map((x) => (
                  <tr key={x.code}>
                    <td>
                      {x.name}
                      {!x.builtIn && <span className="chart-own"> {t('books.chart.own')}</span>}
                    </td>
                    <td>{chart.taxName(x.defaultTax)}</td>
                    {TARGETS.map((target) => (
                      <td key={target}>{x.labels[target] ?? t('books.chart.noLabel')}</td>
                    ))}
                    <td>{x.subTitles.join('、')}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}
