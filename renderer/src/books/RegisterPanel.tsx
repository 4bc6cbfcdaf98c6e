import { useEffect, useState } from 'react';
import { directionMisfit } from '../../../shared/books-direction.ts';
import type { QueueLine, RegisterChoice, ReviewStatus, TaxCode } from '../../../shared/ipc/books-contract.ts';
import { formatLedgerDate, formatYen } from '../i18n/format.ts';
import { useWords } from '../i18n/words.ts';
import { bulkChoice } from './bulk-plan.ts';
import { TaxSelect, TitleSelect } from './ChartSelects.tsx';
import type { ChartData } from './use-chart.ts';

/**
 * The current line's choice: prefilled from its suggestion (with the reason), edited, registered.
 * With lines ticked (`checkedCount` > 0) it is the choice for all of them instead: nothing is
 * prefilled from the focused line (its suggestion is one button away, and named in the check
 * before registering), 取引先 and 摘要 stay empty — each line's own — unless typed for all, and
 * the button leads to the check (BulkConfirm) rather than registering.
 */
export function RegisterPanel(props: {
  line: QueueLine;
  chart: ChartData;
  status: ReviewStatus;
  checkedCount: number;
  /** Enter or 登録 was pressed with no 勘定科目 chosen: say so at the field. */
  missingTitle?: boolean;
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
  // With no rule, what lines like it were registered as prefills the panel (shown with its reason).
  const pre = s ?? (status === 'unreviewed' ? line.learned : undefined);
  const bulk = props.checkedCount > 0;
  const [titleCode, setTitleCode] = useState(bulk ? '' : (pre?.titleCode ?? ''));
  const [subTitle, setSubTitle] = useState(bulk ? '' : (pre?.subTitle ?? ''));
  const [taxCode, setTaxCode] = useState<TaxCode>(bulk ? 'none' : (pre?.taxCode ?? 'none'));
  const [counterparty, setCounterparty] = useState(bulk ? '' : (pre?.counterparty ?? line.counterparty));
  const [memo, setMemo] = useState(bulk ? '' : (pre?.memo ?? line.remarks));
  /** In bulk: the rule whose suggestion the user took with the button (and then kept). */
  const [takenRule, setTakenRule] = useState<{ ruleId: number; titleCode: string }>();
  const ruleId = bulk
    ? takenRule && takenRule.titleCode === titleCode
      ? takenRule.ruleId
      : undefined
    : s && s.titleCode === titleCode
      ? s.ruleId
      : undefined;
  const choice: RegisterChoice = bulk
    ? bulkChoice({ titleCode, subTitle, taxCode, counterparty, memo, ...(ruleId ? { ruleId } : {}) })
    : {
        titleCode,
        ...(subTitle ? { subTitle } : {}),
        taxCode,
        counterparty,
        memo,
        ...(ruleId ? { ruleId } : {}),
      };
  const { onChoice } = props;
  const choiceKey = JSON.stringify(choice);
  // The queue's Enter key registers (or, in bulk, checks) with what this panel shows.
  useEffect(() => onChoice(JSON.parse(choiceKey) as RegisterChoice), [onChoice, choiceKey]);
  const takeSuggestion = () => {
    if (!s) return;
    setTitleCode(s.titleCode);
    setSubTitle(s.subTitle ?? '');
    setTaxCode(s.taxCode);
    setTakenRule({ ruleId: s.ruleId, titleCode: s.titleCode });
  };

  const pickTitle = (code: string) => {
    setTitleCode(code);
    setSubTitle('');
    const title = chart.titles.find((x) => x.code === code);
    if (title) setTaxCode(title.defaultTax);
  };
  // The bank titles' 補助科目 are the bank accounts, which the bank side of an entry already names.
  const picked = chart.titles.find((x) => x.code === titleCode);
  const subTitles = picked && !picked.bank ? picked.subTitles : [];
  const misfit = !bulk && titleCode ? directionMisfit(line.type, picked?.kind, taxCode) : undefined;
  const typedForAll = counterparty.trim() !== '' || memo.trim() !== '';
  return (
    <aside className="register-panel" aria-label={t('books.queue.register')}>
      <dl className="line-facts" data-testid="line-facts">
        <dt>{t('books.col.date')}</dt>
        <dd>{formatLedgerDate(line.date, lang)}</dd>
        <dt>{t('books.col.account')}</dt>
        <dd>{line.accountLabel}</dd>
        <dt>{t('books.col.remarks')}</dt>
        <dd className="line-remarks">{line.remarks}</dd>
        <dt>{t('books.col.amount')}</dt>
        <dd>
          <strong>{formatYen(line.amount, lang)}</strong> ({t(`books.type.${line.type}`)})
        </dd>
      </dl>
      <p className="reason" data-testid="suggestion-reason">
        {props.reason ?? t('books.queue.noSuggestion')}
      </p>
      {s?.note && (
        <p className="hint" data-testid="suggestion-note">
          {t(`books.note.${s.note}`)}
        </p>
      )}
      {line.bulkCounterparty && (
        <p className="warning" data-testid="bulk-hint">
          {t('books.queue.bulkMarkedHint', { ...line.bulkCounterparty })}
        </p>
      )}
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
          {bulk && s && (
            <button type="button" className="link-button" onClick={takeSuggestion}>
              {t('books.queue.useSuggestion', { title: chart.titleName(s.titleCode) })}
            </button>
          )}
          <TitleSelect chart={chart} value={titleCode} onChange={pickTitle} />
          {props.missingTitle && !titleCode && (
            <p className="field-error" role="alert" data-testid="missing-title">
              {t('books.queue.needTitle')}
            </p>
          )}
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
          {misfit && (
            <p className="warning" role="note">
              {t('books.queue.misfit', { type: t(`books.type.${line.type}`) })}
            </p>
          )}
          {bulk && <p className="hint">{t('books.queue.bulkForAll')}</p>}
          <label>
            {t('books.col.counterparty')}
            <input
              value={counterparty}
              onChange={(e) => setCounterparty(e.target.value)}
              maxLength={60}
              placeholder={bulk ? t('books.queue.bulkOwn') : undefined}
            />
          </label>
          <label>
            {t('books.col.memo')}
            <input
              value={memo}
              onChange={(e) => setMemo(e.target.value)}
              maxLength={100}
              placeholder={bulk ? t('books.queue.bulkOwn') : undefined}
            />
          </label>
          <div className="register-actions">
            <button
              type="submit"
              className="primary"
              disabled={!titleCode}
              aria-describedby={titleCode ? undefined : 'register-why-disabled'}
            >
              {bulk ? t('books.queue.bulkCheck', { count: props.checkedCount }) : t('books.queue.register')}
              {bulk && (
                <small className="button-note" data-testid="bulk-scope">
                  {typedForAll ? t('books.queue.bulkTyped') : t('books.queue.bulkEachOwn')}
                </small>
              )}
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
          {!titleCode && !props.missingTitle && (
            <p className="hint" id="register-why-disabled" data-testid="register-why-disabled">
              {t('books.queue.whyDisabled')}
            </p>
          )}
        </form>
      ) : (
        <button type="button" onClick={props.onReopen}>
          {t('books.queue.reopen')}
        </button>
      )}
    </aside>
  );
}
