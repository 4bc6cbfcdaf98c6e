import { useEffect, useState } from 'react';
import { directionMisfit } from '../../../shared/books-direction.ts';
import { categoryInForce, notInForce, shareOn } from '../../../shared/tax-periods.ts';
import type {
  JournalLine,
  QueueLine,
  RegisterChoice,
  ReviewStatus,
  Settles,
  TaxCode,
} from '../../../shared/ipc/books-contract.ts';
import { formatLedgerDate, formatYen } from '../i18n/format.ts';
import { useWords } from '../i18n/words.ts';
import { bulkChoice } from './bulk-plan.ts';
import { TaxSelect, TitleSelect } from './ChartSelects.tsx';
import { draftOf, EntryLinesEditor, EntryTextFields, linesOf, type LineDraft } from './EntryLinesEditor.tsx';
import type { ChartData } from './use-chart.ts';

const toRegistration = (r: boolean | null) => (r === null ? 'unknown' : r ? 'yes' : 'no');

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
  /**
   * Registers the line as a compound entry: its account's line and these; with `settles`, linked
   * to the open 売掛金/買掛金 items they settle (消込).
   */
  onSplit(lines: JournalLine[], text: { counterparty: string; memo: string }, settles?: Settles): void;
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
  // A split (複合仕訳): the line's own account takes its amount on the side the money moved; the
  // user adds the rest (a short payment: 売掛金 in full and the 差額 as 支払手数料).
  const [split, setSplit] = useState<LineDraft[]>();
  const bankTitle = chart.titles.find((x) => x.bankAccounts.some((a) => a.name === line.accountLabel));
  const bankLine: JournalLine = {
    side: line.type === '1' ? 'debit' : 'credit',
    titleCode: bankTitle?.code ?? 'ordinary_deposit',
    subTitle: line.accountLabel,
    taxCode: 'none',
    amount: line.amount,
  };
  const otherSide = line.type === '1' ? 'credit' : 'debit';
  const startSplit = () =>
    setSplit([
      { side: otherSide, titleCode, subTitle, taxCode, amount: String(line.amount) },
      {
        side: line.type === '1' ? 'debit' : 'credit',
        titleCode: '',
        subTitle: '',
        taxCode: 'none',
        amount: '',
      },
    ]);
  // 消込: the open 売掛金 (買掛金) of the line's 取引先 it most likely settles, registered as proposed
  // in one click or opened in the split to edit. A split whose settled title still sums to what
  // the proposal settles, under the same 取引先, keeps its links; edited otherwise it is written
  // without them (the open items then take it oldest first, docs/bookkeeping.md).
  const settlement = line.settlement;
  const settles: Settles | undefined = settlement && {
    titleCode: settlement.titleCode,
    items: settlement.items.map((i) => ({ entryId: i.entryId, amount: i.amount })),
  };
  const takeSettlement = () => settlement && setSplit(settlement.lines.map(draftOf));
  const splitLines = split && linesOf(split);
  const settledBy = (lines: readonly JournalLine[]) =>
    settlement &&
    lines
      .filter((l) => l.titleCode === settlement.titleCode)
      .reduce(
        (sum, l) =>
          sum +
          (l.side === (settlement.titleCode === 'receivables' ? 'credit' : 'debit') ? l.amount : -l.amount),
        0,
      );
  const splitSettles =
    settles &&
    splitLines &&
    counterparty === settlement?.counterparty &&
    settledBy(splitLines) === settles.items.reduce((sum, i) => sum + i.amount, 0)
      ? settles
      : undefined;
  const splitBalanced =
    splitLines !== undefined &&
    [bankLine, ...splitLines].reduce((sum, l) => sum + (l.side === 'debit' ? l.amount : -l.amount), 0) === 0;
  // What the core will write for this line (shared/tax-periods.ts): a purchase from a seller
  // marked not registered takes the transitional category of its date.
  // The seller the queue named is the default 取引先's; a 取引先 typed instead is the core's to
  // look up, so nothing is predicted for it.
  const seller = counterparty === (s?.counterparty ?? line.counterparty) ? line.seller : undefined;
  const refusedTax = !bulk ? notInForce(line.date, taxCode) : undefined;
  const written =
    !bulk && !refusedTax && seller ? categoryInForce(line.date, seller.registered, taxCode) : undefined;
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
      {s?.lines && !bulk && titleCode === s.titleCode && (
        <div className="hint" data-testid="suggestion-lines">
          {t('books.queue.ruleLines')}
          <ul className="plain">
            {s.lines.map((l, i) => (
              <li key={i}>
                {t(`books.col.${l.side}`)} {chart.titleName(l.titleCode)} {formatYen(l.amount, lang)}
              </li>
            ))}
          </ul>
        </div>
      )}
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
      {line.booked && (
        <div className="reason" data-testid="booked-lines">
          {t('books.queue.booked')}:
          <ul className="plain">
            {line.booked.map((l, i) => (
              <li key={i}>
                {t(`books.col.${l.side}`)} {chart.titleName(l.titleCode)}
                {l.subTitle ? `（${l.subTitle}）` : ''} {formatYen(l.amount, lang)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {status === 'unreviewed' && !bulk && settlement && settles && (
        <div className="notice" data-testid="settlement">
          <p>
            {t(`books.queue.settle.${settlement.kind}`, {
              counterparty: settlement.counterparty,
              title: chart.titleName(settlement.titleCode),
              open: formatYen(settlement.items[0]!.open, lang),
              date: formatLedgerDate(settlement.items[0]!.date, lang),
              memo: settlement.items[0]!.memo,
              count: settlement.items.length,
              total: formatYen(
                settlement.items.reduce((sum, i) => sum + i.open, 0),
                lang,
              ),
              rest: formatYen(settlement.items[0]!.open - settlement.items[0]!.amount, lang),
              difference: formatYen(settlement.difference, lang),
            })}
          </p>
          <ul className="plain" data-testid="settlement-lines">
            {settlement.lines.map((l, i) => (
              <li key={i}>
                {t(`books.col.${l.side}`)} {chart.titleName(l.titleCode)} {formatYen(l.amount, lang)}
              </li>
            ))}
          </ul>
          <div className="register-actions">
            <button
              type="button"
              className="primary"
              onClick={() =>
                props.onSplit(settlement.lines, { counterparty: settlement.counterparty, memo }, settles)
              }
            >
              {t('books.queue.settle.register')}
            </button>
            <button type="button" onClick={takeSettlement}>
              {settlement.kind === 'short'
                ? t('books.queue.useShortfall', {
                    receivable: formatYen(settlement.items[0]!.amount, lang),
                    difference: formatYen(settlement.difference, lang),
                  })
                : t('books.queue.settle.edit')}
            </button>
          </div>
        </div>
      )}
      {status === 'unreviewed' && split ? (
        <form
          className="split-lines"
          onSubmit={(event) => {
            event.preventDefault();
            if (splitLines && splitBalanced) props.onSplit(splitLines, { counterparty, memo }, splitSettles);
          }}
        >
          <EntryLinesEditor chart={chart} lines={split} onChange={setSplit} fixed={bankLine} />
          <EntryTextFields
            counterparty={counterparty}
            memo={memo}
            onCounterparty={setCounterparty}
            onMemo={setMemo}
          />
          <div className="register-actions">
            <button type="submit" className="primary" disabled={!splitBalanced}>
              {t('books.queue.register')}
            </button>
            <button type="button" onClick={() => setSplit(undefined)}>
              {t('books.queue.splitOff')}
            </button>
          </div>
        </form>
      ) : status === 'unreviewed' ? (
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
          {seller && !bulk && (
            <p className="hint" data-testid="seller">
              {t('books.queue.seller', {
                name: seller.name,
                status: t(`books.counterparties.registration.${toRegistration(seller.registered)}`),
              })}
            </p>
          )}
          {written && written !== taxCode && (
            <p className="notice" role="note" data-testid="tax-in-force">
              {t('books.queue.taxInForce', {
                tax: chart.taxName(written),
                date: line.date,
                share: shareOn(line.date) || 0,
              })}
            </p>
          )}
          {refusedTax && (
            <p className="warning" role="note" data-testid="tax-not-in-force">
              {t('books.queue.taxNotInForce', { date: line.date, tax: chart.taxName(refusedTax) })}
            </p>
          )}
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
            {!bulk && (
              <button type="button" onClick={startSplit}>
                {t('books.queue.split')}
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
