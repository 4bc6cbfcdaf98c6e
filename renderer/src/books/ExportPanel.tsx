import { useState } from 'react';
import { EXPORT_TARGETS, type ExportResult, type ExportTarget } from '../../../shared/ipc/books-contract.ts';
import { call } from '../bridge.ts';
import type { ErrorState } from '../app/use-error.ts';
import { useWords } from '../i18n/words.ts';
import { errorTextFor } from './export-warning.ts';

/** A browser download of the file the core made (the browser shell; Electron saved it already). */
function download(result: ExportResult): void {
  const bytes = Uint8Array.from(atob(result.base64!), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: result.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = result.fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** 出力: a date range's entries in 弥生, freee or Money Forward's import format. */
export function ExportPanel({ errors }: { errors: ErrorState }) {
  const { t, lang } = useWords();
  const year = new Date().getFullYear();
  const [target, setTarget] = useState<ExportTarget>('yayoi');
  const [dateFrom, setDateFrom] = useState(`${year}-01-01`);
  const [dateTo, setDateTo] = useState(`${year}-12-31`);
  const [result, setResult] = useState<ExportResult>();
  const run = () => {
    const action = () =>
      call('books:export', { target, dateFrom, dateTo }).then((answer) => {
        setResult(answer);
        if (answer.base64) download(answer);
      });
    action().catch((error: unknown) => errors.show(error, { retry: () => void action() }));
  };
  return (
    <form
      className="export"
      onSubmit={(event) => {
        event.preventDefault();
        run();
      }}
    >
      <fieldset>
        <legend>{t('books.export.target')}</legend>
        {EXPORT_TARGETS.map((x) => (
          <label key={x}>
            <input type="radio" name="export-target" checked={target === x} onChange={() => setTarget(x)} />
            {t(`books.export.${x}`)}
          </label>
        ))}
      </fieldset>
      <label>
        {t('books.journal.from')}
        <input type="date" value={dateFrom} onChange={(e) => setDateFrom(e.target.value)} required />
      </label>
      <label>
        {t('books.journal.to')}
        <input type="date" value={dateTo} onChange={(e) => setDateTo(e.target.value)} required />
      </label>
      <button type="submit" className="primary">
        {t('books.export.run')}
      </button>
      {result && (
        <div role="status" data-testid="export-result">
          <p>{t('books.export.done', { count: result.entries, file: result.fileName })}</p>
          {result.savedTo && <p>{t('books.export.savedTo', { path: result.savedTo })}</p>}
          {result.warnings.length > 0 && (
            <>
              <p className="warning">{t('books.export.warnings')}</p>
              <ul>
                {result.warnings.map((w) => (
                  <li key={`${w.entryId}-${w.field}-${w.code}`} data-code={w.code}>
                    #{w.entryId} {errorTextFor(w.code, lang)} ({w.detail})
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </form>
  );
}
