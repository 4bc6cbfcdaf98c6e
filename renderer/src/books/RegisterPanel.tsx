import { useEffect, useState } from 'react';
import type { QueueLine, RegisterChoice, ReviewStatus, TaxCode } from '../../../shared/ipc/books-contract.ts';
import { formatYen } from '../i18n/format.ts';
import { useWords } from '../i18n/words.ts';
import { TaxSelect, TitleSelect } from './ChartSelects.tsx';
import type { ChartData } from './use-chart.ts';

/** The current line's choice: prefilled from its suggestion (with the reason), edited, registered. */
export function RegisterPanel(props: {
  line: QueueLine;
  chart: ChartData;
  status: ReviewStatus;
  checkedCount: number;
  reason: string | undefined;
  onChoice(choice: RegisterChoice): void;
  onRegister(choice: RegisterChoice): void;
  onIgnore(): void;
  onReopen(): void;
  onTransfer(): void;
}) {
  const { line, chart, status } = props;
  const { t, lang } = useWords();
  const s = line.suggestion;
  const [titleCode, setTitleCode] = useState(s?.titleCode ?? '');
  const [subTitle, setSubTitle] = useState(s?.subTitle ?? '');
  const [taxCode, setTaxCode] = useState<TaxCode>(s?.taxCode ?? 'none');
  const [counterparty, setCounterparty] = useState(s?.counterparty ?? line.counterparty);
  const [memo, setMemo] = useState(s?.memo ?? line.remarks);
  const choice: RegisterChoice = {
    titleCode,
    ...(subTitle ? { subTitle } : {}),
    taxCode,
    counterparty,
    memo,
    ...(s && s.titleCode === titleCode ? { ruleId: s.ruleId } : {}),
  };
  const { onChoice } = props;
  const ruleId = s && s.titleCode === titleCode ? s.ruleId : undefined;
  // The queue's Enter key registers with what this panel shows.
  useEffect(
    () =>
      onChoice({
        titleCode,
        ...(subTitle ? { subTitle } : {}),
        taxCode,
        counterparty,
        memo,
        ...(ruleId ? { ruleId } : {}),
      }),
    [onChoice, titleCode, subTitle, taxCode, counterparty, memo, ruleId],
  );

  const pickTitle = (code: string) => {
    setTitleCode(code);
    setSubTitle('');
    const title = chart.titles.find((x) => x.code === code);
    if (title) setTaxCode(title.defaultTax);
  };
  // The bank titles' 補助科目 are the bank accounts, which the bank side of an entry already names.
  const picked = chart.titles.find((x) => x.code === titleCode);
  const subTitles = picked && !picked.bank ? picked.subTitles : [];
  return (
    <aside className="register-panel" aria-label={t('books.queue.register')}>
      <p className="line-remarks">
        {line.remarks} <strong>{formatYen(line.amount, lang)}</strong> ({t(`books.type.${line.type}`)})
      </p>
      <p className="reason" data-testid="suggestion-reason">
        {props.reason ?? t('books.queue.noSuggestion')}
      </p>
      {line.transfer && (
        <p className="reason">
          {t('books.queue.transferWith', { account: line.transfer.accountLabel, date: line.transfer.date })}
        </p>
      )}
      {line.changedAtBank && (
        <p className="warning">
          {t('books.queue.changed', {
            amount: formatYen(line.changedAtBank.amount, lang),
            remarks: line.changedAtBank.remarks,
          })}
        </p>
      )}
      {status === 'unreviewed' ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            props.onRegister(choice);
          }}
        >
          <TitleSelect chart={chart} value={titleCode} onChange={pickTitle} />
          {subTitles.length > 0 && (
            <label>
              {t('books.col.subTitle')}
              <select value={subTitle} onChange={(e) => setSubTitle(e.target.value)}>
                <option value="">—</option>
                {subTitles.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <TaxSelect chart={chart} value={taxCode} onChange={setTaxCode} />
          <label>
            {t('books.col.counterparty')}
            <input value={counterparty} onChange={(e) => setCounterparty(e.target.value)} maxLength={60} />
          </label>
          <label>
            {t('books.col.memo')}
            <input value={memo} onChange={(e) => setMemo(e.target.value)} maxLength={100} />
          </label>
          <div className="register-actions">
            <button type="submit" className="primary" disabled={!titleCode}>
              {props.checkedCount > 0
                ? t('books.queue.registerSelected', { count: props.checkedCount })
                : t('books.queue.register')}
            </button>
            <button type="button" onClick={props.onIgnore}>
              {t('books.queue.ignore')}
            </button>
            {line.transfer && (
              <button type="button" onClick={props.onTransfer}>
                {t('books.queue.transfer')}
              </button>
            )}
          </div>
        </form>
      ) : (
        <button type="button" onClick={props.onReopen}>
          {t('books.queue.reopen')}
        </button>
      )}
    </aside>
  );
}
