import type { QueueLine, RegisterChoice, Suggestion } from '../../../shared/ipc/books-contract.ts';
import { useWords } from '../i18n/words.ts';
import { bulkPlan } from './bulk-plan.ts';
import type { ChartData } from './use-chart.ts';

/**
 * Before a choice goes to many lines: what will be applied, to how many 入金 and 出金 lines, which
 * direction it does not fit (those lines stay in 未処理), and whose suggestion it is, if any — with
 * its fixed lines, when the rule has some (each line then gets the rule's compound entry).
 */
export function BulkConfirm(props: {
  lines: readonly QueueLine[];
  choice: RegisterChoice;
  suggestion: Suggestion | undefined;
  chart: ChartData;
  onConfirm(): void;
  onBack(): void;
}) {
  const { lines, choice, chart } = props;
  const { t } = useWords();
  const kind = chart.titles.find((x) => x.code === choice.titleCode)?.kind;
  const plan = bulkPlan(lines, kind, choice.taxCode);
  const sides = [
    ['1', plan.deposits],
    ['2', plan.withdrawals],
  ] as const;
  return (
    <section className="bulk-confirm" aria-label={t('books.bulk.heading')} data-testid="bulk-confirm">
      <h3>{t('books.bulk.heading')}</h3>
      <dl>
        <dt>{t('books.bulk.title')}</dt>
        <dd>
          {chart.titleName(choice.titleCode)}
          {choice.subTitle ? `（${choice.subTitle}）` : ''}
        </dd>
        <dt>{t('books.bulk.tax')}</dt>
        <dd>{chart.taxName(choice.taxCode)}</dd>
        <dt>{t('books.bulk.counterparty')}</dt>
        <dd>
          {choice.counterparty ? t('books.bulk.forAll', { text: choice.counterparty }) : t('books.bulk.own')}
        </dd>
        <dt>{t('books.bulk.memo')}</dt>
        <dd>{choice.memo ? t('books.bulk.forAll', { text: choice.memo }) : t('books.bulk.own')}</dd>
      </dl>
      {props.suggestion && choice.ruleId === props.suggestion.ruleId && (
        <p className="hint">{t('books.bulk.suggestion', { keyword: props.suggestion.reason.keyword })}</p>
      )}
      {props.suggestion?.lines && choice.ruleId === props.suggestion.ruleId && (
        <p className="notice" data-testid="bulk-fixed-lines">
          {t('books.bulk.fixedLines')}
        </p>
      )}
      <ul className="bulk-sides">
        {sides
          .filter(([, side]) => side.count > 0)
          .map(([type, side]) => (
            <li key={type} className={side.fits ? '' : 'warning'} data-testid={`bulk-${type}`}>
              {t('books.bulk.lines', { type: t(`books.type.${type}`), count: side.count })}:{' '}
              {side.fits ? t('books.bulk.fits') : t('books.bulk.refused')}
            </li>
          ))}
      </ul>
      <div className="register-actions">
        <button type="button" className="primary" disabled={plan.registered === 0} onClick={props.onConfirm}>
          {t('books.bulk.confirm', { count: plan.registered })}
        </button>
        <button type="button" onClick={props.onBack}>
          {t('books.bulk.back')}
        </button>
      </div>
    </section>
  );
}
