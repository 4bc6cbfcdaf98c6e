import type { ExportWarning } from '../../../shared/ipc/books-contract.ts';
import { useWords } from '../i18n/words.ts';
import { errorTextFor } from './export-warning.ts';

const FIELDS = ['memo', 'counterparty', 'title', 'subTitle', 'entry', 'tax'] as const;
type Field = (typeof FIELDS)[number];
/** A year's export can warn for thousands of entries: the first ones of each kind are listed. */
const SHOWN = 100;
const isField = (field: string): field is Field => (FIELDS as readonly string[]).includes(field);

/**
 * What the user should check after an export, grouped by kind: the message once, then each entry
 * with its field and what happened to it (the characters replaced, or the text 弥生 would cut).
 */
export function ExportWarnings({ warnings }: { warnings: ExportWarning[] }) {
  const { t, lang } = useWords();
  if (warnings.length === 0) return null;
  const codes = [...new Set(warnings.map((w) => w.code))];
  return (
    <>
      <p className="warning">{t('books.export.warnings')}</p>
      {codes.map((code) => (
        <div key={code} data-code={code}>
          <p>{errorTextFor(code, lang)}</p>
          <ul>
            {warnings
              .filter((w) => w.code === code)
              .slice(0, SHOWN)
              .map((w) => (
                <li key={`${w.entryId}-${w.field}-${w.code}-${w.detail}`} data-code={w.code}>
                  #{w.entryId} {isField(w.field) ? t(`books.export.field.${w.field}`) : w.field}{' '}
                  {code === 'BOOKS_FIELD_CUT' ? t('books.export.cut', { text: w.detail }) : `(${w.detail})`}
                </li>
              ))}
          </ul>
          {warnings.filter((w) => w.code === code).length > SHOWN && (
            <p>{t('books.export.more', { count: warnings.filter((w) => w.code === code).length - SHOWN })}</p>
          )}
        </div>
      ))}
    </>
  );
}
