import { ketaOf } from '../../../shared/book-text.ts';
import { useWords } from '../i18n/words.ts';

/** How wide a name is in 弥生's 桁 (half-width 1, full-width 2), and a warning past its limit. */
export function KetaCount({ text, max }: { text: string; max: number }) {
  const { t } = useWords();
  const count = ketaOf(text.trim());
  const over = count > max;
  return (
    <small className={over ? 'keta warning' : 'keta'} data-testid="keta" aria-live="polite">
      {t(over ? 'books.chart.ketaOver' : 'books.chart.keta', { count, max })}
    </small>
  );
}
