import { useId, useState, type ReactNode } from 'react';
import {
  BankProfileInput,
  type BankProfileView,
  type ProfileTestResult,
} from '../../../shared/ipc/contract.ts';
import { API_DIALECTS, DIALECT_SCOPES, scopeGrantsOf, type ApiDialect } from '../../../shared/bank/oauth.ts';
import { call } from '../bridge.ts';
import type { ErrorState } from '../app/use-error.ts';
import { useWords } from '../i18n/words.ts';
import { ProfileTestReport } from './ProfileTestReport.tsx';

/** The form's text fields; '' is "not given" for the optional ones. */
interface Fields {
  name: string;
  issuer: string;
  clientId: string;
  apiBase: string;
  dialect: ApiDialect;
  apiBasePersonal: string;
  apiBaseCorporate: string;
  /** Space-separated scope names; '' is the dialect's own. */
  scopes: string;
}
const blank: Fields = {
  name: '',
  issuer: '',
  clientId: '',
  apiBase: '',
  dialect: 'bankdemo',
  apiBasePersonal: '',
  apiBaseCorporate: '',
  scopes: '',
};
const isFieldKey = (key: unknown): key is keyof Fields => typeof key === 'string' && key in blank;
const names = (scopes: ReadonlyArray<{ name: string }>) => scopes.map((s) => s.name).join(' ');
/** Only the input fields: the schema is strict, and the view's id and builtIn are not input. */
const fieldsOf = (p: BankProfileView | undefined): Fields =>
  p
    ? {
        name: p.name,
        issuer: p.issuer,
        clientId: p.clientId,
        apiBase: p.apiBase,
        dialect: p.dialect,
        apiBasePersonal: p.apiBasePersonal ?? '',
        apiBaseCorporate: p.apiBaseCorporate ?? '',
        scopes: names(p.scopes) === names(DIALECT_SCOPES[p.dialect]) ? '' : names(p.scopes),
      }
    : blank;

/** The form as the contract's input: empty optional fields left out, scope names with their grants. */
function inputOf(fields: Fields) {
  const scopeNames = fields.scopes.split(/\s+/).filter(Boolean);
  return {
    name: fields.name,
    issuer: fields.issuer,
    clientId: fields.clientId,
    apiBase: fields.apiBase,
    dialect: fields.dialect,
    ...(fields.apiBasePersonal ? { apiBasePersonal: fields.apiBasePersonal } : {}),
    ...(fields.apiBaseCorporate ? { apiBaseCorporate: fields.apiBaseCorporate } : {}),
    ...(scopeNames.length ? { scopes: scopeGrantsOf(scopeNames) } : {}),
  };
}

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
    const parsed = BankProfileInput.safeParse(inputOf(fields));
    if (parsed.success) return (setProblem(undefined), parsed.data);
    const field = parsed.error.issues[0]?.path[0];
    setProblem(
      field === 'name'
        ? t('settings.invalidName')
        : t('settings.invalid', {
            field: t(`settings.field.${isFieldKey(field) ? field : 'issuer'}`),
          }),
    );
    return undefined;
  };

  const runTest = () => {
    const input = checked();
    if (!input) return;
    setTest('running');
    const { issuer, clientId, apiBase, dialect, apiBasePersonal, apiBaseCorporate } = input;
    const target = {
      issuer,
      clientId,
      apiBase,
      dialect,
      ...(apiBasePersonal ? { apiBasePersonal } : {}),
      ...(apiBaseCorporate ? { apiBaseCorporate } : {}),
    };
    call('profiles:test', target).then(setTest, (error: unknown) => {
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
  const withHelp = (key: keyof Fields, control: ReactNode) => (
    <div className="field-with-help">
      <label className="field">
        <span>{t(`settings.field.${key}`)}</span>
        {control}
      </label>
      <small id={`${formId}-${key}-help`} className="field-help">
        {t(`settings.help.${key}`, { defaults: names(DIALECT_SCOPES[fields.dialect]) })}
      </small>
    </div>
  );
  const input = (key: Exclude<keyof Fields, 'dialect'>, type = 'text') =>
    withHelp(
      key,
      <input
        type={type}
        value={fields[key]}
        readOnly={readOnly}
        spellCheck={false}
        aria-describedby={`${formId}-${key}-help`}
        onChange={(e) => set(key, e.target.value)}
      />,
    );

  return (
    <div className="profile" data-testid="profile">
      {readOnly && <span className="badge badge-active">{t('settings.builtIn')}</span>}
      <div className="profile-fields">
        {input('name')}
        {input('issuer', 'url')}
        {input('clientId')}
        {input('apiBase', 'url')}
        {withHelp(
          'dialect',
          <select
            value={fields.dialect}
            disabled={readOnly}
            aria-describedby={`${formId}-dialect-help`}
            onChange={(e) => set('dialect', e.target.value)}
          >
            {API_DIALECTS.map((d) => (
              <option key={d} value={d}>
                {t(`settings.dialects.${d}`)}
              </option>
            ))}
          </select>,
        )}
        {input('apiBasePersonal', 'url')}
        {input('apiBaseCorporate', 'url')}
        {input('scopes')}
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
