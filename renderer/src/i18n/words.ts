import { useTranslation } from 'react-i18next';
import { APP_ERROR_TEXT, type AppErrorCode } from '../../../shared/app-errors.ts';
import { CHANNEL_NAMES, SCOPE_NAMES, type ApiScope, type Channel } from '../../../shared/bank/oauth.ts';
import type { Language } from '../../../shared/ipc/contract.ts';

/**
 * Words that have one source in shared/ (error messages, channel and scope names), in the current
 * language, next to i18next's `t` for the rest.
 */
export function useWords() {
  const { t, i18n } = useTranslation();
  const lang: Language = i18n.resolvedLanguage === 'en' ? 'en' : 'ja';
  return {
    t,
    lang,
    errorText: (code: AppErrorCode) => APP_ERROR_TEXT[code][lang],
    channelName: (channel: Channel) => CHANNEL_NAMES[channel][lang],
    scopeName: (scope: ApiScope) => SCOPE_NAMES[scope][lang],
  };
}
