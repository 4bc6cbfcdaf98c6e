import { API_DIALECTS, type ApiDialect } from '../../../shared/bank/oauth.ts';
import type { ProfileCheck, ProfileFinding, ProfileTestResult } from '../../../shared/ipc/contract.ts';
import { useWords } from '../i18n/words.ts';

const ORDER: ProfileCheck['check'][] = ['discovery', 'pkce', 'api', 'dialect', 'key-binding'];

/** What 接続テスト found, step by step (a failed step skips the ones after it). */
export function ProfileTestReport({ result }: { result: ProfileTestResult | 'running' }) {
  const { t } = useWords();
  const findingValue = useFindingValue();
  if (result === 'running')
    return (
      <p className="profile-test" data-testid="profile-test" aria-live="polite">
        {t('settings.testing')}
      </p>
    );
  return (
    <div
      className={`profile-test ${result.ok ? 'ok' : 'failed'}`}
      data-testid="profile-test"
      aria-live="polite"
    >
      <p className={result.ok ? 'result-ok' : 'result-error'}>
        {result.ok ? t('settings.testOk') : t('settings.testFailed')}
      </p>
      <ul>
        {ORDER.map((name) => {
          const check = result.checks.find((c) => c.check === name);
          return (
            <li key={name} className={check ? (check.ok ? 'result-ok' : 'result-error') : 'muted'}>
              <span aria-hidden="true">{check ? (check.ok ? '✓' : '✗') : '–'}</span>{' '}
              {t(`settings.check.${name}`)}
              {check ? (
                check.finding && (
                  <span className="detail">
                    :{' '}
                    {t(`settings.finding.${check.finding.key}`, {
                      ...check.finding,
                      value: findingValue(check.finding),
                    })}
                  </span>
                )
              ) : (
                <span className="detail">: {t('settings.checkSkipped')}</span>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** A finding's value in the UI's words where it is one of ours (an API dialect), else as found. */
function useFindingValue() {
  const { t } = useWords();
  const isDialect = (value: string | undefined): value is ApiDialect =>
    API_DIALECTS.includes(value as ApiDialect);
  return (finding: ProfileFinding): string =>
    finding.key === 'unreachable'
      ? t(`settings.unreachable.${unreachableCause(finding.code)}`)
      : finding.key.startsWith('dialect-') && isDialect(finding.value)
        ? t(`settings.dialects.${finding.value}`)
        : (finding.value ?? '');
}

/** Why a bank could not be reached, from the system's code, as the UI says it (never the raw text). */
const UNREACHABLE = ['ENOTFOUND', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'tls'] as const;
function unreachableCause(code: string | undefined): (typeof UNREACHABLE)[number] | 'other' {
  if (code === 'EAI_AGAIN') return 'ENOTFOUND';
  if (code?.startsWith('ERR_TLS') || code?.includes('CERT') || code === 'DEPTH_ZERO_SELF_SIGNED_CERT')
    return 'tls';
  return UNREACHABLE.find((c) => c === code) ?? 'other';
}
