import { useTranslation } from 'react-i18next';
import { APP_ERROR_TEXT, type AppErrorCode } from '../../../shared/app-errors.ts';
import { CHANNEL_NAMES, SCOPE_NAMES, type ApiScope, type Channel } from '../../../shared/bank/oauth.ts';
import type { Language } from '../../../shared/ipc/contract.ts';

/**
 * The deposit types Japanese banks print (the API's accountTypeName), in English; a name not
 * listed is shown as the bank gave it.
 */
const ACCOUNT_TYPES_EN: Record<string, string> = {
  普通預金: 'Ordinary deposit',
  当座預金: 'Current account',
  貯蓄預金: 'Savings deposit',
  定期預金: 'Time deposit',
  通知預金: 'Notice deposit',
  納税準備預金: 'Tax reserve deposit',
  普通: 'Ordinary',
  当座: 'Current',
};

export function accountTypeIn(name: string, lang: Language): string {
  return lang === 'en' ? (ACCOUNT_TYPES_EN[name] ?? name) : name;
}

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
    accountType: (name: string) => accountTypeIn(name, lang),
  };
}
