import { useWords } from '../i18n/words.ts';

/** What a first-time user sees: what linking does, and the one button that starts it. */
export function EmptyState({ onLink, builtInOnly }: { onLink(): void; builtInOnly: boolean }) {
  const { t } = useWords();
  return (
    <section className="panel empty-state" aria-labelledby="empty-heading">
      <h2 id="empty-heading">{t('empty.title')}</h2>
      <p>{t('empty.body')}</p>
      <button type="button" className="primary large" onClick={onLink}>
        {t('links.linkAccount')}
      </button>
      {builtInOnly && <p className="hint">{t('empty.demo')}</p>}
    </section>
  );
}
