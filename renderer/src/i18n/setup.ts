import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../shared/ipc/contract.ts';
import { en } from './en.ts';
import { wordFormatter } from './format.ts';
import { ja } from './ja.ts';

/** i18next with the app's two languages as resources (Japanese by default). */
export function setUpI18n(): typeof i18next {
  void i18next
    .use(initReactI18next)
    .use(wordFormatter)
    .init({
      resources: { ja: { translation: ja }, en: { translation: en } },
      lng: 'ja',
      fallbackLng: 'ja',
      // React escapes what it renders; escaping here as well would show &amp; on the screen.
      interpolation: { escapeValue: false, alwaysFormat: true },
      initAsync: false,
      returnNull: false,
    });
  return i18next;
}

/** Switches the words, the page's lang attribute and its title together. */
export async function applyLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
  document.title = i18next.t('app.title');
}
