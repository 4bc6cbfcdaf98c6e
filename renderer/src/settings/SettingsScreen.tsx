import { useEffect, useState } from 'react';
import { SYNC_INTERVAL_CHOICES, type AppSettings, type Language } from '../../../shared/ipc/contract.ts';
import { call } from '../bridge.ts';
import type { ErrorState } from '../app/use-error.ts';
import { formatMonthName } from '../i18n/format.ts';
import { applyLanguage } from '../i18n/setup.ts';
import { useWords } from '../i18n/words.ts';
import { ProfileForm } from './ProfileForm.tsx';

interface Props {
  settings: AppSettings | undefined;
  errors: ErrorState;
  onSettings(settings: AppSettings): void;
}

const LANGUAGE_NAMES: Record<Language, string> = { ja: '日本語', en: 'English' };
const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

/** 設定: language, the background sync interval, the fiscal year's first month, and the bank profiles. */
export function SettingsScreen({ settings, errors, onSettings }: Props) {
  const { t, lang } = useWords();
  const [logFile, setLogFile] = useState<string>();
  useEffect(() => {
    call('app:info-get', undefined).then(
      (info) => setLogFile(info.logFile),
      () => {},
    );
  }, []);

  const update = (change: {
    language?: Language;
    syncIntervalMinutes?: number;
    fiscalYearStartMonth?: number;
  }) => {
    // The words switch at once; the core keeps the choice for the next launch.
    if (change.language) void applyLanguage(change.language);
    call('settings:update', change).then(onSettings, (error: unknown) =>
      errors.show(error, { retry: () => update(change) }),
    );
  };
  const reloadSettings = () =>
    call('settings:get', undefined).then(onSettings, (error: unknown) =>
      errors.show(error, { retry: reloadSettings }),
    );

  const intervalName = (minutes: number) =>
    minutes === 0
      ? t('settings.intervalOff')
      : minutes % 60 === 0
        ? t('settings.intervalHours', { count: minutes / 60 })
        : t('settings.intervalMinutes', { count: minutes });

  return (
    <section className="panel settings" aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('settings.heading')}</h2>
      <h3>{t('settings.general')}</h3>
      <div className="settings-general">
        <label className="field">
          <span>{t('settings.language')}</span>
          <select value={lang} onChange={(e) => update({ language: e.target.value as Language })}>
            {(Object.keys(LANGUAGE_NAMES) as Language[]).map((l) => (
              <option key={l} value={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('settings.syncInterval')}</span>
          <select
            value={settings?.syncIntervalMinutes ?? 15}
            disabled={!settings}
            onChange={(e) => update({ syncIntervalMinutes: Number(e.target.value) })}
          >
            {SYNC_INTERVAL_CHOICES.map((m) => (
              <option key={m} value={m}>
                {intervalName(m)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('settings.fiscalYearStart')}</span>
          <select
            value={settings?.fiscalYearStartMonth ?? 1}
            disabled={!settings}
            onChange={(e) => update({ fiscalYearStartMonth: Number(e.target.value) })}
          >
            {MONTHS.map((m) => (
              <option key={m} value={m}>
                {formatMonthName(m, lang)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <h3>{t('settings.log')}</h3>
      <p className="hint">{t('settings.logHint')}</p>
      <p>
        <code className="log-file" data-testid="log-file">
          {logFile ?? '…'}
        </code>
      </p>
      {/* A shop owner links the built-in bank and never needs an issuer or a client id: the bank
          profiles are for whoever adds another bank, behind 詳細設定. */}
      <details className="advanced" data-testid="settings-advanced">
        <summary>
          <h3>{t('settings.advanced')}</h3>
          <span className="hint">{t('settings.advancedHint')}</span>
        </summary>
        <h3>{t('settings.profiles')}</h3>
        <p className="hint">{t('settings.profilesHint')}</p>
        {settings?.profiles.map((p) => (
          <ProfileForm
            key={`${p.id}-${p.issuer}-${p.clientId}-${p.apiBase}-${p.name}`}
            profile={p}
            errors={errors}
            onSaved={() => void reloadSettings()}
          />
        ))}
        <h4>{t('settings.newProfile')}</h4>
        <ProfileForm errors={errors} onSaved={() => void reloadSettings()} />
      </details>
    </section>
  );
}
