import { useCallback, useEffect, useState } from 'react';
import { invoiceNumberProblem } from '../../../shared/invoice-number.ts';
import type { CounterpartyView } from '../../../shared/ipc/books-contract.ts';
import { call } from '../bridge.ts';
import type { ErrorState } from '../app/use-error.ts';
import { useWords } from '../i18n/words.ts';

/** 適格請求書発行事業者: 登録あり / 登録なし / 未確認, as a select's value. */
type Registration = 'yes' | 'no' | 'unknown';
const toRegistration = (r: boolean | null): Registration => (r === null ? 'unknown' : r ? 'yes' : 'no');
const fromRegistration = (r: Registration): boolean | null => (r === 'unknown' ? null : r === 'yes');

/**
 * 取引先: who the bank lines name, learned when a line is registered under a 取引先 (its remarks
 * then name it), each with whether it is a registered issuer and its registration number — which
 * decides the tax category of a purchase from it by date (shared/tax-periods.ts). Listed, edited,
 * and added by hand.
 */
export function CounterpartyList({ errors }: { errors: ErrorState }) {
  const { t } = useWords();
  const [rows, setRows] = useState<CounterpartyView[]>();
  const [notice, setNotice] = useState<string>();
  const reload = useCallback(
    () => call('books:counterparties-list', undefined).then(setRows, (error: unknown) => errors.show(error)),
    [errors],
  );
  useEffect(() => void reload(), [reload]);
  const saved = (view: CounterpartyView) => {
    errors.clear();
    setNotice(t('books.counterparties.saved', { name: view.name }));
    void reload();
  };
  return (
    <div className="counterparties">
      <p className="hint">{t('books.counterparties.hint')}</p>
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      {rows && rows.length === 0 && <p>{t('books.counterparties.empty')}</p>}
      {rows && rows.length > 0 && (
        <div className="counterparty-scroll">
          <table className="chart-table counterparty-table" data-testid="counterparties">
            <thead>
              <tr>
                <th>{t('books.counterparties.name')}</th>
                <th>{t('books.counterparties.registered')}</th>
                <th>{t('books.counterparties.number')}</th>
                <th>{t('books.counterparties.remarks')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <CounterpartyRow
                  key={`${row.id}-${row.name}-${String(row.registered)}`}
                  row={row}
                  errors={errors}
                  onSaved={saved}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>{t('books.counterparties.add')}</h3>
      <CounterpartyForm errors={errors} onSaved={saved} />
    </div>
  );
}

function CounterpartyRow({
  row,
  errors,
  onSaved,
}: {
  row: CounterpartyView;
  errors: ErrorState;
  onSaved(view: CounterpartyView): void;
}) {
  const { t } = useWords();
  const [registration, setRegistration] = useState(toRegistration(row.registered));
  const [number, setNumber] = useState(row.invoiceNumber ?? '');
  const [name, setName] = useState(row.name);
  const changed =
    registration !== toRegistration(row.registered) ||
    number !== (row.invoiceNumber ?? '') ||
    name !== row.name;
  const save = () =>
    call('books:counterparties-save', {
      id: row.id,
      name,
      registered: fromRegistration(registration),
      ...(number.trim() ? { invoiceNumber: number } : {}),
    }).then(onSaved, (error: unknown) => errors.show(error));
  const label = (what: string) => `${what} ${row.name}`;
  return (
    <tr data-testid="counterparty-row">
      <td>
        <input
          aria-label={label(t('books.counterparties.name'))}
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={60}
        />
      </td>
      <td>
        <RegistrationSelect
          label={label(t('books.counterparties.registered'))}
          value={registration}
          onChange={setRegistration}
        />
      </td>
      <td>
        <NumberInput label={label(t('books.counterparties.number'))} value={number} onChange={setNumber} />
      </td>
      <td className="counterparty-remarks">{row.remarks.join('、') || '—'}</td>
      <td>
        <button type="button" disabled={!changed || name.trim() === ''} onClick={() => void save()}>
          {t('books.counterparties.save')}
        </button>
      </td>
    </tr>
  );
}

function CounterpartyForm({
  errors,
  onSaved,
}: {
  errors: ErrorState;
  onSaved(view: CounterpartyView): void;
}) {
  const { t } = useWords();
  const [name, setName] = useState('');
  const [registration, setRegistration] = useState<Registration>('unknown');
  const [number, setNumber] = useState('');
  return (
    <form
      className="counterparty-form"
      onSubmit={(event) => {
        event.preventDefault();
        call('books:counterparties-save', {
          name,
          registered: fromRegistration(registration),
          ...(number.trim() ? { invoiceNumber: number } : {}),
        }).then(
          (view) => {
            setName('');
            setNumber('');
            setRegistration('unknown');
            onSaved(view);
          },
          (error: unknown) => errors.show(error),
        );
      }}
    >
      <label>
        {t('books.counterparties.name')}
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={60} required />
      </label>
      <RegistrationSelect
        label={t('books.counterparties.registered')}
        value={registration}
        onChange={setRegistration}
        labelled
      />
      <NumberInput label={t('books.counterparties.number')} value={number} onChange={setNumber} labelled />
      <button type="submit" className="primary" disabled={name.trim() === ''}>
        {t('books.counterparties.add')}
      </button>
    </form>
  );
}

function RegistrationSelect(props: {
  label: string;
  value: Registration;
  onChange(value: Registration): void;
  labelled?: boolean;
}) {
  const { t } = useWords();
  const select = (
    <select
      aria-label={props.labelled ? undefined : props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value as Registration)}
    >
      {(['yes', 'no', 'unknown'] as const).map((r) => (
        <option key={r} value={r}>
          {t(`books.counterparties.registration.${r}`)}
        </option>
      ))}
    </select>
  );
  return props.labelled ? (
    <label>
      {props.label}
      {select}
    </label>
  ) : (
    select
  );
}

/** The registration number, with its problem shown as typed (the core checks it again). */
function NumberInput(props: {
  label: string;
  value: string;
  onChange(value: string): void;
  labelled?: boolean;
}) {
  const { t } = useWords();
  const problem = props.value.trim() ? invoiceNumberProblem(props.value) : undefined;
  const input = (
    <input
      aria-label={props.labelled ? undefined : props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      placeholder="T1234567890123"
      maxLength={20}
      aria-invalid={problem ? true : undefined}
    />
  );
  return (
    <span className="invoice-number">
      {props.labelled ? (
        <label>
          {props.label}
          {input}
        </label>
      ) : (
        input
      )}
      {problem && <small className="warning">{t(`books.counterparties.problem.${problem}`)}</small>}
    </span>
  );
}
