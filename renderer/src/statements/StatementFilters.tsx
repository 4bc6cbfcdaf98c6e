import type { AccountGroup } from '../../../shared/ipc/contract.ts';
import { DateInput } from '../app/DateInput.tsx';
import { useWords } from '../i18n/words.ts';
import type { FilterProblem, StatementFilters as Filters } from './query.ts';
import { accountLabel } from '../accounts/account-label.ts';

interface Props {
  filters: Filters;
  groups: AccountGroup[];
  problems: FilterProblem[];
  onChange(filters: Filters): void;
}

/**
 * The filter bar: account (grouped by link, so that two links of one bank are told apart), date
 * range, 入金/出金, amount range, remarks and the order by date.
 */
export function StatementFilters({ filters, groups, problems, onChange }: Props) {
  const { t, channelName, accountType } = useWords();
  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => onChange({ ...filters, [key]: value });
  const invalid = (key: FilterProblem) => problems.includes(key) || undefined;

  return (
    <fieldset className="filters">
      <legend className="visually-hidden">{t('statements.filters')}</legend>
      <label className="field">
        <span>{t('statements.account')}</span>
        <select value={filters.accountId} onChange={(e) => set('accountId', e.target.value)}>
          <option value="">{t('statements.allAccounts')}</option>
          {groups.map((g) => (
            <optgroup
              key={g.connectionId}
              label={`${g.bankName} ${channelName(g.channel)} ${g.holderNames.join('・')}${
                g.status === 'disconnected' ? t('statements.disconnected') : ''
              }`}
            >
              {g.accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {accountLabel(a, { typeName: accountType })}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('statements.dateFrom')}</span>
        <DateInput
          value={filters.dateFrom}
          aria-invalid={invalid('dateRange')}
          onChange={(date) => set('dateFrom', date)}
        />
      </label>
      <label className="field">
        <span>{t('statements.dateTo')}</span>
        <DateInput
          value={filters.dateTo}
          aria-invalid={invalid('dateRange')}
          onChange={(date) => set('dateTo', date)}
        />
      </label>
      <label className="field">
        <span>{t('statements.type')}</span>
        <select value={filters.type} onChange={(e) => set('type', e.target.value as Filters['type'])}>
          <option value="">{t('statements.typeAll')}</option>
          <option value="1">{t('statements.deposit')}</option>
          <option value="2">{t('statements.withdrawal')}</option>
        </select>
      </label>
      <label className="field amount">
        <span>{t('statements.minAmount')}</span>
        <input
          inputMode="numeric"
          value={filters.minAmount}
          aria-invalid={invalid('minAmount') ?? invalid('amountRange')}
          onChange={(e) => set('minAmount', e.target.value)}
        />
      </label>
      <label className="field amount">
        <span>{t('statements.maxAmount')}</span>
        <input
          inputMode="numeric"
          value={filters.maxAmount}
          aria-invalid={invalid('maxAmount') ?? invalid('amountRange')}
          onChange={(e) => set('maxAmount', e.target.value)}
        />
      </label>
      <label className="field remarks">
        <span>{t('statements.remarks')}</span>
        <input
          type="search"
          maxLength={100}
          value={filters.text}
          placeholder={t('statements.remarksPlaceholder')}
          onChange={(e) => set('text', e.target.value)}
        />
      </label>
      <label className="field">
        <span>{t('statements.order')}</span>
        <select value={filters.order} onChange={(e) => set('order', e.target.value as Filters['order'])}>
          <option value="desc">{t('statements.newestFirst')}</option>
          <option value="asc">{t('statements.oldestFirst')}</option>
        </select>
      </label>
    </fieldset>
  );
}
