import type { FixedLine, TaxCode } from '../../../shared/ipc/books-contract.ts';
import { useWords } from '../i18n/words.ts';
import type { ChartData } from './use-chart.ts';

/**
 * A rule's fixed lines (複合仕訳): each a place — on the 預金's side, added to the title (a fee the
 * customer kept), or split off the title's side (a fee paid in the same 出金) — a 勘定科目, a 税区分
 * and an amount. The rule's title takes what balances; a line whose amount the fixed parts reach
 * is left for review (main/books/rule-lines.ts).
 */
export function RuleFixedLines({
  chart,
  lines,
  onChange,
}: {
  chart: ChartData;
  lines: readonly FixedLine[];
  onChange(lines: FixedLine[]): void;
}) {
  const { t } = useWords();
  const change = (i: number, changes: Partial<FixedLine>) =>
    onChange(lines.map((l, j) => (j === i ? { ...l, ...changes } : l)));
  const add = () => {
    const fees = chart.titles.find((x) => x.code === 'fees');
    onChange([
      ...lines,
      { place: 'bank', titleCode: fees?.code ?? '', taxCode: fees?.defaultTax ?? 'none', amount: 0 },
    ]);
  };
  return (
    <fieldset className="rule-fixed-lines" data-testid="rule-fixed-lines">
      <legend>{t('books.rules.fixed.legend')}</legend>
      <p className="hint">
        {lines.length === 0 ? t('books.rules.fixed.none') : t('books.rules.fixed.placeHint')}
      </p>
      {lines.map((line, i) => {
        const n = i + 1;
        return (
          <div key={i} className="fixed-line" role="group" aria-label={t('books.rules.fixed.line', { n })}>
            <select
              aria-label={t('books.rules.fixed.place', { n })}
              value={line.place}
              onChange={(e) => change(i, { place: e.target.value as FixedLine['place'] })}
            >
              <option value="bank">{t('books.rules.fixed.bank')}</option>
              <option value="title">{t('books.rules.fixed.title')}</option>
            </select>
            <select
              aria-label={t('books.rules.fixed.titleOf', { n })}
              value={line.titleCode}
              onChange={(e) => {
                const title = chart.titles.find((x) => x.code === e.target.value);
                change(i, { titleCode: e.target.value, taxCode: title?.defaultTax ?? line.taxCode });
              }}
            >
              <option value="">—</option>
              {chart.titles.map((x) => (
                <option key={x.code} value={x.code}>
                  {x.name}
                </option>
              ))}
            </select>
            <select
              aria-label={t('books.rules.fixed.taxOf', { n })}
              value={line.taxCode}
              onChange={(e) => change(i, { taxCode: e.target.value as TaxCode })}
            >
              {chart.taxes.map((x) => (
                <option key={x.code} value={x.code}>
                  {x.name}
                </option>
              ))}
            </select>
            <input
              type="number"
              min={1}
              aria-label={t('books.rules.fixed.amountOf', { n })}
              value={line.amount || ''}
              onChange={(e) => change(i, { amount: Math.max(0, Math.floor(Number(e.target.value))) })}
            />
            <button
              type="button"
              className="link-button"
              onClick={() => onChange(lines.filter((_, j) => j !== i))}
            >
              {t('books.rules.fixed.remove')}
            </button>
          </div>
        );
      })}
      <button type="button" onClick={add} disabled={lines.length >= 9}>
        {t('books.rules.fixed.add')}
      </button>
    </fieldset>
  );
}

/** Whether every fixed line can be saved: a title and an amount. */
export const fixedLinesComplete = (lines: readonly FixedLine[] | undefined) =>
  (lines ?? []).every((l) => l.titleCode !== '' && l.amount > 0);
