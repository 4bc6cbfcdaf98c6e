import type { EntrySide, JournalLine, TaxCode } from '../../../shared/ipc/books-contract.ts';
import { formatYen } from '../i18n/format.ts';
import { useWords } from '../i18n/words.ts';
import type { ChartData } from './use-chart.ts';

/** A line as the form holds it: the amount as typed. */
export interface LineDraft {
  side: EntrySide;
  titleCode: string;
  subTitle: string;
  taxCode: TaxCode;
  amount: string;
}

export const emptyLine = (side: EntrySide): LineDraft => ({
  side,
  titleCode: '',
  subTitle: '',
  taxCode: 'none',
  amount: '',
});

export const draftOf = (l: JournalLine): LineDraft => ({
  side: l.side,
  titleCode: l.titleCode,
  subTitle: l.subTitle ?? '',
  taxCode: l.taxCode,
  amount: String(l.amount),
});

/** Integer yen as typed (commas allowed), or undefined. */
export const yenOf = (text: string): number | undefined => {
  const digits = text.replaceAll(',', '').trim();
  return /^\d{1,13}$/.test(digits) ? Number(digits) : undefined;
};

/** The drafts as lines, or undefined while a line lacks its title or amount. */
export function linesOf(drafts: readonly LineDraft[]): JournalLine[] | undefined {
  const lines: JournalLine[] = [];
  for (const d of drafts) {
    const amount = yenOf(d.amount);
    if (!d.titleCode || amount === undefined) return undefined;
    lines.push({
      side: d.side,
      titleCode: d.titleCode,
      ...(d.subTitle ? { subTitle: d.subTitle } : {}),
      taxCode: d.taxCode,
      amount,
    });
  }
  return lines;
}

/**
 * The lines of an entry as rows of 貸借, 勘定科目, 補助科目, 税区分 and 金額, with the totals of each
 * side and the difference while they differ (the core refuses an unbalanced entry as well,
 * BOOKS_ENTRY_UNBALANCED). `fixed` is a line the user cannot change (a bank line's own account).
 */
export function EntryLinesEditor({
  chart,
  lines,
  onChange,
  fixed,
}: {
  chart: ChartData;
  lines: LineDraft[];
  onChange(lines: LineDraft[]): void;
  fixed?: JournalLine;
}) {
  const { t, lang } = useWords();
  const set = (i: number, patch: Partial<LineDraft>) =>
    onChange(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const pickTitle = (i: number, code: string) => {
    const title = chart.titles.find((x) => x.code === code);
    set(i, { titleCode: code, subTitle: '', ...(title ? { taxCode: title.defaultTax } : {}) });
  };
  const all = [
    ...(fixed ? [{ side: fixed.side, amount: fixed.amount }] : []),
    ...lines.map((l) => ({ side: l.side, amount: yenOf(l.amount) ?? 0 })),
  ];
  const total = (side: EntrySide) => all.reduce((s, l) => (l.side === side ? s + l.amount : s), 0);
  const debit = total('debit');
  const credit = total('credit');
  return (
    <div className="entry-lines" data-testid="entry-lines">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('books.entry.side')}</th>
            <th scope="col">{t('books.col.title')}</th>
            <th scope="col">{t('books.col.subTitle')}</th>
            <th scope="col">{t('books.col.tax')}</th>
            <th scope="col" className="num">
              {t('books.entry.amount')}
            </th>
            <th scope="col" aria-label={t('books.entry.removeLine')} />
          </tr>
        </thead>
        <tbody>
          {fixed && (
            <tr data-testid="fixed-line">
              <td>{t(`books.col.${fixed.side}`)}</td>
              <td>{chart.titleName(fixed.titleCode)}</td>
              <td>{fixed.subTitle}</td>
              <td>{chart.taxName(fixed.taxCode)}</td>
              <td className="num">{formatYen(fixed.amount, lang)}</td>
              <td />
            </tr>
          )}
          {lines.map((l, i) => {
            const title = chart.titles.find((x) => x.code === l.titleCode);
            const subs = title?.subTitles ?? [];
            return (
              <tr key={i} data-testid="entry-line">
                <td>
                  <LineSelect
                    label={`${t('books.entry.side')} ${i + 1}`}
                    value={l.side}
                    options={[
                      { value: 'debit', name: t('books.col.debit') },
                      { value: 'credit', name: t('books.col.credit') },
                    ]}
                    onChange={(side) => set(i, { side: side as EntrySide })}
                  />
                </td>
                <td>
                  <LineSelect
                    label={`${t('books.col.title')} ${i + 1}`}
                    value={l.titleCode}
                    options={chart.titles.map((x) => ({ value: x.code, name: x.name }))}
                    onChange={(code) => pickTitle(i, code)}
                    none
                  />
                </td>
                <td>
                  <LineSelect
                    label={`${t('books.col.subTitle')} ${i + 1}`}
                    value={l.subTitle}
                    options={subs.map((name) => ({ value: name, name }))}
                    onChange={(subTitle) => set(i, { subTitle })}
                    none
                    disabled={subs.length === 0}
                  />
                </td>
                <td>
                  <LineSelect
                    label={`${t('books.col.tax')} ${i + 1}`}
                    value={l.taxCode}
                    options={chart.taxes.map((x) => ({ value: x.code, name: x.name }))}
                    onChange={(code) => set(i, { taxCode: code as TaxCode })}
                  />
                </td>
                <td>
                  <input
                    aria-label={`${t('books.entry.amount')} ${i + 1}`}
                    inputMode="numeric"
                    className="num"
                    value={l.amount}
                    onChange={(e) => set(i, { amount: e.target.value })}
                    size={10}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`${t('books.entry.removeLine')} ${i + 1}`}
                    onClick={() => onChange(lines.filter((_, j) => j !== i))}
                    disabled={lines.length + (fixed ? 1 : 0) <= 2}
                  >
                    ×
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="entry-totals">
        <button
          type="button"
          onClick={() => onChange([...lines, emptyLine(debit > credit ? 'credit' : 'debit')])}
        >
          {t('books.entry.addLine')}
        </button>{' '}
        <span data-testid="entry-totals">
          {t('books.entry.totals', { debit: formatYen(debit, lang), credit: formatYen(credit, lang) })}
        </span>{' '}
        {debit !== credit && (
          <span className="warning" role="note">
            {t('books.entry.unbalanced', { diff: formatYen(Math.abs(debit - credit), lang) })}
          </span>
        )}
      </p>
    </div>
  );
}

/** The 取引先 and 摘要 an entry carries, as a 振替伝票, a 修正 and a split registration ask them. */
export function EntryTextFields({
  counterparty,
  memo,
  onCounterparty,
  onMemo,
}: {
  counterparty: string;
  memo: string;
  onCounterparty(counterparty: string): void;
  onMemo(memo: string): void;
}) {
  const { t } = useWords();
  return (
    <>
      <label>
        {t('books.col.counterparty')}
        <input value={counterparty} onChange={(e) => onCounterparty(e.target.value)} maxLength={60} />
      </label>
      <label>
        {t('books.col.memo')}
        <input value={memo} onChange={(e) => onMemo(e.target.value)} maxLength={100} />
      </label>
    </>
  );
}

/** One of a line's choices, named by its label and row (the table's head says it to the eye); `none` offers —. */
function LineSelect({
  label,
  value,
  options,
  onChange,
  none = false,
  disabled,
}: {
  label: string;
  value: string;
  options: readonly { value: string; name: string }[];
  onChange(value: string): void;
  none?: boolean;
  disabled?: boolean;
}) {
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} disabled={disabled}>
      {none && <option value="">—</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.name}
        </option>
      ))}
    </select>
  );
}
