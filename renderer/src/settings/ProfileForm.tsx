import { useId, useState } from 'react';
import {
  BankProfileInput,
  type BankProfileView,
  type ProfileTestResult,
} from '../../../shared/ipc/contract.ts';
import { call } from '../bridge.ts';
import type { ErrorState } from '../app/use-error.ts';
import { useWords } from '../i18n/words.ts';
import { ProfileTestReport } from './ProfileTestReport.tsx';

type Fields = Pick<BankProfileView, 'name' | 'issuer' | 'clientId' | 'apiBase'>;
const blank: Fields = { name: '', issuer: '', clientId: '', apiBase: '' };
/** Only the four fields: the schema is strict, and the view's id and builtIn are not input. */
const fieldsOf = (p: BankProfileView | undefined): Fields =>
  p ? { name: p.name, issuer: p.issuer, clientId: p.clientId, apiBase: p.apiBase } : blank;

interface Props {
  /** Undefined: the form adds a new profile. */
  profile?: BankProfileView;
  errors: ErrorState;
  onSaved(): void;
}

/** One bank profile: its four fields, 接続テスト, 保存 and 削除 (the built-in bank only tests). */
export function ProfileForm({ profile, errors, onSaved }: Props) {
  const { t } = useWords();
  const formId = useId();
  const [fields, setFields] = useState<Fields>(() => fieldsOf(profile));
  const [test, setTest] = useState<ProfileTestResult | 'running'>();
  const [problem, setProblem] = useState<string>();
  const readOnly = profile?.builtIn ?? false;
  const set = (key: keyof Fields, value: string) => setFields({ ...fields, [key]: value });

  /** Checked here with the contract's own schema, so a typo is named before the core refuses it. */
  const checked = () => {
    const parsed = BankProfileInput.safeParse(fields);
    if (parsed.success) return (setProblem(undefined), parsed.data);
    const field = parsed.error.issues[0]?.path[0];
    setProblem(
      field === 'name'
        ? t('settings.invalidName')
        : t('settings.invalid', {
            field: t(`settings.field.${field === 'clientId' || field === 'apiBase' ? field : 'issuer'}`),
          }),
    );
    return undefined;
  };

  const runTest = () => {
    const input = checked();
    if (!input) return;
    setTest('running');
    const { issuer, clientId, apiBase } = input;
    call('profiles:test', { issuer, clientId, apiBase }).then(setTest, (error: unknown) => {
      setTest(undefined);
      errors.show(error, { retry: runTest });
    });
  };
  const save = () => {
    const input = checked();
    if (!input) return;
    call('profiles:save', profile ? { ...input, id: profile.id } : input).then(
      () => {
        if (!profile) setFields(blank);
        onSaved();
      },
      (error: unknown) => errors.show(error, { retry: save }),
    );
  };
  const remove = () => {
    if (!profile) return;
    call('profiles:delete', { profileId: profile.id }).then(onSaved, (error: unknown) =>
      errors.show(error, { retry: remove }),
    );
  };

  // Each field with a line of help under it, tied to its input for screen readers.
  const input = (key: keyof Fields, type = 'text') => (
    <div className="field-with-help">
      <label className="field">
        <span>{t(`settings.field.${key}`)}</span>
        <input
          type={type}
          value={fields[key]}
          readOnly={readOnly}
          spellCheck={false}
          aria-describedby={`${formId}-${key}-help`}
          onChange={(e) => set(key, e.target.value)}
        />
      </label>
      <small id={`${formId}-${key}-help`} className="field-help">
        {t(`settings.help.${key}`)}
      </small>
    </div>
  );

  return (
    <div className="profile" data-testid="profile">
      {readOnly && <span className="badge badge-active">{t('settings.builtIn')}</span>}
      <div className="profile-fields">
        {input('name')}
        {input('issuer', 'url')}
        {input('clientId')}
        {input('apiBase', 'url')}
      </div>
      {problem && <p className="result-error">{problem}</p>}
      <div className="actions">
        <button type="button" onClick={runTest} disabled={test === 'running'}>
          {t('settings.test')}
        </button>
        {!readOnly && (
          <button type="button" className="primary" onClick={save}>
            {t('settings.save')}
          </button>
        )}
        {profile && !readOnly && (
          <button type="button" className="danger" onClick={remove}>
            {t('settings.delete')}
          </button>
        )}
      </div>
      {test && <ProfileTestReport result={test} />}
    </div>
  );
}
