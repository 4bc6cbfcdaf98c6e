import { useWords } from '../i18n/words.ts';

const SCREENS = ['accounts', 'statements', 'books', 'links', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

/** The screens; the current one is marked for assistive technology as well as by its look. */
export function NavBar({ current, onGo }: { current: Screen; onGo(screen: Screen): void }) {
  const { t } = useWords();
  return (
    <nav className="nav" aria-label={t('app.navLabel')}>
      {SCREENS.map((screen) => (
        <button
          key={screen}
          type="button"
          className="nav-item"
          aria-current={screen === current ? 'page' : undefined}
          onClick={() => onGo(screen)}
        >
          {t(`nav.${screen}`)}
        </button>
      ))}
    </nav>
  );
}
